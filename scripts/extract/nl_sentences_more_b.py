"""Writer B's part of the Dutch sentence set ``tests/fixtures/nl-sentences/sentences.jsonl`` (s231–s360).

Written and annotated for krapte by writer B (helper session on branch ``nlsetb``) on 2026-12-07, for issue 11
item 3. 130 short Dutch vacancy and CV lines across digital (software, data, cyber, ICT support, networks), care
(zorg, welzijn) and logistics (warehouse, transport, planning) work: vacancy task lists ("je ..."), CV experience
lines ("ik heb ..."), bullet lines and skills sections. No real employer or person; company names are invented.

About one sentence in seven is a trap, annotated in ``absent``: negations ("kennis van Java is geen vereiste"),
wishes and ambitions ("ik wil doorgroeien naar teamleider"), employer names that look like skills ("Cloudwise
Solutions", "Heftruckcentrum Oost"), certificates and licences ("Rijbewijs C/E", "ITIL 4 Foundation") and language
levels ("Engels: goed (C1)", no annotation at all).

Annotations follow ``docs/extract-annotation.md`` (same format as ``nl_sentences_source.S``):

* ``skills``: exact English preferred labels of the ESCO v1.2.0 skills the sentence states the person has or the job
  needs (the most specific one; nothing when none fits), resolved to URIs by ``scripts/extract/make_nl_sentences.py``;
* ``absent``: labels that must NOT come out (negated, wished for, an employer's name, a certificate).

The texts were written first and annotated afterwards by looking labels up in the taxonomy only. Everything was
written and annotated before krapte's extractor was run on these sentences; the extractor's output on them was not
looked at, so the set is independent of the engine. Sentences whose number is divisible by 5 are annotated a second
time, blind, by writer A (``nl_sentences_second_a.py``) for the agreement figures.
"""

from __future__ import annotations

