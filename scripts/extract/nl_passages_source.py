"""Source of the Dutch evaluation set ``tests/fixtures/nl-passages/passages.jsonl`` (written for krapte).

Each passage is a short Dutch vacancy or CV fragment written for this project (no real employer or person) in the
style of Dutch technical, energy, ICT and care-ICT vacancies. Annotations:

* ``skills``: English preferred labels of the ESCO v1.2.0 skills a recruiter would tag (resolved to URIs by
  ``scripts/extract/make_nl_passages.py``);
* ``absent``: labels that must NOT come out (negated or only in boilerplate);
* ``requirements``: what ``krapte.extract.requirements.extract_requirements`` should find (certificate ids,
  driving licence categories, education level, hours, language levels).

The passages were written before measuring the engine on them and are not used to tune it.
"""

from __future__ import annotations

from typing import Any

P: list[dict[str, Any]] = [
    {
        "id": "v01",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als monteur warmtepompen ben je verantwoordelijk voor het installeren van warmtepompen bij "
        "particulieren. Daarnaast voer je onderhoud uit aan bestaande cv-ketels. Je beschikt over een mbo 3 "
        "diploma Installatietechniek en VCA basis. Rijbewijs B is vereist.",
        "skills": ["install heat pump", "install heating boiler"],
        "requirements": {
            "certificates": ["vca"],
            "driving_licences": ["B"],
            "education": {"level": "mbo", "mbo_level": 3},
        },
    },
    {
        "id": "v02",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Voor ons team in Zwolle zoeken wij een zonnepanelenmonteur. Je monteert zonnepanelen op daken "
        "van woningen en bedrijfspanden en sluit de omvormers aan. Geen ervaring met lassen vereist; je krijgt "
        "een interne opleiding. Werktijden 32 tot 40 uur per week.",
        "skills": ["mount photovoltaic panels", "install photovoltaic systems"],
        "absent": ["operate welding equipment"],
        "requirements": {"hours": {"min": 32, "max": 40}},
    },
    {
        "id": "v03",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Wat ga je doen? Je legt elektrische installaties aan in nieuwbouwwoningen, installeert "
        "groepenkasten en stopcontacten en test de installatie volgens NEN 1010. Je kunt elektrische schema's "
        "lezen. Vereist: mbo niveau 2 Elektrotechniek en NEN 3140.",
        "skills": [
            "install electrical and electronic equipment",
            "install electricity sockets",
            "install circuit breakers",
            "interpret circuit diagrams",
        ],
        "requirements": {
            "certificates": ["nen-1010", "nen-3140"],
            "education": {"level": "mbo", "mbo_level": 2},
        },
    },
    {
        "id": "v04",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Wij zoeken een backend developer met ervaring in Python en SQL. Je ontwikkelt API's voor ons "
        "energiemanagementplatform en werkt in een agile scrumteam. Kennis van cloudomgevingen (Azure) is een pré. "
        "Je beheerst het Engels op minimaal B2-niveau.",
        "skills": ["Python (computer programming)", "SQL", "Agile development", "cloud technologies"],
        "requirements": {"language_levels": [{"language": "en", "level": "B2"}]},
    },
    {
        "id": "v05",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als servicemonteur koeltechniek voer je storingsanalyses uit op koelinstallaties en "
        "airconditioningsystemen. Je werkt met koudemiddelen en bent in het bezit van het F-gassen certificaat "
        "categorie 1. Een leaseauto is beschikbaar.",
        "skills": [
            "troubleshoot",
            "install refrigeration equipment",
            "maintain air conditioning systems",
            "refrigerants",
        ],
        "requirements": {"certificates": ["f-gassen"]},
    },
    {
        "id": "v06",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Onze isolatiespecialisten brengen spouwmuurisolatie en vloerisolatie aan bij bestaande woningen. "
        "Je pompt isolatieparels in de spouw en werkt veilig volgens de VCA-richtlijnen. Wij bieden een goed "
        "salaris, 25 vakantiedagen en een pensioenregeling.",
        "skills": ["install insulation material", "pump insulation beads into cavities"],
        "requirements": {"certificates": ["vca"]},
    },
    {
        "id": "v07",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Voor de aanleg van laadpalen zoeken wij een elektromonteur. Je sluit laadpalen aan op de "
        "meterkast, trekt kabels en controleert de installatie. Kennis van NEN 1010 en een rijbewijs B zijn "
        "noodzakelijk.",
        "skills": [
            "install electrical and electronic equipment",
            "install circuit breakers",
            "use electrical wire tools",
        ],
        "requirements": {"certificates": ["nen-1010"], "driving_licences": ["B"]},
    },
    {
        "id": "v08",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als servicetechnicus windturbines voer je preventief en correctief onderhoud uit aan "
        "windturbines op land. Je inspecteert de rotorbladen en lost storingen op. Je hebt geen hoogtevrees en "
        "beschikt over een GWO-certificaat of bent bereid dit te halen.",
        "skills": ["maintain wind turbines", "inspect wind turbines", "troubleshoot"],
        "requirements": {},
    },
    {
        "id": "v09",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als servicedeskmedewerker ben je het eerste aanspreekpunt voor collega's met ICT-vragen. Je "
        "handelt meldingen af, lost problemen met werkplekken op en installeert software. Een afgeronde mbo 4 "
        "opleiding ICT is gewenst. Parttime (24 uur) is bespreekbaar.",
        "skills": [
            "handle helpdesk problems",
            "provide ICT support",
            "install software",
            "perform ICT troubleshooting",
        ],
        "requirements": {"education": {"level": "mbo", "mbo_level": 4}, "hours": {"part_time": True}},
    },
    {
        "id": "v10",
        "kind": "vacancy",
        "domain": "care-ict",
        "text": "Ben jij verpleegkundige met affiniteit met ICT? Als applicatiebeheerder elektronisch "
        "patiëntendossier vertaal je wensen van zorgmedewerkers naar functionele aanpassingen en verzorg je "
        "gebruikerstrainingen. Je hebt een hbo-diploma Verpleegkunde.",
        "skills": ["patient record storage", "use electronic health records management system"],
        "requirements": {"education": {"level": "hbo"}},
    },
    {
        "id": "v11",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Voor de verduurzaming van woningen zoeken wij een installateur. Je installeert "
        "ventilatiesystemen en vloerverwarming en plaatst hybride warmtepompen. Solderen en buigen van "
        "koperen leidingen gaat je goed af.",
        "skills": [
            "install ventilation equipment",
            "domestic heating systems",
            "install heat pump",
            "operate soldering equipment",
        ],
        "requirements": {},
    },
    {
        "id": "v12",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als security officer bewaak je de informatiebeveiliging van onze organisatie. Je voert "
        "risicoanalyses uit, handelt beveiligingsincidenten af en adviseert over maatregelen. Kennis van ISO 27001 "
        "is vereist; een CISSP-certificaat is een pré.",
        "skills": ["cyber security", "handle cybersecurity incidents", "risk management"],
        "requirements": {},
    },
    {
        "id": "v13",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "De PLC-programmeur schrijft en test software voor besturingen van productielijnen. Je "
        "programmeert in Siemens TIA Portal, leest elektrotechnische tekeningen en ondersteunt bij de "
        "inbedrijfstelling. Hbo Elektrotechniek of vergelijkbaar werk- en denkniveau.",
        "skills": ["programmable logic controller", "read engineering drawings", "automation technology"],
        "requirements": {"education": {"level": "hbo"}},
    },
    {
        "id": "v14",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als dakdekker met zonnepanelen-ervaring plaats je montagesystemen op platte en schuine daken. "
        "Je werkt veilig op hoogte en gebruikt handgereedschap en elektrisch gereedschap. VCA VOL is een must.",
        "skills": ["solar panel mounting systems", "use hand tools", "use power tools"],
        "requirements": {"certificates": ["vca"]},
    },
    {
        "id": "v15",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als data-analist bij de netbeheerder voer je data-analyses uit op meetgegevens van het "
        "elektriciteitsnet. Je werkt met Python, SQL en Power BI en presenteert je bevindingen aan het "
        "management. Wo-masteropleiding in een kwantitatieve richting.",
        "skills": ["perform data analysis", "Python (computer programming)", "SQL"],
        "requirements": {"education": {"level": "wo"}},
    },
    {
        "id": "v16",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Wij zijn een familiebedrijf met 40 medewerkers en een sterke focus op duurzaamheid. Als "
        "loodgieter installeer je sanitair, leg je waterleidingen aan en repareer je lekkages. Ervaring met "
        "gasleidingen is een pré.",
        "skills": ["place sanitary equipment", "install plumbing systems", "repair plumbing systems"],
        "requirements": {},
    },
    {
        "id": "v17",
        "kind": "vacancy",
        "domain": "care-ict",
        "text": "In de thuiszorg help je cliënten met persoonlijke verzorging, dien je medicatie toe en verzorg "
        "je wonden. Je rapporteert in het digitale cliëntdossier. Mbo niveau 3 Verzorgende IG en Nederlands op "
        "niveau B1.",
        "skills": ["administer prescribed medication", "carry out wound care", "tend to elderly people"],
        "requirements": {
            "education": {"level": "mbo", "mbo_level": 3},
            "language_levels": [{"language": "nl", "level": "B1"}],
        },
    },
    {
        "id": "v18",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als netwerkbeheerder beheer je de netwerkinfrastructuur van onze datacenters. Je configureert "
        "routers en switches, monitort de netwerkprestaties en lost storingen op. CCNA-certificering is gewenst.",
        "skills": ["ICT network routing", "perform ICT troubleshooting", "monitor system performance"],
        "requirements": {},
    },
    {
        "id": "v19",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Je bent verantwoordelijk voor het ontwerpen van warmtepompinstallaties voor utiliteitsgebouwen. "
        "Je maakt berekeningen, tekent in AutoCAD en begeleidt de uitvoering. Hbo Werktuigbouwkunde of "
        "Installatietechniek.",
        "skills": ["design heat pump installations", "create CAD drawings", "carry out calculations"],
        "requirements": {"education": {"level": "hbo"}},
    },
    {
        "id": "v20",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Voor het onderhoud van middenspanningsinstallaties zoeken wij een technicus. Je voert "
        "schakelhandelingen uit, inspecteert kabels en transformatoren en repareert ondergrondse "
        "stroomkabels. BEI BLS en NEN 3140 zijn vereist.",
        "skills": ["inspect cables", "repair underground power cables"],
        "requirements": {"certificates": ["bei-bls", "nen-3140"]},
    },
    {
        "id": "v21",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Frontend developer gezocht! Je bouwt gebruiksvriendelijke webapplicaties met JavaScript en "
        "TypeScript en test je code grondig. Wat bieden wij? Een informele werksfeer, thuiswerkvergoeding en een "
        "opleidingsbudget voor cursussen in Python.",
        "skills": ["JavaScript", "web programming"],
        "absent": ["Python (computer programming)"],
        "requirements": {},
    },
    {
        "id": "v22",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als lasser werk je aan de prefabricage van leidingwerk voor warmtenetten. Je last volgens "
        "TIG- en MIG/MAG-procedures en leest isometrische tekeningen. Een geldig lascertificaat is vereist.",
        "skills": [
            "operate welding equipment",
            "apply arc welding techniques",
            "lay pipe installation",
            "read engineering drawings",
        ],
        "requirements": {},
    },
    {
        "id": "v23",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als energieadviseur voer je energieprestatieberekeningen uit en stel je energielabels op voor "
        "woningen. Je adviseert klanten over isolatie en zonnepanelen. In het bezit van EPA-W is een pré.",
        "skills": ["energy performance of buildings", "advise on heating systems energy efficiency"],
        "requirements": {"certificates": ["epa-w"]},
    },
    {
        "id": "v24",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Wij zoeken een cloud engineer die onze infrastructuur op AWS automatiseert. Je schrijft "
        "infrastructure as code, bouwt CI/CD-pipelines en werkt met Linux en Docker. Geen ervaring met Java "
        "nodig.",
        "skills": ["cloud technologies", "automate cloud tasks", "deploy cloud resource"],
        "absent": ["Java (computer programming)"],
        "requirements": {},
    },
    {
        "id": "v25",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Als storingsmonteur elektrotechniek verhelp je storingen aan elektrische installaties in "
        "kantoorgebouwen. Je vervangt schakelaars, verlichting en groepen. Je werkt zelfstandig en bent bereid "
        "om mee te draaien in de storingsdienst.",
        "skills": ["troubleshoot", "install electric switches", "install circuit breakers"],
        "requirements": {},
    },
    {
        "id": "v26",
        "kind": "vacancy",
        "domain": "care-ict",
        "text": "Als functioneel beheerder zorgsystemen ondersteun je zorgprofessionals bij het gebruik van het "
        "ECD, beheer je autorisaties en test je nieuwe releases. Je werkt nauw samen met de leverancier en de "
        "afdeling ICT.",
        "skills": ["provide ICT support", "use electronic health records management system", "plan software testing"],
        "requirements": {},
    },
    {
        "id": "v27",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Voor een klant in de procesindustrie zoeken wij een monteur koeltechniek. Je installeert "
        "koelinstallaties, voert lekdichtheidscontroles uit en vult koudemiddel bij. STEK- of F-gassencertificaat "
        "is verplicht.",
        "skills": ["install refrigeration equipment", "perform refrigerant leak checks", "refrigerants"],
        "requirements": {"certificates": ["f-gassen"]},
    },
    {
        "id": "v28",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als software tester schrijf je testplannen, automatiseer je regressietests en rapporteer je "
        "bevindingen aan het ontwikkelteam. Ervaring met Selenium en Java is een pré. Fulltime, 40 uur.",
        "skills": ["plan software testing", "Java (computer programming)", "tools for ICT test automation"],
        "requirements": {"hours": {"min": 40, "max": 40}},
    },
    {
        "id": "v29",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Je installeert slimme meters en elektriciteitsmeters bij huishoudens en leest meterstanden "
        "uit. Je bent klantvriendelijk en hebt rijbewijs B. Wij vinden diversiteit belangrijk en moedigen "
        "iedereen aan te solliciteren.",
        "skills": ["install electricity meter", "read electricity meter"],
        "requirements": {"driving_licences": ["B"]},
    },
    {
        "id": "v30",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als projectleider zonne-energie ben je verantwoordelijk voor de planning en uitvoering van "
        "grote zonneparken. Je stuurt onderaannemers aan en bewaakt budget, kwaliteit en veiligheid.",
        "skills": ["solar energy", "manage budgets", "project management"],
        "requirements": {},
    },
    {
        "id": "v31",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Je repareert elektrische huishoudtoestellen bij klanten thuis en in onze werkplaats. Je meet "
        "met een multimeter, vervangt onderdelen en soldeert printplaten. Mbo 2 of 3 elektronica.",
        "skills": ["repair household appliances", "solder electronics", "printed circuit boards"],
        "requirements": {"education": {"level": "mbo", "mbo_level": 2}},
    },
    {
        "id": "v32",
        "kind": "vacancy",
        "domain": "ict",
        "text": "Als database administrator beheer je PostgreSQL- en SQL Server-databases, maak je back-ups "
        "en optimaliseer je query's. Je hebt minimaal drie jaar ervaring met databasebeheer.",
        "skills": ["PostgreSQL", "SQL Server", "manage database"],
        "requirements": {},
    },
    {
        "id": "v33",
        "kind": "vacancy",
        "domain": "energy",
        "text": "De installatiemonteur W plaatst cv-ketels, radiatoren en vloerverwarming en sluit "
        "gasleidingen aan. Je bent in het bezit van een diploma Monteur W (mbo 3) en werkt 36 uur per week.",
        "skills": ["install heating boiler", "domestic heating systems", "install gas heaters"],
        "requirements": {"education": {"level": "mbo", "mbo_level": 3}, "hours": {"min": 36, "max": 36}},
    },
    {
        "id": "v34",
        "kind": "vacancy",
        "domain": "electrical",
        "text": "Als paneelbouwer bouw je schakelkasten volgens elektrotechnische schema's, bedraad je "
        "componenten en test je de kasten voor aflevering. Nauwkeurigheid is voor jou vanzelfsprekend.",
        "skills": ["interpret circuit diagrams", "repair wiring", "use electrical wire tools"],
        "requirements": {},
    },
    {
        "id": "v35",
        "kind": "vacancy",
        "domain": "energy",
        "text": "Als medewerker bij een laadpaalleverancier plan je installaties in, onderhoud je contact met "
        "klanten en installateurs en verwerk je bestellingen. Ervaring met lassen of solderen is niet nodig.",
        "skills": ["process customer orders", "contact customers"],
        "absent": ["operate welding equipment", "operate soldering equipment"],
        "requirements": {},
    },
    {
        "id": "c01",
        "kind": "cv",
        "domain": "energy",
        "text": "Werkervaring: 2015-2023 monteur installatietechniek bij Installatiebedrijf De Vries. "
        "Installeren en onderhouden van cv-ketels en warmtepompen, aanleggen van vloerverwarming, solderen van "
        "koperleidingen. Certificaten: VCA basis, F-gassen categorie 1.",
        "skills": [
            "install heating boiler",
            "install heat pump",
            "domestic heating systems",
            "operate soldering equipment",
        ],
        "requirements": {"certificates": ["vca", "f-gassen"]},
    },
    {
        "id": "c02",
        "kind": "cv",
        "domain": "ict",
        "text": "Profiel: ervaren Python-ontwikkelaar met een achtergrond in data-analyse. Vaardigheden: "
        "Python, SQL, PostgreSQL, Docker, Azure, scrum. Talen: Nederlands (moedertaal), Engels (C1).",
        "skills": ["Python (computer programming)", "SQL", "PostgreSQL", "cloud technologies", "perform data analysis"],
        "requirements": {"language_levels": [{"language": "nl", "level": "native"}, {"language": "en", "level": "C1"}]},
    },
    {
        "id": "c03",
        "kind": "cv",
        "domain": "electrical",
        "text": "Elektromonteur met 8 jaar ervaring in woningbouw en utiliteit. Aanleg van elektrische "
        "installaties, plaatsen van groepenkasten, aansluiten van zonnepanelen en laadpalen. Diploma: mbo 3 "
        "Eerste Monteur Elektrotechnische Installaties. NEN 3140 VP.",
        "skills": [
            "install electrical and electronic equipment",
            "install circuit breakers",
            "install photovoltaic systems",
        ],
        "requirements": {"certificates": ["nen-3140"], "education": {"level": "mbo", "mbo_level": 3}},
    },
    {
        "id": "c04",
        "kind": "cv",
        "domain": "care-ict",
        "text": "Verpleegkundige (hbo) met 10 jaar ervaring in de ouderenzorg. Wondverzorging, medicatie "
        "toedienen, zorgplannen opstellen. Super-user van het elektronisch cliëntdossier en trainer van nieuwe "
        "collega's.",
        "skills": [
            "carry out wound care",
            "administer prescribed medication",
            "tend to elderly people",
            "plan nursing care",
        ],
        "requirements": {"education": {"level": "hbo"}},
    },
    {
        "id": "c05",
        "kind": "cv",
        "domain": "energy",
        "text": "Zij-instromer uit de bouw: 12 jaar timmerman, daarna omscholing tot zonnepanelenmonteur. "
        "Montage van pv-panelen en montagesystemen, werken op hoogte, gebruik van handgereedschap en elektrisch "
        "gereedschap. Rijbewijs BE.",
        "skills": ["mount photovoltaic panels", "solar panel mounting systems", "use hand tools", "use power tools"],
        "requirements": {"driving_licences": ["BE"]},
    },
    {
        "id": "c06",
        "kind": "cv",
        "domain": "ict",
        "text": "Servicedeskmedewerker met ervaring in eerstelijns ondersteuning. Afhandelen van meldingen, "
        "installeren van software en hardware, oplossen van netwerkproblemen. Opleiding: mbo 4 ICT-beheer.",
        "skills": [
            "handle helpdesk problems",
            "install software",
            "perform ICT troubleshooting",
            "provide ICT support",
        ],
        "requirements": {"education": {"level": "mbo", "mbo_level": 4}},
    },
    {
        "id": "c07",
        "kind": "cv",
        "domain": "electrical",
        "text": "PLC-programmeur en besturingstechnicus. Programmeren van PLC's (Siemens S7, TIA Portal), "
        "ontwerpen van elektrische schema's in EPLAN, inbedrijfstelling van machines in binnen- en buitenland.",
        "skills": ["programmable logic controller", "create electrical wiring diagram", "automation technology"],
        "requirements": {},
    },
    {
        "id": "c08",
        "kind": "cv",
        "domain": "energy",
        "text": "Technicus windenergie. Onderhoud en inspectie van windturbines, storingen verhelpen aan "
        "elektrische en hydraulische systemen. GWO Basic Safety Training, VCA VOL, BHV.",
        "skills": ["maintain wind turbines", "inspect wind turbines", "troubleshoot", "provide first aid"],
        "requirements": {"certificates": ["vca"]},
    },
    {
        "id": "c09",
        "kind": "cv",
        "domain": "ict",
        "text": "Security specialist. Ervaring met het afhandelen van cybersecurity-incidenten, uitvoeren van "
        "penetratietests en opstellen van beveiligingsbeleid. Kennis van ISO 27001 en NEN 7510.",
        "skills": ["cyber security", "handle cybersecurity incidents", "penetration testing tool"],
        "requirements": {},
    },
    {
        "id": "c10",
        "kind": "cv",
        "domain": "energy",
        "text": "Loodgieter en installateur sanitair. Aanleggen van waterleidingen en riolering, plaatsen van "
        "sanitair, repareren van lekkages. Rijbewijs B, VCA basis.",
        "skills": ["install plumbing systems", "place sanitary equipment", "repair plumbing systems"],
        "requirements": {"driving_licences": ["B"], "certificates": ["vca"]},
    },
    {
        "id": "c11",
        "kind": "cv",
        "domain": "ict",
        "text": "Webdeveloper. Bouwen van websites en webapplicaties met JavaScript, React en PHP. Beheer van "
        "MySQL-databases. Geen ervaring met Java.",
        "skills": ["JavaScript", "web programming", "PHP", "MySQL"],
        "absent": ["Java (computer programming)"],
        "requirements": {},
    },
    {
        "id": "c12",
        "kind": "cv",
        "domain": "energy",
        "text": "Monteur koeltechniek met STEK-erkenning. Installatie van airco's en koelinstallaties, "
        "lekdichtheidscontroles, werken met koudemiddelen. Opleiding: mbo 4 Koudetechniek.",
        "skills": [
            "install air conditioning device",
            "install refrigeration equipment",
            "perform refrigerant leak checks",
            "refrigerants",
        ],
        "requirements": {"education": {"level": "mbo", "mbo_level": 4}, "certificates": ["f-gassen"]},
    },
    {
        "id": "c13",
        "kind": "cv",
        "domain": "care-ict",
        "text": "Doktersassistent met interesse in digitale zorg. Bijhouden van patiëntendossiers, maken van "
        "afspraken, uitvoeren van eenvoudige medische handelingen zoals wondverzorging en bloeddruk meten.",
        "skills": ["patient record storage", "carry out wound care", "administer appointments"],
        "requirements": {},
    },
    {
        "id": "c14",
        "kind": "cv",
        "domain": "energy",
        "text": "Energieadviseur woningbouw. Opstellen van energielabels, adviseren over isolatie, "
        "warmtepompen en zonnepanelen. Uitvoeren van maatwerkadviezen. EPA-W gecertificeerd.",
        "skills": ["energy performance of buildings", "advise on heating systems energy efficiency"],
        "requirements": {"certificates": ["epa-w"]},
    },
    {
        "id": "c15",
        "kind": "cv",
        "domain": "electrical",
        "text": "Elektronicamonteur. Solderen van componenten op printplaten, testen van elektronische "
        "schakelingen, repareren van meetapparatuur. Opleiding mbo 4 Elektronica.",
        "skills": ["solder components onto electronic board", "printed circuit boards", "test circuitry"],
        "requirements": {"education": {"level": "mbo", "mbo_level": 4}},
    },
]
