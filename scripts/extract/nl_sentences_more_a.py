"""Dutch sentence set, part A of the 2026-12 batch: s101-s230 (written for krapte, issue 11 item 3).

Written and annotated on 2026-12-07 by writer A (a helper session of the krapte project), before krapte's extractor
was run on any of these sentences: the texts were written first, then annotated by hand against the ESCO v1.2.0
taxonomy (label look-ups only), following ``docs/extract-annotation.md``. No real employer or person: company names
are invented.

Domains: green (solar, heat pumps, insulation, wind, charging, grid and cable work, heat networks) and technical
(electrical, mechanical, welding, maintenance, construction). Vacancy lines ("je ...", "wij zoeken ...") and CV lines
("ik heb ...", bullet lines "- ..."); about 12 % are traps (wishes, negations, employer names that look like skills,
language levels, certificates and licences) with the skills that must not come out in ``absent``.

Same format as ``nl_sentences_source.S``: ``(id, domain, text, skills, absent)`` with English ESCO preferred labels;
``scripts/extract/make_nl_sentences.py`` resolves them to URIs. Every id divisible by 5 is also annotated blind by
writer B (``nl_sentences_second_b.py``) for the agreement figures (``scripts/extract/nl_agreement.py``).
"""

from __future__ import annotations

S: list[tuple[str, str, str, list[str], list[str]]] = [
    # (id, domain, text, skills, absent)
    (
        "s101",
        "green",
        (
            "Je monteert zonnepanelen op schuine daken, legt de DC-bekabeling aan, sluit de omvormer aan, werkt "
            "veilig op hoogte en test de installatie voordat je deze oplevert aan de klant."
        ),
        [
            "mount photovoltaic panels",
            "install low voltage wiring",
            "install inverter",
            "follow safety procedures when working at heights",
            "test electrical equipment",
        ],
        [],
    ),
    (
        "s102",
        "green",
        (
            "Ik heb drie jaar zonnepanelen gelegd bij SolarNoord: dakinspectie, montage van de panelen, "
            "bekabeling, het aansluiten van omvormers en het onderhoud van bestaande pv-installaties."
        ),
        [
            "inspect roofs",
            "mount photovoltaic panels",
            "install low voltage wiring",
            "install inverter",
            "maintain photovoltaic systems",
        ],
        [],
    ),
    (
        "s103",
        "green",
        (
            "- plaatsen en in bedrijf stellen van hybride warmtepompen, vervangen van radiatoren, aanleggen van "
            "vloerverwarming en waterzijdig inregelen van de installatie"
        ),
        [
            "install heat pump",
            "install radiators",
            "install in-floor and in-wall heating",
            "balance hydraulics of hot water systems",
        ],
        [],
    ),
    (
        "s104",
        "green",
        (
            "Je installeert warmtepompen, vult het koudemiddel bij, test het koelcircuit op druk en dichtheid, "
            "zoekt storingen in de besturing op en vervangt defecte onderdelen."
        ),
        [
            "install heat pump",
            "refrigerants",
            "test tightness and pressure of refrigeration circuits",
            "troubleshoot",
            "replace defect components",
        ],
        [],
    ),
    (
        "s105",
        "green",
        (
            "Als servicemonteur onderhoud je lucht-waterwarmtepompen, verhelp je storingen, vervang je defecte "
            "onderdelen, houd je de servicehistorie bij en adviseer je klanten over energiezuinig stoken."
        ),
        [
            "perform maintenance on installed equipment",
            "troubleshoot",
            "replace defect components",
            "maintain records of maintenance interventions",
            "advise on heating systems energy efficiency",
        ],
        [],
    ),
    (
        "s106",
        "green",
        "Ik wil me graag omscholen tot warmtepompmonteur, maar heb nog geen ervaring met koeltechniek.",
        [],
        ["install heat pump", "refrigerants"],
    ),
    (
        "s107",
        "green",
        (
            "Je isoleert vloeren, daken en spouwmuren, snijdt isolatiemateriaal op maat, brengt dampremmende "
            "folie aan en controleert na afloop de isolatie op koudebruggen."
        ),
        [
            "install insulation material",
            "cut insulation material to size",
            "apply proofing membranes",
            "inspect insulation",
        ],
        [],
    ),
    (
        "s108",
        "green",
        (
            "Werkzaamheden: na-isolatie van spouwmuren met EPS-parels, spuiten van PUR-schuim onder vloeren, het "
            "aanbrengen van dakisolatie, het plaatsen van HR++-glas en het monteren van ventilatieroosters."
        ),
        [
            "pump insulation beads into cavities",
            "apply spray foam insulation",
            "install insulation material",
            "set window",
            "install ventilation equipment",
        ],
        [],
    ),
    (
        "s109",
        "green",
        (
            "Wij zoeken een isolatiemonteur die met een laserafstandsmeter opmeet, isolatieplaten op maat zaagt, "
            "tochtstrips aanbrengt en vlot met elektrisch gereedschap werkt."
        ),
        [
            "use measurement instruments",
            "cut insulation material to size",
            "apply insulation strips",
            "use power tools",
        ],
        [],
    ),
    (
        "s110",
        "green",
        "Ik heb gewerkt bij Isolatiebedrijf WarmThuis B.V. als werkvoorbereider.",
        [],
        ["install insulation material"],
    ),
    (
        "s111",
        "green",
        (
            "Je voert inspecties uit aan windturbines, verhelpt storingen in de gondel, vervangt versleten lagers"
            " en tandwielen, werkt veilig op hoogte en legt je werk vast in het onderhoudssysteem."
        ),
        [
            "inspect wind turbines",
            "maintain wind turbines",
            "replace defect components",
            "follow safety procedures when working at heights",
            "maintain records of maintenance interventions",
        ],
        [],
    ),
    (
        "s112",
        "green",
        (
            "Als servicetechnicus wind op zee klim je in de turbine, werk je veilig op hoogte, voer je gepland "
            "onderhoud uit, verhelp je storingen en draag je de juiste beschermingsmiddelen."
        ),
        [
            "follow safety procedures when working at heights",
            "maintain wind turbines",
            "troubleshoot",
            "wear appropriate protective gear",
        ],
        [],
    ),
    (
        "s113",
        "green",
        (
            "- onderhoud en reparatie van windturbines (type WT-3000), inclusief het vervangen van hydraulische "
            "componenten, het uitlezen van foutcodes, het testen van de elektrische installatie en het bijhouden "
            "van het onderhoudslogboek"
        ),
        [
            "maintain wind turbines",
            "maintain hydraulic systems",
            "test electrical equipment",
            "maintain records of maintenance interventions",
        ],
        [],
    ),
    (
        "s114",
        "green",
        (
            "Een GWO-certificaat (Basic Safety Training) is verplicht; ervaring met werken op hoogte en met het "
            "lezen van elektrische schema's is een pré."
        ),
        ["follow safety procedures when working at heights", "interpret electrical diagrams"],
        [],
    ),
    (
        "s115",
        "green",
        (
            "Je installeert laadpalen bij bedrijven en particulieren, legt de bekabeling aan vanaf de meterkast, "
            "plaatst een extra groep met aardlekschakelaar, meet de installatie door en configureert de laadpaal "
            "in de app."
        ),
        [
            "install electricity sockets",
            "install low voltage wiring",
            "install circuit breakers",
            "test electrical equipment",
            "configure electronic equipment",
        ],
        [],
    ),
    (
        "s116",
        "green",
        (
            "Ik heb laadinfrastructuur aangelegd voor parkeergarages: graafwerk met een minigraver, kabels "
            "trekken, laadpalen monteren en aansluiten en de installatie doormeten en opleveren."
        ),
        ["operate excavator", "install low voltage wiring", "install electricity sockets", "test electrical equipment"],
        [],
    ),
    (
        "s117",
        "green",
        "Ervaring met laadpalen is niet nodig; wij leiden je zelf op tot monteur.",
        [],
        ["install electricity sockets"],
    ),
    (
        "s118",
        "green",
        (
            "Je trekt kabels in, maakt kabelmoffen en eindsluitingen, sluit middenspanningskabels aan in het "
            "onderstation, leest kabeltekeningen, spoort kabelfouten op en werkt volgens de veiligheidsregels "
            "voor elektrotechnisch werk."
        ),
        [
            "install power lines",
            "splice cable",
            "read standard blueprints",
            "inspect underground power cables",
            "comply with electrical safety regulations",
        ],
        [],
    ),
    (
        "s119",
        "green",
        (
            "Als kabelmonteur graaf je sleuven met een minigraver, leg je laagspanningskabels en gasleidingen, "
            "lees je kabeltekeningen en zet je na afloop nieuwe trottoirbanden."
        ),
        [
            "operate excavator",
            "install power lines",
            "lay pipe installation",
            "read standard blueprints",
            "install kerbstones",
        ],
        [],
    ),
    (
        "s120",
        "green",
        (
            "- storingen verhelpen in het laagspanningsnet, huisaansluitingen aanleggen bij nieuwbouwwoningen, "
            "slimme meters plaatsen en meterstanden uitlezen"
        ),
        [
            "repair underground power cables",
            "install power lines",
            "install electricity meter",
            "read electricity meter",
        ],
        [],
    ),
    (
        "s121",
        "green",
        (
            "Je bouwt en onderhoudt warmtenetten: je last stalen en kunststof leidingen, controleert de lasnaden,"
            " leest bestektekeningen en werkt volgens de veiligheidsregels op de bouwplaats."
        ),
        [
            "lay pipe installation",
            "operate welding equipment",
            "plastic welding",
            "perform welding inspection",
            "read standard blueprints",
            "follow health and safety procedures in construction",
        ],
        [],
    ),
    (
        "s122",
        "green",
        (
            "Ik heb bij Warmtebedrijf Oost afleversets geplaatst in woningen, PEX-leidingen aangesloten, de "
            "installatie waterzijdig ingeregeld, warmtemeters uitgelezen en storingen bij bewoners verholpen."
        ),
        ["attach PEX pipe", "balance hydraulics of hot water systems", "read heat meter", "troubleshoot"],
        [],
    ),
    (
        "s123",
        "green",
        (
            "Je adviseert huiseigenaren over isolatie, zonnepanelen en warmtepompen, brengt samen met de klant de"
            " woonwensen in kaart, berekent de terugverdientijd en maakt een energielabel op."
        ),
        [
            "advise on heating systems energy efficiency",
            "provide information on solar panels",
            "identify customer's needs",
            "energy performance of buildings",
        ],
        [],
    ),
    (
        "s124",
        "green",
        (
            "Als energieadviseur voer je woningopnames uit, bereken je het energieverbruik, doe je "
            "energiesimulaties, schrijf je een helder adviesrapport en bespreek je het advies met de bewoners."
        ),
        [
            "conduct energy audit",
            "analyse energy consumption",
            "perform energy simulations",
            "write work-related reports",
            "communicate with customers",
        ],
        [],
    ),
    (
        "s125",
        "green",
        "Mijn doel is om over vijf jaar projectleider duurzame energie te zijn.",
        [],
        ["project management"],
    ),
    (
        "s126",
        "green",
        (
            "Je plaatst thuisbatterijen en slimme energiemanagers, legt de bekabeling naar de meterkast aan, "
            "stelt de apparatuur in en legt de klant uit hoe het systeem werkt."
        ),
        [
            "energy storage systems",
            "install smart devices",
            "install low voltage wiring",
            "configure electronic equipment",
        ],
        [],
    ),
    (
        "s127",
        "green",
        (
            "- ontwerpen van pv-installaties voor bedrijfsdaken met PVsyst en AutoCAD, inclusief legplannen, "
            "stringberekeningen, materiaallijsten en een schaduwanalyse"
        ),
        [
            "design solar energy systems",
            "use CAD software",
            "make electrical calculations",
            "calculate needs for construction supplies",
        ],
        [],
    ),
    (
        "s128",
        "green",
        (
            "Je berekent de opbrengst van zonnestroomsystemen, bepaalt de beste oriëntatie van de panelen, stelt "
            "offertes op, bestelt de materialen en plant de montage in overleg met de klant."
        ),
        ["calculate solar panel orientation", "answer requests for quotation", "order supplies", "plan schedule"],
        [],
    ),
    (
        "s129",
        "green",
        (
            "Je controleert de dakconstructie, zet de valbeveiliging op, werkt veilig op hoogte, bedient een "
            "hoogwerker of dakkraan en tilt zware panelen op de juiste manier."
        ),
        [
            "inspect roofs",
            "follow safety procedures when working at heights",
            "operate aerial work platforms",
            "operate cranes",
            "lift heavy weights",
        ],
        [],
    ),
    (
        "s130",
        "green",
        "Rijbewijs B en VCA-basis zijn vereist.",
        [],
        ["drive vehicles"],
    ),
    (
        "s131",
        "green",
        (
            "Je vult warmtepompen en airco's met koudemiddel, voert lekdichtheidscontroles uit, installeert "
            "nieuwe koelinstallaties en registreert de hoeveelheden in het logboek volgens de F-gassenregels."
        ),
        [
            "refrigerants",
            "perform refrigerant leak checks",
            "install refrigeration equipment",
            "maintain records of maintenance interventions",
        ],
        [],
    ),
    (
        "s132",
        "green",
        (
            "Ik heb ventilatiesystemen (WTW-units) geplaatst, kanalen aangelegd en gereinigd, kapotte "
            "ventilatoren vervangen en het energieverbruik van de installatie beoordeeld."
        ),
        [
            "install ventilation equipment",
            "install heating, ventilation, air conditioning and refrigeration ducts",
            "clean ventilation system",
            "repair ventilation equipment",
            "assess energy consumption of ventilation systems",
        ],
        [],
    ),
    (
        "s133",
        "green",
        (
            "Je monteert binnen- en buitenunits van split-airco's, boort doorvoeren, legt koperen koelleidingen "
            "aan, test het koelcircuit op druk en legt de klant de bediening uit."
        ),
        [
            "install air conditioning device",
            "operate hand drill",
            "lay pipe installation",
            "test tightness and pressure of refrigeration circuits",
        ],
        [],
    ),
    (
        "s134",
        "green",
        (
            "Wij zoeken een monteur die zonneboilers plaatst, de collectoren op het dak monteert, koperen "
            "leidingen soldeert, de dakdoorvoer waterdicht afwerkt en het systeem vult en ontlucht."
        ),
        ["install solar water heater", "apply soldering techniques", "install roof flashing"],
        [],
    ),
    (
        "s135",
        "green",
        (
            "Je schrijft de werkbonnen, bestelt materiaal, houdt de voorraad in de bus bij, plant je eigen "
            "werkdag en onderhoudt je gereedschap."
        ),
        ["keep task records", "order supplies", "monitor stock level", "manage schedule of tasks"],
        [],
    ),
    (
        "s136",
        "green",
        "Ik heb geen ervaring met hoogspanning en wil ook niet in ploegendienst werken.",
        [],
        ["work in shifts"],
    ),
    (
        "s137",
        "green",
        (
            "Je meet isolatiewaarden met een warmtebeeldcamera, spoort koudebruggen en luchtlekken op, schrijft "
            "een inspectierapport en adviseert de bewoner over het dichten van lekken."
        ),
        ["inspect insulation", "create infrared imagery", "write inspection reports"],
        [],
    ),
    (
        "s138",
        "green",
        (
            "- plaatsen van gevelisolatie, stellen van steigers, aanbrengen van wapeningsgaas en het afwerken met"
            " steenstrips en sierpleister"
        ),
        ["install insulation material", "build scaffolding", "prepare facade cladding", "plaster surfaces"],
        [],
    ),
    (
        "s139",
        "green",
        (
            "Je legt zonnepanelen op platte daken met een ballastsysteem, bepaalt de juiste hellingshoek, sluit "
            "de strings aan op de omvormer en controleert de dakbedekking op beschadigingen."
        ),
        [
            "mount photovoltaic panels",
            "solar panel mounting systems",
            "calculate solar panel orientation",
            "install photovoltaic systems",
            "inspect roofs",
        ],
        [],
    ),
    (
        "s140",
        "green",
        (
            "Je bent verantwoordelijk voor de inbedrijfstelling van grote zonneparken: je test strings, meet de "
            "isolatieweerstand, zet omvormers in bedrijf en rapporteert de testresultaten."
        ),
        [
            "project commissioning",
            "test electrical equipment",
            "measure electrical characteristics",
            "report test findings",
        ],
        [],
    ),
    (
        "s141",
        "green",
        (
            "Ik heb gewerkt als schouwer: ik bezocht woningen, beoordeelde de staat van het dak en de meterkast, "
            "maakte een plattegrond en overlegde met bewoners over de planning."
        ),
        ["inspect roofs", "inspect electrical supplies", "communicate with customers"],
        [],
    ),
    (
        "s142",
        "green",
        "Engels: goed; Duits: redelijk. Ik ben in het bezit van NEN 3140 en VCA-VOL.",
        [],
        ["English", "German"],
    ),
    (
        "s143",
        "green",
        (
            "Je installeert en onderhoudt bodemwarmtepompen, legt de bronleidingen aan, vult en ontlucht het "
            "bronsysteem, stelt de regeling in en verhelpt storingen."
        ),
        ["install heat pump", "perform maintenance on installed equipment", "lay pipe installation", "troubleshoot"],
        [],
    ),
    (
        "s144",
        "green",
        (
            "Je vervangt cv-ketels door hybride warmtepompen, plaatst radiatoren, installeert slimme thermostaten"
            " en regelt het afgiftesysteem waterzijdig in."
        ),
        ["install heat pump", "install radiators", "install smart devices", "balance hydraulics of hot water systems"],
        [],
    ),
    (
        "s145",
        "green",
        (
            "Wij zoeken een planner die de montageploegen indeelt, materialen op tijd bestelt, de weekplanning "
            "bijhoudt in Excel, de planning bijwerkt bij ziekte of slecht weer en klanten telefonisch op de "
            "hoogte houdt."
        ),
        [
            "manage schedule of tasks",
            "order supplies",
            "use spreadsheets software",
            "inform customers of activity changes",
        ],
        [],
    ),
    (
        "s146",
        "green",
        (
            "Als werkvoorbereider maak je materiaalcalculaties, vraag je vergunningen aan, stel je werkplannen en"
            " planningen op, teken je details uit in AutoCAD en overleg je met onderaannemers over de aanleg van "
            "warmtenetten."
        ),
        ["calculate needs for construction supplies", "arrange permits", "plan schedule", "use CAD software"],
        [],
    ),
    (
        "s147",
        "green",
        (
            "Ik heb zonnepanelen en warmtepompen verkocht aan particulieren, de wensen van klanten in kaart "
            "gebracht, offertes opgesteld en nieuwe klanten geworven via beurzen."
        ),
        ["sell products", "identify customer's needs", "answer requests for quotation", "prospect new customers"],
        [],
    ),
    (
        "s148",
        "green",
        (
            "Je houdt toezicht op onderaannemers op de bouwplaats, controleert het werk aan de hand van de "
            "tekeningen, bewaakt de veiligheid en legt de voortgang vast in weekrapporten."
        ),
        [
            "monitor contractor performance",
            "check architectural drawings on site",
            "supervise worker safety",
            "document project progress",
        ],
        [],
    ),
    (
        "s149",
        "green",
        (
            "Je inspecteert rotorbladen met een drone, beoordeelt de schade, repareert kleine beschadigingen met "
            "composietmateriaal en werkt met touwtoegang op hoogte."
        ),
        [
            "inspect wind turbines",
            "operate drones in civil engineering",
            "maintain wind turbines",
            "use rope access techniques",
        ],
        [],
    ),
    (
        "s150",
        "green",
        (
            "WindKracht Services zoekt collega's voor de bouw van windparken op land: je monteert torensegmenten,"
            " trekt de kabels in het park en geeft aanwijzingen aan de kraanmachinist bij het hijsen van de "
            "gondel."
        ),
        ["install onshore wind energy systems", "install power lines", "guide cranes"],
        [],
    ),
    (
        "s151",
        "green",
        (
            "- aanleggen van aardingsinstallaties en bliksembeveiliging op zonnedaken, plaatsen van "
            "overspanningsbeveiligingen, doormeten van de installatie en maken van revisietekeningen in CAD"
        ),
        ["install lightning protection system", "test electrical equipment", "create CAD drawings"],
        [],
    ),
    (
        "s152",
        "green",
        (
            "Je sluit warmtepompen elektrisch aan, legt de bekabeling naar de buitenunit aan, legt groepen aan in"
            " de meterkast, installeert aardlekschakelaars en controleert de installatie volgens NEN 1010."
        ),
        [
            "install heat pump",
            "install low voltage wiring",
            "install circuit breakers",
            "install safety devices",
            "comply with electrical safety regulations",
        ],
        [],
    ),
    (
        "s153",
        "green",
        (
            "Je verwerkt meetgegevens van zonneparken in Excel, analyseert afwijkingen in de opbrengst, maakt "
            "maandrapportages en presenteert de resultaten aan de klant."
        ),
        ["use spreadsheets software", "perform data analysis", "write work-related reports", "present reports"],
        [],
    ),
    (
        "s154",
        "green",
        (
            "Ik heb gewerkt met SCADA-systemen om windturbines op afstand te bewaken, storingen te analyseren en "
            "de inzet van monteurs te plannen."
        ),
        ["operate control systems", "troubleshoot", "plan schedule"],
        [],
    ),
    (
        "s155",
        "green",
        (
            "Je legt groene daken met sedum aan, brengt waterdichte dakbanen en drainagelagen aan, plaatst "
            "hemelwaterafvoeren en inspecteert bestaande daken."
        ),
        ["establish green roof", "apply proofing membranes", "install gutters", "inspect roofs"],
        [],
    ),
    (
        "s156",
        "green",
        "Ik wil later graag windturbines ontwerpen, maar ik heb nu vooral ervaring in de verkoop.",
        ["sales activities"],
        ["design wind turbines"],
    ),
    (
        "s157",
        "green",
        (
            "Je installeert en onderhoudt laadpleinen voor elektrische bussen, voert metingen uit, vervangt "
            "defecte laadmodules en lost storingen in de laadsoftware op."
        ),
        [
            "install electricity sockets",
            "maintain electrical equipment",
            "measure electrical characteristics",
            "replace defect components",
            "troubleshoot",
        ],
        [],
    ),
    (
        "s158",
        "green",
        (
            "Je berekent het warmteverlies van woningen, bepaalt het juiste vermogen van de warmtepomp, kiest een"
            " geschikte bron, tekent het leidingwerk uit in CAD en maakt een offerte voor de klant."
        ),
        [
            "design heat pump installations",
            "identify fitted source for heat pumps",
            "use CAD software",
            "answer requests for quotation",
        ],
        [],
    ),
    (
        "s159",
        "green",
        (
            "- ontwerp van warmtenetten in AutoCAD, hydraulische berekeningen in Excel en haalbaarheidsstudies "
            "voor collectieve warmte"
        ),
        [
            "design district heating and cooling energy systems",
            "use CAD software",
            "use spreadsheets software",
            "perform hydrodynamics calculations",
            "perform a feasibility study on district heating and cooling",
        ],
        [],
    ),
    (
        "s160",
        "green",
        (
            "Je demonteert oude cv-ketels, voert ze af volgens de afvalregels, plaatst de nieuwe warmtepomp, "
            "sluit deze aan op het bestaande leidingwerk en legt de bewoner uit hoe de thermostaat werkt."
        ),
        ["disassemble equipment", "dispose of non-hazardous waste", "install heat pump", "lay pipe installation"],
        [],
    ),
    (
        "s161",
        "green",
        (
            "Je zet een rolsteiger op, isoleert leidingen en kanalen in technische ruimtes, snijdt het "
            "isolatiemateriaal op maat, werkt de isolatie af met aluminium mantels en controleert het "
            "eindresultaat."
        ),
        ["build scaffolding", "install insulation material", "cut insulation material to size", "inspect insulation"],
        [],
    ),
    (
        "s162",
        "green",
        "De Groene Bouwers B.V. is een erkend installatiebedrijf met veertig monteurs.",
        [],
        [],
    ),
    (
        "s163",
        "green",
        (
            "Ik heb zonnepanelen schoongemaakt, beschadigde panelen vervangen, de bekabeling gecontroleerd op "
            "slijtage, de stroom per string gemeten en de omvormers uitgelezen."
        ),
        [
            "maintain photovoltaic systems",
            "replace defect components",
            "inspect cables",
            "measure electrical characteristics",
        ],
        [],
    ),
    (
        "s164",
        "green",
        (
            "Je geeft voorlichting aan bewoners over de overstap naar het warmtenet, beantwoordt hun vragen aan "
            "de telefoon, plant afspraken in voor de monteurs, handelt klachten af en houdt klantgegevens bij in "
            "het CRM."
        ),
        [
            "communicate by telephone",
            "manage schedule of tasks",
            "handle customer complaints",
            "keep records of customer interaction",
        ],
        [],
    ),
    (
        "s165",
        "green",
        (
            "Je werkt veilig in de buurt van onder spanning staande delen, gebruikt persoonlijke "
            "beschermingsmiddelen en maakt een LMRA voordat je begint."
        ),
        ["comply with electrical safety regulations", "wear appropriate protective gear", "perform risk analysis"],
        [],
    ),
    (
        "s166",
        "technical",
        (
            "Je leest elektrotechnische schema's, bouwt en bedraadt schakelkasten, sluit sensoren en "
            "PLC-besturingen aan, test de kasten voordat ze naar de klant gaan en lost storingen op bij de klant."
        ),
        [
            "interpret electrical diagrams",
            "wire control panel",
            "install automation components",
            "test electrical equipment",
            "troubleshoot",
        ],
        [],
    ),
    (
        "s167",
        "technical",
        (
            "Ik heb machines gebouwd en in bedrijf gesteld, PLC's geprogrammeerd, storingen verholpen bij klanten"
            " en operators opgeleid."
        ),
        ["assemble machines", "install machinery", "programmable logic controller", "troubleshoot", "train employees"],
        [],
    ),
    (
        "s168",
        "technical",
        (
            "Je verhelpt mechanische en elektrische storingen aan productielijnen, voert preventief onderhoud "
            "uit, vervangt versleten onderdelen en registreert je werkzaamheden in het onderhoudssysteem."
        ),
        [
            "troubleshoot",
            "maintain machinery",
            "replace defect components",
            "maintain records of maintenance interventions",
        ],
        [],
    ),
    (
        "s169",
        "technical",
        (
            "- lassen van constructiestaal (MIG/MAG), lezen van werktekeningen, op maat zagen van profielen en "
            "slijpen van lasnaden"
        ),
        [
            "perform metal inert gas welding",
            "perform metal active gas welding",
            "read engineering drawings",
            "cut metal products",
            "operate grinding hand tools",
        ],
        [],
    ),
    (
        "s170",
        "technical",
        (
            "Je last rvs-leidingen met TIG, buigt en snijdt buizen op maat, leest isometrische tekeningen en "
            "voert een drukproef uit op de leidingen."
        ),
        [
            "perform tungsten inert gas welding",
            "use metal bending techniques",
            "cut metal products",
            "read engineering drawings",
        ],
        [],
    ),
    (
        "s171",
        "technical",
        "Ik heb geen lascertificaat, maar wel ervaring met het lassen van dunne plaat en het lezen van werktekeningen.",
        ["operate welding equipment", "read engineering drawings"],
        [],
    ),
    (
        "s172",
        "technical",
        (
            "Je monteert stalen constructies op de bouwplaats, zet kolommen en liggers vast met boutverbindingen,"
            " werkt vanuit een hoogwerker en leest montagetekeningen."
        ),
        ["assemble metal parts", "fasten components", "operate aerial work platforms", "read assembly drawings"],
        [],
    ),
    (
        "s173",
        "technical",
        (
            "Je stelt de machines zelf in, draait en freest onderdelen op conventionele en CNC-machines, leest "
            "werktekeningen en controleert de maatvoering met een schuifmaat en micrometer."
        ),
        [
            "set up machine controls",
            "tend computer numerical control lathe machine",
            "tend CNC milling machine",
            "read engineering drawings",
            "measure parts of manufactured products",
        ],
        [],
    ),
    (
        "s174",
        "technical",
        (
            "Ik programmeer CNC-draaibanken, stel machines in, wissel gereedschappen en voer kwaliteitscontroles "
            "uit op de eerste producten van een serie."
        ),
        [
            "program a CNC controller",
            "set up machine controls",
            "supply machine with appropriate tools",
            "inspect quality of products",
        ],
        [],
    ),
    (
        "s175",
        "technical",
        (
            "Je voert revisies uit aan pompen en compressoren, leest technische tekeningen, vervangt afdichtingen"
            " en lagers, lijnt assen uit met een laser en voert na montage een proefdraai uit."
        ),
        ["maintain rotating equipment", "read engineering drawings", "replace defect components", "perform test run"],
        [],
    ),
    (
        "s176",
        "technical",
        (
            "Wij zoeken een monteur die hydraulische en pneumatische systemen kan installeren, onderhouden en "
            "repareren en die storingen zelfstandig oplost."
        ),
        ["install hydraulic systems", "install pneumatic systems", "maintain hydraulic systems", "troubleshoot"],
        [],
    ),
    (
        "s177",
        "technical",
        (
            "- installeren van groepenkasten, aanleggen van bekabeling, aansluiten van verlichting en "
            "wandcontactdozen, plaatsen van schakelaars en doormeten van de installatie"
        ),
        [
            "install circuit breakers",
            "install low voltage wiring",
            "install electricity sockets",
            "install electric switches",
            "test electrical equipment",
        ],
        [],
    ),
    (
        "s178",
        "technical",
        (
            "Je zoekt storingen in elektrische installaties met een multimeter, vervangt defecte componenten, "
            "meet de installatie door en documenteert je werk."
        ),
        [
            "troubleshoot",
            "operate electronic measuring instruments",
            "replace defect components",
            "measure electrical characteristics",
            "maintain records of maintenance interventions",
        ],
        [],
    ),
    (
        "s179",
        "technical",
        (
            "Je metselt binnen- en buitenmuren, zet kozijnen, werkt de voegen af, leest bouwtekeningen en bedient"
            " een steenzaag."
        ),
        [
            "lay bricks",
            "install glass frames",
            "finish mortar joints",
            "read standard blueprints",
            "operate masonry power saw",
        ],
        [],
    ),
    (
        "s180",
        "technical",
        (
            "Ik heb gewerkt als timmerman: kozijnen plaatsen, laminaat leggen, dakbeschot aanbrengen, "
            "metal-stud-wanden opbouwen en trappen monteren."
        ),
        [
            "install glass frames",
            "install laminate floor",
            "construct wood roofs",
            "install construction profiles",
            "install wood elements in structures",
        ],
        [],
    ),
    (
        "s181",
        "technical",
        (
            "Je stort betonvloeren, vlecht wapening, stelt bekistingen, werkt de vloer vlak af en haalt de "
            "bekisting weer weg."
        ),
        ["pour concrete", "tie reinforcing steel", "place concrete forms", "screed concrete", "remove concrete forms"],
        [],
    ),
    (
        "s182",
        "technical",
        (
            "Je bedient een graafmachine, maakt bouwputten uit, graaft rioolsleuven, legt riolering aan en maakt "
            "het terrein bouwrijp."
        ),
        ["operate excavator", "dig sewer trenches", "lay sewer pipe", "prepare building site"],
        [],
    ),
    (
        "s183",
        "technical",
        (
            "Als onderhoudstechnicus stel je onderhoudsplannen op, houd je het onderhoudssysteem bij, bestel je "
            "reserveonderdelen en analyseer je storingen om herhaling te voorkomen."
        ),
        [
            "plan maintenance activities",
            "maintain records of maintenance interventions",
            "order supplies",
            "troubleshoot",
        ],
        [],
    ),
    (
        "s184",
        "technical",
        "Ik ben niet bekend met SAP, maar ik heb wel gewerkt met Excel en Ultimo.",
        ["use spreadsheets software"],
        ["SAP R3"],
    ),
    (
        "s185",
        "technical",
        (
            "Je kunt technische tekeningen lezen, werkt zelfstandig volgens werkinstructies en gaat veilig om met"
            " hand- en elektrisch gereedschap."
        ),
        ["read engineering drawings", "follow written instructions", "use hand tools", "use power tools"],
        [],
    ),
    (
        "s186",
        "technical",
        (
            "Je leest installatietekeningen, installeert sanitair, legt water- en afvoerleidingen aan in pvc en "
            "koper, sluit toiletten, wastafels en douches aan en verhelpt lekkages."
        ),
        [
            "read standard blueprints",
            "place sanitary equipment",
            "install plumbing systems",
            "install PVC piping",
            "repair plumbing systems",
        ],
        [],
    ),
    (
        "s187",
        "technical",
        "Je legt gasleidingen aan, test ze op dichtheid, sluit gaskachels en cv-ketels aan en leest gasmeters af.",
        ["install metal gas piping", "install gas heaters", "install heating boiler", "read gas meter"],
        [],
    ),
    (
        "s188",
        "technical",
        (
            "Ik heb cv-installaties aangelegd in nieuwbouwprojecten: radiatoren ophangen, leidingen persen, de "
            "ketel aansluiten, vloerverwarming leggen en de installatie inregelen."
        ),
        [
            "install radiators",
            "install heating boiler",
            "install in-floor and in-wall heating",
            "balance hydraulics of hot water systems",
        ],
        [],
    ),
    (
        "s189",
        "technical",
        (
            "Je plaatst en bedraadt bewegingsmelders, brandmeldinstallaties en toegangscontrolesystemen, stelt de"
            " alarmcentrale in en voert periodiek onderhoud uit aan brandmeldinstallaties."
        ),
        [
            "wire security sensors",
            "building's electronic access equipment",
            "manage alarm system",
            "perform maintenance on fire alarm systems",
        ],
        [],
    ),
    (
        "s190",
        "technical",
        "- 2019-2023 magazijnmedewerker bij Lasbedrijf Van Veen",
        [],
        ["operate welding equipment"],
    ),
    (
        "s191",
        "technical",
        (
            "Je onderhoudt liften en roltrappen, test de werking van de lift, installeert liftbesturingen, voert "
            "periodieke keuringen uit en verhelpt storingen."
        ),
        ["provide escalator maintenance", "test lift operation", "install lift controller", "troubleshoot"],
        [],
    ),
    (
        "s192",
        "technical",
        (
            "Je schildert gevels en kozijnen, schuurt en plamuurt ondergronden, brengt beits en lak aan en zet "
            "zelf je steiger op."
        ),
        ["paint surfaces", "prepare surface for painting", "stain wood", "lacquer wood surfaces", "build scaffolding"],
        [],
    ),
    (
        "s193",
        "technical",
        (
            "Je bouwt en test elektronische printplaten, soldeert componenten, zoekt fouten met een oscilloscoop "
            "en repareert defecte apparatuur."
        ),
        [
            "assemble printed circuit boards",
            "test printed circuit boards",
            "solder components onto electronic board",
            "use diagnostic tools for electronic repairs",
            "maintain electronic equipment",
        ],
        [],
    ),
    (
        "s194",
        "technical",
        (
            "Ik heb ervaring met het plaatsen van dakgoten, het leggen van dakpannen, het aanbrengen van bitumen "
            "dakbedekking en het inspecteren van daken na stormschade."
        ),
        ["install gutters", "lay interlocking roof tiles", "apply roll roofing", "inspect roofs"],
        [],
    ),
    (
        "s195",
        "technical",
        (
            "Je stelt productiemachines in, wisselt matrijzen, bewaakt de kwaliteit van de producten, lost kleine"
            " storingen zelf op en houdt de productiegegevens bij."
        ),
        [
            "set up machine controls",
            "replace die",
            "monitor manufacturing quality standards",
            "troubleshoot",
            "record production data for quality control",
        ],
        [],
    ),
    (
        "s196",
        "technical",
        (
            "Je lost storingen op aan koelinstallaties in supermarkten; je vult koudemiddel bij, vervangt "
            "compressoren en controleert het systeem op lekkage."
        ),
        ["troubleshoot", "refrigerants", "replace large components", "perform refrigerant leak checks"],
        [],
    ),
    (
        "s197",
        "technical",
        "Wij zoeken geen lasser, maar een allround monteur die pompen en kleppen kan demonteren en monteren.",
        ["disassemble machines", "assemble machines"],
        ["operate welding equipment"],
    ),
    (
        "s198",
        "technical",
        (
            "Je stelt het meerjarenonderhoudsplan van het gebouw op, inspecteert daken en gevels, vergelijkt "
            "offertes van aannemers en bewaakt het onderhoudsbudget."
        ),
        ["plan maintenance activities", "inspect roofs", "compare contractors' bids", "manage budgets"],
        [],
    ),
    (
        "s199",
        "technical",
        (
            "Ik ontwerp onderdelen in SolidWorks, maak werktekeningen voor de werkplaats, print prototypes met "
            "een 3D-printer en test ze op sterkte."
        ),
        ["use CAD software", "draw blueprints", "3D printing process", "perform physical stress tests on models"],
        [],
    ),
    (
        "s200",
        "technical",
        (
            "Je leest werktekeningen, snijdt plaatmateriaal met een lasersnijder, zet plaatwerk op een kantbank, "
            "last kleine samenstellingen en monteert ze tot eindproduct."
        ),
        [
            "read engineering drawings",
            "operate laser cutting equipment",
            "use metal bending techniques",
            "operate welding equipment",
            "assemble metal parts",
        ],
        [],
    ),
    (
        "s201",
        "technical",
        (
            "- voegwerk, tegelwerk en het plaatsen van natuursteen in badkamers, inclusief het waterdicht maken "
            "van de douchehoek en het kitten van naden"
        ),
        ["fill tile joints", "lay tiles", "apply proofing membranes", "caulk expansion joints"],
        [],
    ),
    (
        "s202",
        "technical",
        (
            "Je voert NEN 3140-inspecties uit aan elektrische installaties, meet isolatieweerstanden, test "
            "aardlekschakelaars en schrijft een keuringsrapport."
        ),
        ["test electrical equipment", "measure electrical characteristics", "write inspection reports"],
        [],
    ),
    (
        "s203",
        "technical",
        (
            "Je bewaakt de planning en het budget van technische projecten, stuurt een team van monteurs aan, "
            "overlegt met opdrachtgevers en rapporteert over de voortgang."
        ),
        ["perform project management", "manage budgets", "lead a team", "document project progress"],
        [],
    ),
    (
        "s204",
        "technical",
        "Je hebt een mbo-diploma Elektrotechniek niveau 4 en rijbewijs B.",
        [],
        ["electrical engineering", "drive vehicles"],
    ),
    (
        "s205",
        "technical",
        (
            "Ik heb als monteur bij een machinebouwer besturingskasten bedraad, sensoren aangesloten, machines "
            "getest bij de klant en storingen opgelost."
        ),
        ["wire control panel", "install automation components", "perform test run", "troubleshoot"],
        [],
    ),
    (
        "s206",
        "technical",
        (
            "Je voert trillingsmetingen en thermografie uit aan roterende machines, analyseert de meetgegevens en"
            " adviseert over de vervanging van onderdelen."
        ),
        [
            "use measurement instruments",
            "create infrared imagery",
            "perform data analysis",
            "advise on equipment maintenance",
        ],
        [],
    ),
    (
        "s207",
        "technical",
        (
            "Je bouwt steigers op, bedient de bouwlift en de verreiker, houdt de bouwplaats veilig en opgeruimd "
            "en scheidt het bouwafval."
        ),
        [
            "build scaffolding",
            "operate hoists",
            "operate telehandler",
            "follow health and safety procedures in construction",
            "sort waste",
        ],
        [],
    ),
    (
        "s208",
        "technical",
        (
            "Je leest P&ID's, kalibreert meetinstrumenten, vervangt kleppen en sensoren in de procesinstallatie "
            "en voert storingsanalyses uit."
        ),
        ["read engineering drawings", "calibrate electronic instruments", "replace defect components", "troubleshoot"],
        [],
    ),
    (
        "s209",
        "technical",
        "Mijn ambitie is om werkvoorbereider te worden; nu werk ik als monteur installatietechniek.",
        [],
        [],
    ),
    (
        "s210",
        "technical",
        (
            "Je maakt calculaties en offertes voor installatieprojecten, bestelt materialen bij leveranciers en "
            "bewaakt de projectkosten."
        ),
        ["estimate costs of required supplies", "answer requests for quotation", "order supplies", "manage budgets"],
        [],
    ),
    (
        "s211",
        "technical",
        (
            "Je monteert kozijnen, deuren en trappen, brengt hang- en sluitwerk aan, plaatst sloten en werkt met "
            "hand- en elektrisch gereedschap."
        ),
        [
            "install glass frames",
            "install wood elements in structures",
            "install wood hardware",
            "install locks",
            "use hand tools",
            "use power tools",
        ],
        [],
    ),
    (
        "s212",
        "technical",
        (
            "- plaatsen van systeemplafonds, metal-stud-wanden en gipsplaten, afplakken van naden en aanbrengen "
            "van isolatie in de wanden"
        ),
        ["install drop ceiling", "install construction profiles", "tape drywall", "install insulation material"],
        [],
    ),
    (
        "s213",
        "technical",
        (
            "Je installeert beveiligingscamera's, legt netwerkbekabeling aan, bedraadt de deurcontacten van het "
            "alarmsysteem, configureert de recorder en legt de gebruiker uit hoe de beelden terug te kijken zijn."
        ),
        ["set up cameras", "install low voltage wiring", "wire security sensors", "configure electronic equipment"],
        [],
    ),
    (
        "s214",
        "technical",
        (
            "Je smeert machines, controleert oliepeilen, vervangt filters en V-snaren volgens het "
            "onderhoudsschema, reinigt de machines en voert dagelijkse controles uit."
        ),
        ["conduct routine machinery checks", "replace defect components", "maintain machinery", "clean equipment"],
        [],
    ),
    (
        "s215",
        "technical",
        "Ik ben handig met gereedschap, kan goed samenwerken, heb ervaring met een heftruck en heb een rijbewijs C.",
        ["use hand tools", "work in teams", "operate forklift"],
        ["drive vehicles"],
    ),
    (
        "s216",
        "technical",
        (
            "Je installeert, test en onderhoudt noodstroomaggregaten en UPS-systemen in datacenters en houdt de "
            "generatoren tijdens proefdraaien in de gaten."
        ),
        [
            "set up generators",
            "test electrical equipment",
            "maintain electrical equipment",
            "monitor electric generators",
        ],
        [],
    ),
    (
        "s217",
        "technical",
        (
            "Je werkt met een hoogwerker en verreiker, werkt veilig op hoogte, plaatst gevelelementen met een "
            "kraan en geeft aanwijzingen aan de kraanmachinist."
        ),
        [
            "operate aerial work platforms",
            "operate telehandler",
            "follow safety procedures when working at heights",
            "guide cranes",
        ],
        [],
    ),
    (
        "s218",
        "technical",
        (
            "Je maakt lastekeningen, controleert lassen visueel en met ultrasoon onderzoek, stelt lasprocedures "
            "op en begeleidt de lassers in de werkplaats."
        ),
        ["draw blueprints", "perform welding inspection", "coach employees"],
        [],
    ),
    (
        "s219",
        "technical",
        (
            "Ik heb tegels gezet, badkamers gerenoveerd, toiletten en wastafels geplaatst, keukens geplaatst en "
            "laminaat gelegd bij particulieren."
        ),
        ["lay tiles", "place sanitary equipment", "install laminate floor"],
        [],
    ),
    (
        "s220",
        "technical",
        (
            "Je monteert en onderhoudt zonweringen, rolluiken en garagedeuren, installeert de motoren, vervangt "
            "defecte motoren en programmeert de afstandsbediening."
        ),
        ["install blinds drive systems", "replace defect components", "configure electronic equipment"],
        [],
    ),
    (
        "s221",
        "technical",
        (
            "Je sloopt binnenwanden, voert het puin gescheiden af, verwijdert oude vloerbedekking en maakt de "
            "ruimte bouwklaar."
        ),
        ["perform selective demolition", "sort waste"],
        [],
    ),
    (
        "s222",
        "technical",
        (
            "Je werkt met een momentsleutel, draait bouten aan volgens specificatie, vervangt versleten bouten en"
            " registreert de aanhaalmomenten."
        ),
        ["use hand tools", "fasten components", "replace defect components"],
        [],
    ),
    (
        "s223",
        "technical",
        (
            "Je bent verantwoordelijk voor de technische dienst: je beheert het onderhoudsbudget, coördineert de "
            "storingsdienst, plant het onderhoud, bestelt reserveonderdelen en begeleidt leerlingen."
        ),
        ["manage budgets", "plan maintenance activities", "order supplies", "coach employees"],
        [],
    ),
    (
        "s224",
        "technical",
        "Kennis van PLC-programmering is niet vereist, wel van elektrische schema's.",
        ["interpret electrical diagrams"],
        ["programmable logic controller"],
    ),
    (
        "s225",
        "technical",
        (
            "Je legt elektra aan in woningen: je freest sleuven, legt leidingen en dozen in, trekt draden, "
            "monteert schakelaars en wandcontactdozen en test de installatie met een installatietester."
        ),
        [
            "cut wall chases",
            "install low voltage wiring",
            "install electric switches",
            "install electricity sockets",
            "test electrical equipment",
        ],
        [],
    ),
    (
        "s226",
        "technical",
        "Ik heb met Python meetdata van machines uitgelezen, de gegevens geanalyseerd en dashboards gebouwd.",
        ["Python (computer programming)", "perform data analysis", "data visualisation software"],
        [],
    ),
    (
        "s227",
        "technical",
        (
            "Je installeert pneumatische systemen, legt persluchtleidingen aan, spoort lekkages op en onderhoudt "
            "compressoren volgens het onderhoudsschema."
        ),
        ["install pneumatic systems", "lay pipe installation"],
        [],
    ),
    (
        "s228",
        "technical",
        "TechnoBouw Solutions zoekt een servicemonteur; Nederlands: vloeiend, Engels: basis.",
        [],
        ["Dutch", "English"],
    ),
    (
        "s229",
        "technical",
        "Je monteert en demonteert steigers, controleert de stabiliteit en werkt volgens de veiligheidsvoorschriften.",
        [
            "build scaffolding",
            "dismantle scaffolding",
            "inspect scaffolding",
            "follow health and safety procedures in construction",
        ],
        [],
    ),
    (
        "s230",
        "technical",
        (
            "- opstellen van onderhoudsrapportages, bijhouden van het storingslogboek, bestellen van "
            "reserveonderdelen en overdracht aan de volgende ploeg"
        ),
        [
            "write routine reports",
            "maintain records of maintenance interventions",
            "order supplies",
            "conduct inter-shift communication",
        ],
        [],
    ),
]