S: list[tuple[str, str, str, list[str], list[str]]] = [
    # (id, domain, text, skills, absent)
    (
        "s231",
        "digital",
        (
            "Je ontwikkelt en onderhoudt webapplicaties in Java, schrijft unittests voor je eigen code, lost bugs"
            " op die testers melden en beheert de broncode in Git."
        ),
        [
            "Java (computer programming)",
            "web programming",
            "perform software unit testing",
            "debug software",
            "tools for software configuration management",
        ],
        [],
    ),
    (
        "s232",
        "digital",
        (
            "- Python-scripts geschreven om ruwe meetgegevens op te schonen, statistisch te analyseren en te "
            "visualiseren in Power BI; de resultaten gepresenteerd aan het projectteam"
        ),
        [
            "Python (computer programming)",
            "perform data cleansing",
            "apply statistical analysis techniques",
            "data visualisation software",
            "report analysis results",
        ],
        [],
    ),
    (
        "s233",
        "digital",
        (
            "Als servicedeskmedewerker beantwoord je vragen van gebruikers, los je storingen op afstand op, "
            "registreer je elk incident in TOPdesk, maak je accounts aan voor nieuwe medewerkers en schrijf je "
            "handleidingen voor veelgestelde vragen."
        ),
        [
            "provide ICT support",
            "solve ICT system problems",
            "use ICT ticketing system",
            "administer ICT system",
            "write manuals",
        ],
        [],
    ),
    (
        "s234",
        "digital",
        (
            "Ik heb bedrijfsnetwerken ontworpen en aangelegd, switches en firewalls geconfigureerd, "
            "VPN-verbindingen voor thuiswerkers opgezet en het netwerkverkeer geanalyseerd met Wireshark."
        ),
        [
            "design computer network",
            "configure ICT system",
            "implement a firewall",
            "implement a virtual private network",
            "Wireshark",
        ],
        [],
    ),
    (
        "s235",
        "digital",
        (
            "Jij voert penetratietesten uit, brengt kwetsbaarheden in kaart en adviseert onze klanten over "
            "informatiebeveiliging."
        ),
        ["perform ICT security testing", "identify ICT system weaknesses", "advice on security risk management"],
        [],
    ),
    (
        "s236",
        "digital",
        "Vaardigheden: C#, ASP.NET, SQL, TypeScript, Git, Azure DevOps",
        ["C#", "ASP.NET", "SQL", "TypeScript", "tools for software configuration management", "DevOps"],
        [],
    ),
    (
        "s237",
        "digital",
        (
            "Je ontwerpt datamodellen, bouwt ETL-processen, beheert het datawarehouse van de afdeling financiën, "
            "schrijft SQL-query's voor de maandrapportages en bewaakt de kwaliteit van de data."
        ),
        [
            "create data models",
            "data extraction, transformation and loading tools",
            "implement data warehousing techniques",
            "SQL",
            "implement data quality processes",
        ],
        [],
    ),
    (
        "s238",
        "digital",
        (
            "Wij zoeken een front-end developer die gebruiksvriendelijke interfaces ontwerpt, prototypes maakt en"
            " die bouwt in HTML, CSS en JavaScript."
        ),
        [
            "design user interface",
            "create prototype of user experience solutions",
            "use markup languages",
            "CSS",
            "JavaScript",
        ],
        [],
    ),
    (
        "s239",
        "digital",
        (
            "Ik installeer laptops, richt werkplekken in, rol software uit via Intune, vervang defecte onderdelen"
            " en help collega's met hun wachtwoorden."
        ),
        [
            "deploy ICT systems",
            "configure ICT system",
            "install software",
            "maintain computer hardware",
            "provide ICT support",
        ],
        [],
    ),
    (
        "s240",
        "digital",
        (
            "Je bewaakt de prestaties van het netwerk, signaleert storingen vroeg, verhelpt ze samen met de "
            "leverancier en schrijft na elke storing een kort rapport."
        ),
        ["monitor system performance", "solve ICT system problems", "write work-related reports"],
        [],
    ),
    (
        "s241",
        "digital",
        "Ervaring met machine learning, statistiek en datamining in R of Python is een must.",
        ["machine learning", "statistics", "data mining", "R", "Python (computer programming)"],
        [],
    ),
    (
        "s242",
        "digital",
        (
            "Je stelt functionele ontwerpen op, vertaalt de wensen van gebruikers naar eisen, test nieuwe "
            "releases voordat ze live gaan, schrijft de functionele documentatie en traint de key users."
        ),
        [
            "create software design",
            "define technical requirements",
            "execute software tests",
            "provide technical documentation",
            "provide ICT system training",
        ],
        [],
    ),
    (
        "s243",
        "digital",
        ("Ik heb ervaring met Excel, SQL en Power BI, maar programmeren in Python heb ik nooit in de praktijk gedaan."),
        ["use spreadsheets software", "SQL", "data visualisation software"],
        ["Python (computer programming)"],
    ),
    (
        "s244",
        "digital",
        (
            "Je beheert Linux-servers, automatiseert terugkerende taken met shellscripts, installeert "
            "beveiligingsupdates, maakt back-ups en bewaakt de prestaties van de servers."
        ),
        [
            "administer ICT system",
            "use scripting programming",
            "install software",
            "perform backups",
            "monitor system performance",
        ],
        [],
    ),
    (
        "s245",
        "digital",
        ("- Beheer van Active Directory: gebruikersaccounts aanmaken, rechten toekennen en groepsbeleid instellen"),
        ["distributed directory information services", "use access control software", "administer ICT system"],
        [],
    ),
    (
        "s246",
        "digital",
        (
            "Je maakt dagelijks back-ups, test het terugzetten van gegevens, schrijft het plan voor noodherstel "
            "en beheert de opslagsystemen."
        ),
        ["perform backups", "use back-up and recovery tools", "manage disaster recovery plans", "data storage"],
        [],
    ),
    (
        "s247",
        "digital",
        (
            "Als data-analist haal je gegevens op met SQL, maak je rapportages, bouw je dashboards, interpreteer "
            "je trends en presenteer je de resultaten aan het management."
        ),
        [
            "SQL",
            "write work-related reports",
            "deliver visual presentation of data",
            "identify statistical patterns",
            "report analysis results",
        ],
        [],
    ),
    (
        "s248",
        "digital",
        "Werkervaring: 2018 – 2022 junior developer bij Cloudwise Solutions B.V. in Zwolle.",
        [],
        ["cloud technologies"],
    ),
    (
        "s249",
        "digital",
        (
            "Je bouwt REST-API's in Python, verpakt services in Docker-containers, slaat gegevens op in "
            "PostgreSQL en schrijft de API-documentatie voor andere ontwikkelaars."
        ),
        [
            "design application interfaces",
            "Python (computer programming)",
            "manage ICT virtualisation environments",
            "PostgreSQL",
            "provide technical documentation",
        ],
        [],
    ),
    (
        "s250",
        "digital",
        (
            "Je reageert op beveiligingsincidenten, analyseert logbestanden, zoekt de oorzaak van een aanval en "
            "stelt maatregelen voor."
        ),
        ["handle cybersecurity incidents", "cyber attack counter-measures"],
        [],
    ),
    (
        "s251",
        "digital",
        (
            "Ik heb SQL-query's geschreven, databaseschema's ontworpen, trage databases geoptimaliseerd en "
            "maandrapporten gemaakt in Excel."
        ),
        [
            "SQL",
            "design database scheme",
            "maintain database performance",
            "write work-related reports",
            "use spreadsheets software",
        ],
        [],
    ),
    (
        "s252",
        "digital",
        (
            "Je leidt gebruikers op, schrijft heldere handleidingen, beantwoordt vragen over het nieuwe "
            "ERP-systeem, registreert meldingen in het ticketsysteem en test updates voordat ze worden uitgerold."
        ),
        [
            "provide ICT system training",
            "write manuals",
            "provide ICT support",
            "use ICT ticketing system",
            "execute software tests",
        ],
        [],
    ),
    (
        "s253",
        "digital",
        (
            "Je werkt in een Scrum-team, schat user stories in, programmeert in Kotlin, lost bugs op en "
            "demonstreert werkende software aan de product owner."
        ),
        [
            "Agile development",
            "estimate duration of work",
            "computer programming",
            "debug software",
            "demonstrate functionality of software products",
        ],
        [],
    ),
    (
        "s254",
        "digital",
        (
            "Je installeert en configureert routers, trekt netwerkkabels in kantoorpanden, test de verbindingen, "
            "verhelpt storingen aan netwerkapparatuur en documenteert de bekabeling."
        ),
        [
            "deploy ICT systems",
            "configure ICT system",
            "install low voltage wiring",
            "maintain information network hardware",
            "provide technical documentation",
        ],
        [],
    ),
    (
        "s255",
        "digital",
        (
            "Je ontwikkelt Android-apps in Kotlin, werkt met Git en schrijft je eigen tests; kennis van Java is "
            "geen vereiste."
        ),
        [
            "Android (mobile operating systems)",
            "computer programming",
            "tools for software configuration management",
            "perform software unit testing",
        ],
        ["Java (computer programming)"],
    ),
    (
        "s256",
        "digital",
        (
            "Ik ontwikkel mobiele apps in Swift, ontwerp de gebruikersinterface, test de apps op verschillende "
            "iPhones, verwerk feedback uit de app-reviews en publiceer de apps in de App Store."
        ),
        [
            "Swift (computer programming)",
            "mobile device software frameworks",
            "design user interface",
            "execute software tests",
            "collect customer feedback on applications",
        ],
        [],
    ),
    (
        "s257",
        "digital",
        (
            "Je voert risicoanalyses uit, schrijft het informatiebeveiligingsbeleid, controleert of afdelingen "
            "zich aan de AVG houden en organiseert trainingen in veilig digitaal werken voor alle medewerkers."
        ),
        ["perform risk analysis", "define security policies", "GDPR", "set up cybersecurity training programmes"],
        [],
    ),
    (
        "s258",
        "digital",
        "Certificaten: CompTIA A+, ITIL 4 Foundation en Cisco CCNA.",
        [],
        ["apply operations for an ITIL-based environment"],
    ),
    (
        "s259",
        "digital",
        (
            "Je migreert applicaties naar de cloud, richt de omgeving in Microsoft Azure in, automatiseert de "
            "uitrol met scripts, richt de monitoring in en bewaakt de kosten."
        ),
        ["plan migration to cloud", "deploy cloud resource", "automate cloud tasks", "cloud monitoring and reporting"],
        [],
    ),
    (
        "s260",
        "digital",
        (
            "Je verhelpt hardwareproblemen, vervangt onderdelen van pc's en printers en houdt de voorraad "
            "IT-middelen bij."
        ),
        ["maintain computer hardware", "manage inventory"],
        [],
    ),
    (
        "s261",
        "digital",
        (
            "Ik heb een webshop gebouwd in WordPress, productfoto's bewerkt in Photoshop, de site geoptimaliseerd"
            " voor zoekmachines, de bestellingen uit de webshop verwerkt en vragen van klanten per mail "
            "beantwoord."
        ),
        [
            "WordPress",
            "Adobe Photoshop",
            "conduct search engine optimisation",
            "process orders from online shop",
            "communicate with customers",
        ],
        [],
    ),
    (
        "s262",
        "digital",
        (
            "Je verzamelt data uit verschillende bronnen, schoont die op, bouwt in Python voorspellende modellen "
            "en legt de uitkomsten uit aan niet-technische collega's."
        ),
        [
            "gather data",
            "perform data cleansing",
            "Python (computer programming)",
            "build predictive models",
            "report analysis results",
        ],
        [],
    ),
    ("s263", "digital", "Engels: goed (C1), Nederlands: moedertaal, Duits: basis.", [], []),
    (
        "s264",
        "digital",
        (
            "Je documenteert de netwerkarchitectuur, houdt de CMDB bij, beheert de IP-adressen, stelt de "
            "netwerkapparatuur in en schrijft wijzigingsvoorstellen."
        ),
        [
            "provide technical documentation",
            "maintain internet protocol configuration",
            "configure ICT system",
            "manage ICT change request process",
        ],
        [],
    ),
    (
        "s265",
        "digital",
        (
            "Je schrijft geautomatiseerde tests met Selenium, voert regressietests uit en rapporteert bevindingen"
            " in Jira."
        ),
        [
            "develop automated software tests",
            "tools for ICT test automation",
            "execute software tests",
            "report test findings",
        ],
        [],
    ),
    (
        "s266",
        "digital",
        (
            "Ik heb de migratie van Exchange naar Microsoft 365 geleid, de planning bewaakt, een handleiding "
            "geschreven en de gebruikers getraind."
        ),
        ["manage ICT project", "migrate existing data", "write manuals", "provide ICT system training"],
        [],
    ),
    (
        "s267",
        "digital",
        (
            "Je ontwerpt de software-architectuur, kiest passende technologieën, bewaakt de kwaliteit van de code"
            " met reviews, schrijft de technische documentatie en begeleidt junior developers."
        ),
        [
            "define software architecture",
            "conduct ICT code review",
            "provide technical documentation",
            "mentor individuals",
        ],
        [],
    ),
    (
        "s268",
        "digital",
        "Mijn ambitie is om als ethical hacker aan de slag te gaan.",
        [],
        ["perform ICT security testing"],
    ),
    (
        "s269",
        "digital",
        (
            "Je configureert firewalls, beheert de VPN-toegang, installeert antivirussoftware op alle "
            "werkplekken, monitort het netwerkverkeer op verdachte activiteiten en reageert op "
            "beveiligingsincidenten."
        ),
        [
            "define firewall rules",
            "implement a virtual private network",
            "implement anti-virus software",
            "handle cybersecurity incidents",
        ],
        [],
    ),
    (
        "s270",
        "digital",
        "Je begeleidt stagiairs, beoordeelt de code van collega's en deelt je kennis tijdens lunchsessies.",
        ["mentor individuals", "conduct ICT code review"],
        [],
    ),
    (
        "s271",
        "digital",
        (
            "- Dashboards ontwikkeld in Tableau en Power BI voor de afdeling inkoop; KPI's gedefinieerd met de "
            "managers; maandrapportages geautomatiseerd met SQL"
        ),
        [
            "deliver visual presentation of data",
            "data visualisation software",
            "track key performance indicators",
            "SQL",
        ],
        [],
    ),
    (
        "s272",
        "digital",
        (
            "Je analyseert bedrijfsprocessen, tekent ze uit in BPMN, brengt knelpunten in kaart, schrijft "
            "business cases en begeleidt de invoering van nieuwe systemen."
        ),
        [
            "analyse business processes",
            "business process modelling",
            "develop business case",
            "apply change management",
        ],
        [],
    ),
    ("s273", "digital", "Stage gelopen bij SecureNet Cyber Services in Utrecht.", [], ["cyber security"]),
    (
        "s274",
        "digital",
        (
            "Je installeert besturingssystemen, rolt updates en patches uit op servers en werkstations, "
            "verwijdert malware, beheert de smartphones van medewerkers met MDM en houdt de licenties bij."
        ),
        [
            "install operating system",
            "install software",
            "remove computer virus or malware from a computer",
            "mobile device management",
        ],
        [],
    ),
    (
        "s275",
        "digital",
        (
            "Je bouwt en onderhoudt websites, beheert het CMS, schrijft teksten voor het web en verbetert de "
            "vindbaarheid in Google."
        ),
        [
            "web programming",
            "manage website",
            "use content management system software",
            "develop digital content",
            "conduct search engine optimisation",
        ],
        [],
    ),
    (
        "s276",
        "care",
        (
            "Je helpt cliënten bij de persoonlijke verzorging, zoals wassen, aankleden, tandenpoetsen en eten, "
            "meet hun bloeddruk en signaleert veranderingen in hun gezondheid."
        ),
        [
            "provide basic support to patients",
            "assist with dressing",
            "take and analyse blood pressure",
            "observe healthcare users",
        ],
        [],
    ),
    (
        "s277",
        "care",
        (
            "Ik heb wonden verzorgd, blaaskatheters ingebracht, medicatie toegediend, de vitale functies bewaakt "
            "en patiënten geholpen met wassen op een chirurgische afdeling."
        ),
        [
            "carry out wound care",
            "administer prescribed medication",
            "monitor basic patients signs",
            "provide basic support to patients",
        ],
        [],
    ),
    (
        "s278",
        "care",
        (
            "Als verzorgende IG help je cliënten bij de persoonlijke verzorging, meet je de bloedsuiker en de "
            "bloeddruk, geef je insuline en rapporteer je in het elektronisch cliëntdossier."
        ),
        [
            "monitor service users' health",
            "take and analyse blood pressure",
            "administer prescribed medication",
            "use electronic health records in nursing",
            "provide basic support to patients",
        ],
        [],
    ),
    (
        "s279",
        "care",
        (
            "Je begeleidt jongeren met autisme bij wonen, werk en vrije tijd, leert ze omgaan met geld, stelt "
            "samen met hen een ondersteuningsplan op en rapporteert in het dossier."
        ),
        [
            "support service users in developing skills",
            "support social service users to manage their financial affairs",
            "involve service users and carers in care planning",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s280",
        "care",
        (
            "Je signaleert veranderingen in de gezondheid van bewoners, meet hun temperatuur en pols en overlegt "
            "met de huisarts."
        ),
        ["observe healthcare users", "monitor service users' health", "communicate in healthcare"],
        [],
    ),
    (
        "s281",
        "care",
        "- Vaardigheden: wondzorg, medicatie toedienen, bloeddruk meten, palliatieve zorg, werken met het ECD",
        [
            "carry out wound care",
            "administer prescribed medication",
            "take and analyse blood pressure",
            "provide palliative care",
            "use electronic health records in nursing",
        ],
        [],
    ),
    (
        "s282",
        "care",
        (
            "Je voert intakegesprekken, stelt de hulpvraag vast, verwijst cliënten door naar passende "
            "hulpverlening en legt alles vast in het cliëntdossier."
        ),
        [
            "conduct interview in social service",
            "assess social service users' situation",
            "refer social service users",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s283",
        "care",
        (
            "Ik heb op een verpleegafdeling bloeddruk gemeten, patiënten gewassen en bedden opgemaakt, en ik wil "
            "me later specialiseren in wondzorg."
        ),
        ["take and analyse blood pressure", "provide basic support to patients", "make the beds"],
        ["carry out wound care"],
    ),
    (
        "s284",
        "care",
        (
            "Je ondersteunt mensen met een licht verstandelijke beperking bij het koken, het schoonmaken van hun "
            "huis en het beheren van hun geld, helpt ze een baan te vinden en te houden en houdt een "
            "dagrapportage bij."
        ),
        [
            "provide in-home support for disabled individuals",
            "support social service users to manage their financial affairs",
            "support employability of people with disabilities",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s285",
        "care",
        (
            "Je verpleegt patiënten na een operatie, controleert hun vitale functies, bestrijdt pijn en bereidt "
            "het ontslag voor."
        ),
        [
            "provide comprehensive care for patients with surgical conditions",
            "monitor basic patients signs",
            "manage acute pain",
            "develop plans related to client discharge",
        ],
        [],
    ),
    (
        "s286",
        "care",
        (
            "Ik heb ervaring met reanimeren, werken met een tillift, het geven van injecties, het afnemen van "
            "bloed en het verzorgen van wonden."
        ),
        [
            "resuscitation",
            "transfer patients",
            "administer prescribed medication",
            "carry out wound care",
            "take blood samples",
        ],
        [],
    ),
    (
        "s287",
        "care",
        (
            "Je werkt met gezinnen in een kwetsbare situatie, versterkt de opvoedvaardigheden van ouders, betrekt"
            " het netwerk rond het kind, onderzoekt of de kinderen thuis veilig zijn en schrijft rapportages voor"
            " de jeugdbescherming."
        ),
        [
            "work with healthcare users' social network",
            "determine child welfare",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s288",
        "care",
        (
            "Medicatie toedienen hoort niet bij deze functie; je helpt bewoners wel met eten en drinken, zet "
            "koffie en doet kleine boodschappen."
        ),
        ["provide basic support to patients", "prepare hot drinks", "buy groceries"],
        ["administer prescribed medication"],
    ),
    ("s289", "care", "Je hebt een BIG-registratie en een geldig EHBO-diploma.", [], ["provide first aid"]),
    (
        "s290",
        "care",
        ("Je observeert het gedrag van kinderen, houdt verslagen bij en bespreekt hun ontwikkeling met de ouders."),
        [
            "observe human behaviour",
            "maintain records of work with service users",
            "maintain relations with children's parents",
        ],
        [],
    ),
    (
        "s291",
        "care",
        (
            "Ik begeleid cliënten met psychiatrische problemen, deel medicatie uit, handel crisissituaties af, "
            "ondersteun hun naasten en rapporteer dagelijks in het dossier."
        ),
        [
            "administer prescribed medication",
            "apply crisis intervention",
            "work with healthcare users' social network",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s292",
        "care",
        (
            "Je plant de zorg voor je afdeling, verdeelt de taken in het team, coacht leerlingen in de "
            "beroepspraktijk en evalueert samen met collega's de kwaliteit van de verpleegkundige zorg."
        ),
        [
            "plan nursing care",
            "delegate responsibilities",
            "provide learning support in healthcare",
            "evaluate nursing care",
        ],
        [],
    ),
    (
        "s293",
        "care",
        (
            "Je geeft voorlichting over valpreventie, gezonde voeding en bewegen aan ouderen in de wijk en "
            "organiseert beweegactiviteiten in het buurthuis."
        ),
        [
            "educate on preventing injuries",
            "nutrition of healthy persons",
            "promote healthy lifestyle",
            "facilitate physical activity in the community",
        ],
        [],
    ),
    (
        "s294",
        "care",
        "- Medicatie toedienen, stoma's verzorgen, wonden verzorgen, bloed afnemen en bloeddruk meten",
        [
            "administer prescribed medication",
            "carry out wound care",
            "take blood samples",
            "take and analyse blood pressure",
        ],
        [],
    ),
    (
        "s295",
        "care",
        (
            "Je organiseert dagbesteding, zoals wandelen, muziek maken en creatieve activiteiten, en stimuleert "
            "de zelfredzaamheid van deelnemers."
        ),
        [
            "support service users in developing skills",
            "encourage social service users to preserve their independence in their daily activities",
        ],
        [],
    ),
    (
        "s296",
        "care",
        (
            "Ik heb als helpende in de thuiszorg huishoudelijk werk gedaan, de was gedaan, boodschappen gehaald, "
            "cliënten geholpen met douchen en eenzame cliënten gezelschap gehouden."
        ),
        [
            "provide domestic care",
            "wash the laundry",
            "buy groceries",
            "keep company",
            "provide basic support to patients",
        ],
        [],
    ),
    ("s297", "care", "Receptioniste bij Wondzorgcentrum Zuid, 2020 – 2023.", [], ["carry out wound care"]),
    (
        "s298",
        "care",
        (
            "Je zorgt voor een veilige omgeving, past de hygiëneregels toe, desinfecteert oppervlakken en "
            "hulpmiddelen na gebruik en voorkomt infecties op de afdeling."
        ),
        ["ensure safety of healthcare users", "apply hygiene standards", "infection control", "disinfect surfaces"],
        [],
    ),
    (
        "s299",
        "care",
        (
            "Je helpt kinderen bij het maken van huiswerk, leert ze sociale vaardigheden aan, bewaakt hun "
            "veiligheid op de groep en houdt contact met hun ouders."
        ),
        [
            "assist children with homework",
            "assist children in developing personal skills",
            "supervise children",
            "maintain relations with children's parents",
        ],
        [],
    ),
    (
        "s300",
        "care",
        "Je zet medicatie klaar, deelt die uit en registreert elke toediening in het systeem.",
        ["prepare doses of medication according to patient needs", "administer prescribed medication"],
        [],
    ),
    (
        "s301",
        "care",
        (
            "Je werkt met ouderen met dementie, helpt ze met eten en drinken, gaat rustig om met onbegrepen "
            "gedrag en houdt contact met de familie."
        ),
        [
            "tend to elderly people",
            "provide basic support to patients",
            "respond to healthcare users' extreme emotions",
            "communicate with others who are significant to service users",
        ],
        [],
    ),
    (
        "s302",
        "care",
        (
            "Ik heb kraamzorg gegeven: moeder en baby verzorgd, geholpen met borstvoeding, de bloeddruk van de "
            "moeder gemeten, de eerste dagen na de bevalling gecontroleerd en het huishouden schoongehouden."
        ),
        [
            "provide postnatal care",
            "care for the new-born infant",
            "take and analyse blood pressure",
            "perform cleaning duties",
        ],
        [],
    ),
    (
        "s303",
        "care",
        (
            "Je voert gesprekken met cliënten over hun schulden, stelt een budgetplan op, beheert hun inkomsten, "
            "betaalt hun vaste lasten en onderhandelt met schuldeisers."
        ),
        [
            "assess debtor's financial situation",
            "budget for financial needs",
            "negotiate with social service stakeholders",
            "manage clients' money matters",
        ],
        [],
    ),
    ("s304", "care", "Nederlands op niveau B2 is een vereiste, Engels is een pré.", [], []),
    (
        "s305",
        "care",
        (
            "Je laat revaliderende cliënten oefeningen doen, mobiliseert ze na een operatie en adviseert over "
            "hulpmiddelen zoals een rollator."
        ),
        ["assist in performing physical exercises", "assist patients with rehabilitation"],
        [],
    ),
    (
        "s306",
        "care",
        (
            "Je bent het eerste aanspreekpunt voor familie en mantelzorgers, betrekt hen bij het zorgplan, geeft "
            "uitleg over de behandeling en regelt de zorg thuis na ontslag."
        ),
        [
            "communicate with others who are significant to service users",
            "involve service users and carers in care planning",
            "support patients to understand their conditions",
            "organise homecare for patients",
        ],
        [],
    ),
    (
        "s307",
        "care",
        "- Ervaring met palliatieve zorg, stervensbegeleiding en rouwverwerking",
        ["provide palliative care", "support social service users at the end of life", "help clients cope with grief"],
        [],
    ),
    (
        "s308",
        "care",
        (
            "Je beoordeelt meldingen van huiselijk geweld, schat de veiligheid in, zet waar nodig hulp in en legt"
            " de afspraken vast in het dossier."
        ),
        [
            "contribute to protecting individuals from harm",
            "undertake risk assessment of social service users",
            "refer social service users",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s309",
        "care",
        (
            "- Werkzaamheden: intakegesprekken voeren, hulpvragen verhelderen, rapporteren in het cliëntdossier "
            "en doorverwijzen naar andere instanties"
        ),
        [
            "conduct interview in social service",
            "assess social service users' situation",
            "maintain records of work with service users",
            "refer social service users",
        ],
        [],
    ),
    (
        "s310",
        "care",
        (
            "Ik heb jongeren met gedragsproblemen begeleid, maar ik heb geen ervaring met het begeleiden van "
            "mensen met een verslaving."
        ),
        ["handle children's problems"],
        ["assess clients' drug and alcohol addictions"],
    ),
    (
        "s311",
        "care",
        "Je maakt bedden op, reinigt de kamers, wast het linnengoed en deelt maaltijden rond.",
        ["make the beds", "clean rooms", "wash the laundry", "distribute meals to patients"],
        [],
    ),
    (
        "s312",
        "care",
        (
            "Je voert verpleegtechnische handelingen uit, zoals een maagsonde inbrengen, een infuus aansluiten en"
            " een blaaskatheter spoelen, en je neemt bloed af, controleert de vitale functies en verzorgt "
            "complexe wonden."
        ),
        ["intravenous infusion", "take blood samples", "carry out wound care", "monitor basic patients signs"],
        [],
    ),
    (
        "s313",
        "care",
        (
            "Je motiveert deelnemers om meer te bewegen, geeft beweeglessen aan groepen senioren, past de "
            "oefeningen aan hun mogelijkheden aan en geeft advies over een gezonde leefstijl."
        ),
        [
            "motivate fitness clients",
            "facilitate physical activity in the community",
            "adapt fitness exercises",
            "advise on healthy lifestyles",
        ],
        [],
    ),
    (
        "s314",
        "care",
        (
            "Ik heb cliënten geholpen met het aanvragen van toeslagen, het invullen van formulieren en het "
            "ordenen van hun administratie, samen met hen een budgetplan gemaakt en hen doorverwezen naar de "
            "schuldhulpverlening."
        ),
        [
            "advise on social security benefits",
            "assist with personal administration issues",
            "refer service users to community resources",
            "budget for financial needs",
        ],
        [],
    ),
    (
        "s315",
        "care",
        "Je bewaakt de kwaliteit van zorg, voert interne audits uit en werkt de protocollen bij.",
        ["internal auditing"],
        [],
    ),
    (
        "s316",
        "care",
        (
            "Je begeleidt statushouders bij de inburgering, zoekt met hen naar werk, legt uit hoe toeslagen en de"
            " zorgverzekering werken en helpt bij contact met instanties."
        ),
        [
            "support migrants to integrate in the receiving country",
            "provide assistance with job search",
            "refer service users to community resources",
            "advise on social security benefits",
        ],
        [],
    ),
    (
        "s317",
        "care",
        (
            "Je herkent signalen van kindermishandeling, handelt volgens de meldcode, overlegt met Veilig Thuis, "
            "legt je observaties vast en ondersteunt kinderen die iets ingrijpends hebben meegemaakt."
        ),
        [
            "contribute to the safeguarding of children",
            "contribute to protecting individuals from harm",
            "support traumatised children",
            "maintain records of work with service users",
        ],
        [],
    ),
    (
        "s318",
        "care",
        (
            "Je luistert naar cliënten, stelt ze gerust, biedt emotionele steun bij verlies en rouw, betrekt hun "
            "naasten en verwijst ze zo nodig door naar een psycholoog."
        ),
        [
            "listen actively",
            "help clients cope with grief",
            "refer healthcare users",
            "work with healthcare users' social network",
        ],
        [],
    ),
    (
        "s319",
        "care",
        (
            "Je tilt en verplaatst cliënten veilig, helpt ze uit bed in de rolstoel, helpt ze met douchen en "
            "aankleden en verschoont daarna het bed."
        ),
        ["transfer patients", "assist with dressing", "make the beds", "provide basic support to patients"],
        [],
    ),
    (
        "s320",
        "care",
        (
            "Je helpt cliënten met wassen en aankleden en houdt ze gezelschap; je hoeft geen ervaring te hebben "
            "met het toedienen van medicatie of het verzorgen van wonden."
        ),
        ["provide basic support to patients", "assist with dressing", "keep company"],
        ["administer prescribed medication", "carry out wound care"],
    ),
    (
        "s321",
        "logistics",
        (
            "Je verzamelt orders met een handscanner, pakt ze in, plakt de verzendlabels en maakt de zendingen "
            "klaar voor transport."
        ),
        [
            "pick orders for dispatching",
            "use barcode scanning equipment",
            "pack goods",
            "ensure correct goods labelling",
            "dispatch order processing",
        ],
        [],
    ),
    (
        "s322",
        "logistics",
        ("- Laden en lossen van vrachtwagens, controleren van vrachtbrieven en inboeken van goederen in het WMS"),
        [
            "load cargo",
            "unload cargo",
            "ensure that shipment contents correspond with shipping documentation",
            "receive goods",
            "use a warehouse management system",
        ],
        [],
    ),
    (
        "s323",
        "logistics",
        (
            "Als chauffeur rijd je met een trekker-oplegger, zet je de lading goed vast, controleer je de "
            "vrachtpapieren, houd je je aan de rij- en rusttijden en lever je de goederen af bij klanten in de "
            "Benelux."
        ),
        [
            "manoeuvre heavy trucks",
            "secure cargo in stowage",
            "handle shipment paperwork",
            "road transport legislation",
        ],
        [],
    ),
    (
        "s324",
        "logistics",
        (
            "Ik heb ritten gepland, chauffeurs aangestuurd, de kosten per rit berekend en klachten van klanten "
            "afgehandeld."
        ),
        [
            "schedule and dispatch drivers",
            "manage truck drivers",
            "analyse transportation costs",
            "handle customer complaints",
        ],
        [],
    ),
    (
        "s325",
        "logistics",
        "Je rijdt op een reachtruck, slaat pallets op in de stellingen en telt periodiek de voorraad.",
        ["operate forklift", "store warehouse goods", "carry out inventory control accuracy"],
        [],
    ),
    (
        "s326",
        "logistics",
        (
            "Je bewaakt de voorraadniveaus in SAP, voorspelt de vraag op basis van verkoopcijfers, bestelt bij "
            "leveranciers, onderhandelt over prijzen en voorkomt tekorten in de winkels."
        ),
        ["monitor stock level", "SAP R3", "order supplies", "negotiate price", "forecast products' demand"],
        [],
    ),
    ("s327", "logistics", "Planner bij Heftruckcentrum Oost, 2017 – 2021.", [], ["operate forklift"]),
    (
        "s328",
        "logistics",
        (
            "Je ontvangt inkomende goederen, controleert ze op schade en afwijkingen, meldt problemen direct aan "
            "de leverancier, boekt de goederen in het WMS in en slaat ze op in de stellingen."
        ),
        ["receive goods", "check deliveries on receipt", "store warehouse goods", "use a warehouse management system"],
        [],
    ),
    (
        "s329",
        "logistics",
        (
            "Je stelt douanedocumenten op, berekent invoerrechten, regelt de douane-inspectie en zorgt dat "
            "zendingen voldoen aan de exportregels."
        ),
        [
            "arrange customs documents",
            "international tariffs",
            "arrange customs inspection",
            "ensure customs compliance",
        ],
        [],
    ),
    (
        "s330",
        "logistics",
        (
            "Ik heb orders verzameld, heftruck gereden en nieuwe collega's ingewerkt, en ik wil doorgroeien naar "
            "teamleider in het magazijn."
        ),
        ["pick orders for dispatching", "operate forklift", "introduce new employees"],
        ["lead a team"],
    ),
    (
        "s331",
        "logistics",
        (
            "Je optimaliseert de indeling van het magazijn, zorgt dat de opslagruimte optimaal wordt benut, "
            "verbetert de processen met lean-methoden en begeleidt verbeterprojecten."
        ),
        [
            "manage warehouse organisation",
            "ensure efficient utilisation of warehouse space",
            "continuous improvement philosophies",
            "improve business processes",
        ],
        [],
    ),
    (
        "s332",
        "logistics",
        ("Je rijdt met een bestelbus, bezorgt pakketten aan huis, rekent rembourszendingen af en neemt retouren in."),
        ["drive vehicles", "deliver correspondence", "process payments", "handle returns"],
        [],
    ),
    (
        "s333",
        "logistics",
        (
            "Ik heb orders verzameld met een voice-picksysteem, pakketten gesorteerd, gescand, gewogen en op de "
            "juiste rolcontainer gezet, en vrachtwagens gelost."
        ),
        ["use barcode scanning equipment", "weigh shipments", "unload cargo", "pick orders for dispatching"],
        [],
    ),
    (
        "s334",
        "logistics",
        (
            "Je beheert het wagenpark met een fleetmanagementsysteem, plant het onderhoud van de voertuigen in, "
            "koopt nieuwe bestelbussen in en houdt de kosten in de gaten."
        ),
        ["manage company fleet", "plan road fleet maintenance", "order vehicles", "use fleet management system"],
        [],
    ),
    (
        "s335",
        "logistics",
        ("Je coördineert de aanvoer van containers in de haven en stemt af met rederijen, vervoerders en de douane."),
        ["coordinate transportation", "liaise with transportation companies"],
        [],
    ),
    (
        "s336",
        "logistics",
        (
            "Je stuurt een team van twintig orderpickers aan, maakt de roosters, werkt nieuwe collega's in, "
            "bewaakt de productiviteit van het team en voert functioneringsgesprekken."
        ),
        [
            "lead a team",
            "plan shifts of employees",
            "introduce new employees",
            "provide feedback on job performance",
            "track key performance indicators",
        ],
        [],
    ),
    (
        "s337",
        "logistics",
        "Kennis van SAP is geen must, ervaring met Excel, Word en Outlook wel.",
        ["use spreadsheets software", "use microsoft office"],
        ["SAP R3"],
    ),
    (
        "s338",
        "logistics",
        (
            "Je laadt de vrachtwagen volgens de laadvolgorde, verdeelt het gewicht over de assen, zet de lading "
            "vast met spanbanden en controleert de vrachtpapieren."
        ),
        [
            "ensure safe loading of goods according to stowage plan",
            "balance transportation cargo",
            "secure goods",
            "handle shipment paperwork",
        ],
        [],
    ),
    (
        "s339",
        "logistics",
        (
            "Je werkt met gevaarlijke stoffen, verpakt en etiketteert ze volgens de voorschriften, past de "
            "ADR-regels toe bij opslag en vervoer en vult de vervoersdocumenten in."
        ),
        [
            "handling of dangerous goods",
            "transport dangerous goods",
            "international carriage of dangerous goods by road",
            "manage documentation for dangerous goods",
        ],
        [],
    ),
    (
        "s340",
        "logistics",
        "Rijbewijs C/E, code 95 en een chauffeurskaart zijn vereist.",
        [],
        ["manoeuvre heavy trucks"],
    ),
    (
        "s341",
        "logistics",
        "Je maakt de productieplanning in SAP, stemt de capaciteit af op de vraag en bewaakt de levertijden.",
        ["schedule production", "SAP R3", "plan future capacity requirements", "monitor merchandise delivery"],
        [],
    ),
    (
        "s342",
        "logistics",
        (
            "Je verwerkt orders in het systeem, stelt de facturen op, beantwoordt vragen van klanten, handelt "
            "klachten af en volgt zendingen tot ze zijn afgeleverd."
        ),
        ["communicate with customers", "handle customer complaints", "track shipments", "issue sales invoices"],
        [],
    ),
    (
        "s343",
        "logistics",
        (
            "- Heftruck en elektrische pallettruck besturen; orders verzamelen met een handscanner; pakketten "
            "inpakken, wegen en labelen"
        ),
        [
            "operate forklift",
            "pack goods",
            "weigh shipments",
            "ensure correct goods labelling",
            "pick orders for dispatching",
            "use barcode scanning equipment",
        ],
        [],
    ),
    (
        "s344",
        "logistics",
        (
            "Je onderhandelt met vervoerders over tarieven, sluit contracten af, beoordeelt hun prestaties en "
            "bouwt relaties op met nieuwe vervoerders."
        ),
        [
            "negotiate prices for transport of cargo",
            "manage contracts",
            "monitor contractor performance",
            "foster relationships with various types of carrier",
        ],
        [],
    ),
    (
        "s345",
        "logistics",
        "Je analyseert transportdata, zoekt naar besparingen en rapporteert maandelijks over de KPI's.",
        ["use methods of logistical data analysis", "analyse transportation costs", "track key performance indicators"],
        [],
    ),
    (
        "s346",
        "logistics",
        (
            "Ik heb als bijrijder pakketten bezorgd, vrachtwagens gelost en vrachtbrieven gecontroleerd; zelf heb"
            " ik geen rijbewijs."
        ),
        ["deliver correspondence", "unload cargo", "handle shipment paperwork"],
        ["drive vehicles"],
    ),
    (
        "s347",
        "logistics",
        (
            "Je houdt je werkplek schoon, draagt de voorgeschreven beschermingsmiddelen, volgt de "
            "veiligheidsregels en meldt onveilige situaties aan je leidinggevende."
        ),
        [
            "maintain work area cleanliness",
            "wear appropriate protective gear",
            "ensure compliance with safety legislation",
            "report on possible equipment hazards",
        ],
        [],
    ),
    (
        "s348",
        "logistics",
        (
            "Je bedient de sorteerinstallatie, houdt de banden in de gaten, lost kleine storingen zelf op, voert "
            "het dagelijkse onderhoud uit en houdt je werkplek schoon."
        ),
        [
            "monitor conveyor belt",
            "perform minor repairs to equipment",
            "perform machine maintenance",
            "maintain work area cleanliness",
        ],
        [],
    ),
    (
        "s349",
        "logistics",
        (
            "Je vervoert rolstoelgebruikers, rijdt rustig en defensief, helpt ze bij het in- en uitstappen en zet"
            " de rolstoel vast in de bus."
        ),
        ["drive vehicles", "perform defensive driving", "assist disable passengers"],
        [],
    ),
    (
        "s350",
        "logistics",
        ("Je voert cyclustellingen uit, zoekt voorraadverschillen uit en corrigeert de voorraad in het systeem."),
        ["carry out inventory control accuracy", "maintain stock control systems"],
        [],
    ),
    (
        "s351",
        "logistics",
        (
            "Je verpakt breekbare goederen, stelt pallets samen, wikkelt ze in stretchfolie, plakt de juiste "
            "etiketten op de dozen en laadt ze in de vrachtwagen."
        ),
        ["pack fragile items for transportation", "stack goods", "ensure correct goods labelling", "load cargo"],
        [],
    ),
    (
        "s352",
        "logistics",
        (
            "Je controleert je vrachtwagen voor vertrek op schade, houdt je aan de rij- en rusttijden, vult de "
            "vrachtbrief in en wast de wagen aan het eind van de week."
        ),
        ["road transport legislation", "handle shipment paperwork", "wash vehicles", "check vehicle damage"],
        [],
    ),
    (
        "s353",
        "logistics",
        (
            "Ik heb de retourstroom ingericht, retourzendingen beoordeeld, bruikbare artikelen teruggeboekt in de"
            " voorraad, klanten gebeld over hun retour en een maandrapport over de retourredenen geschreven."
        ),
        [
            "handle returns",
            "maintain stock control systems",
            "communicate with customers",
            "write work-related reports",
        ],
        [],
    ),
    (
        "s354",
        "logistics",
        (
            "Je plant de inzet van uitzendkrachten, maakt weekroosters, werkt nieuwe krachten in, houdt de "
            "productiviteit per team bij en stuurt bij als het drukker wordt dan verwacht."
        ),
        ["plan shifts of employees", "introduce new employees", "track key performance indicators"],
        [],
    ),
    (
        "s355",
        "logistics",
        (
            "Je bedient een portaalkraan op de containerterminal, laadt en lost schepen en treinen en "
            "communiceert via de portofoon met de grondploeg."
        ),
        ["operate cranes", "load cargo onto ships", "operate two-way radio systems"],
        [],
    ),
    (
        "s356",
        "logistics",
        "- Vaardigheden: reachtruck en heftruck, orderpicken, scannen, voorraadbeheer in SAP, inpakken",
        [
            "operate forklift",
            "pick orders for dispatching",
            "use barcode scanning equipment",
            "manage warehouse inventory",
            "SAP R3",
            "pack goods",
        ],
        [],
    ),
    (
        "s357",
        "logistics",
        (
            "Je zoekt de snelste route, plant de ritten in, volgt de wagens in het fleetmanagementsysteem, houdt "
            "rekening met venstertijden en informeert klanten over vertragingen."
        ),
        [
            "prepare transportation routes",
            "schedule and dispatch drivers",
            "provide customers with order information",
            "use fleet management system",
        ],
        [],
    ),
    (
        "s358",
        "logistics",
        (
            "Voorraadbeheer is niet jouw taak: je rijdt de bestellingen rond, helpt klanten bij het uitladen en "
            "neemt betalingen in ontvangst."
        ),
        ["drive vehicles", "unload cargo", "process payments"],
        ["manage warehouse inventory"],
    ),
    (
        "s359",
        "logistics",
        (
            "Je stelt inkooporders op, bewaakt de leverdata, zoekt nieuwe leveranciers, onderhandelt over "
            "leveringsvoorwaarden en onderhoudt het contact met leveranciers in Azië."
        ),
        [
            "issue purchase orders",
            "monitor merchandise delivery",
            "identify suppliers",
            "maintain relationship with suppliers",
            "negotiate terms with suppliers",
        ],
        [],
    ),
    (
        "s360",
        "logistics",
        (
            "Je leidt nieuwe collega's in het magazijn op, legt uit hoe je veilig met de heftruck werkt en ziet "
            "erop toe dat iedereen de veiligheidsregels naleeft."
        ),
        ["coach employees", "ensure compliance with safety legislation"],
        [],
    ),
]
