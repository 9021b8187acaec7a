"""Second, blind annotation by writer A (2026-12-07) of the double-annotated fifth of the Dutch sentence set.

Writer A annotated s005-s100 (ids divisible by 5, written by the first set's author) and writer B's s235-s360 (ids
divisible by 5) from the text column only (``tests/fixtures/nl-sentences/texts-b.tsv`` and the ``text`` field of
the jsonl), without looking at the first annotation, following ``docs/extract-annotation.md``. Compared with the
first annotation by ``scripts/extract/nl_agreement.py``.

Format: ``SECOND: list[tuple[str, list[str], list[str]]]`` = (id, skills, absent) by English ESCO preferred label.
"""

from __future__ import annotations

SECOND: list[tuple[str, list[str], list[str]]] = [
    # (id, skills, absent)
    ("s005", ["maintain photovoltaic systems"], []),
    ("s010", ["repair wiring"], []),
    ("s015", ["operate forklift"], []),
    ("s020", ["lay pipe installation", "apply soldering techniques"], []),
    ("s025", ["execute software tests", "report test findings"], []),
    ("s030", [], ["English", "Dutch"]),
    ("s035", ["disability care"], []),
    ("s040", [], ["logistics"]),
    ("s045", ["manoeuvre heavy trucks"], []),
    ("s050", ["promote sustainable energy", "provide information on solar panels"], []),
    ("s055", [], ["operate welding equipment"]),
    ("s060", ["cyber attack counter-measures"], []),
    ("s065", ["encourage social service users to preserve their independence in their daily activities"], []),
    ("s070", ["plan transport operations", "prepare transportation routes"], []),
    ("s075", [], []),
    ("s080", ["lay bricks", "read standard blueprints"], []),
    ("s085", ["handle children's problems"], []),
    ("s090", ["operate forklift", "load cargo"], []),
    ("s095", ["install lift controller", "attach lift motor cables"], []),
    ("s100", ["receive goods", "check deliveries on receipt"], []),
    ("s235", ["penetration testing tool", "identify ICT system weaknesses", "advise on strengthening security"], []),
    ("s240", ["monitor system performance", "perform ICT troubleshooting", "create incident reports"], []),
    ("s245", ["use access control software"], []),
    ("s250", ["handle cybersecurity incidents", "cyber attack counter-measures"], []),
    (
        "s255",
        [
            "Android (mobile operating systems)",
            "tools for software configuration management",
            "develop automated software tests",
        ],
        ["Java (computer programming)"],
    ),
    ("s260", ["repair ICT devices", "replace defect components", "manage technical resources stock"], []),
    ("s265", ["develop automated software tests", "execute software tests", "report test findings"], []),
    ("s270", ["provide mentorship", "conduct ICT code review"], []),
    (
        "s275",
        [
            "implement front-end website design",
            "manage website",
            "use content management system software",
            "conduct search engine optimisation",
        ],
        [],
    ),
    ("s280", ["observe healthcare users", "measure temperature"], []),
    ("s285", ["implement nursing care", "manage acute pain", "carry out nurse-led discharge"], []),
    ("s290", ["assess the development of youth", "maintain relations with children's parents"], []),
    ("s295", ["encourage social service users to preserve their independence in their daily activities"], []),
    ("s300", ["administer prescribed medication"], []),
    (
        "s305",
        [
            "assist patients with rehabilitation",
            "assist in performing physical exercises",
            "provide assistive technology",
        ],
        [],
    ),
    ("s310", ["handle children's problems"], ["assess clients' drug and alcohol addictions"]),
    (
        "s315",
        ["apply quality standards in social services", "perform quality audits", "update procedure instructions"],
        [],
    ),
    ("s320", ["assist with dressing"], ["administer prescribed medication", "apply wound dressings"]),
    ("s325", ["operate forklift", "store warehouse goods", "carry out inventory control accuracy"], []),
    ("s330", ["operate forklift", "train employees"], ["lead a team"]),
    ("s335", ["manage carriers"], []),
    ("s340", [], ["manoeuvre heavy trucks"]),
    ("s345", ["use methods of logistical data analysis", "analyse transportation costs"], []),
    ("s350", ["carry out inventory control accuracy", "manage warehouse inventory"], []),
    ("s355", ["operate cranes", "load cargo", "unload cargo", "operate two-way radio systems"], []),
    ("s360", ["train employees", "train staff in safety procedures", "supervise worker safety"], []),
]
