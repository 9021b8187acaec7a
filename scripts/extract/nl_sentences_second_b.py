"""Second, blind annotation by writer B of writer A's double-annotated sentences (s105–s230, ids divisible by 5).

Written on 2026-12-07 by writer B (branch ``nlsetb``) for the inter-annotator agreement of issue 11 item 3. Writer B
read only the text column of ``tests/fixtures/nl-sentences/texts-a.tsv`` (id, domain, text) and annotated each
sentence by ``docs/extract-annotation.md`` before seeing writer A's own annotations (``nl_sentences_more_a.py``) and
before running krapte's extractor on them. Labels are exact English preferred labels of ESCO v1.2.0 skills.

Format: ``SECOND = [(id, skills, absent), ...]``, read by ``scripts/extract/nl_agreement.py``.
"""

from __future__ import annotations

SECOND: list[tuple[str, list[str], list[str]]] = [
    # (id, skills, absent)
    (
        "s105",
        [
            "repair heating equipment",
            "troubleshoot",
            "replace defect components",
            "maintain records of maintenance interventions",
            "advise on heating systems energy efficiency",
        ],
        [],
    ),
    ("s110", [], ["install insulation material"]),
    (
        "s115",
        [
            "install electricity sockets",
            "install circuit breakers",
            "test electrical equipment",
            "configure electronic equipment",
        ],
        [],
    ),
    ("s120", ["troubleshoot", "install power lines", "install electricity meter", "read electricity meter"], []),
    ("s125", [], ["renewable energy", "project management"]),
    ("s130", [], ["drive vehicles"]),
    (
        "s135",
        [
            "maintain records of maintenance interventions",
            "order supplies",
            "maintain parts inventory",
            "plan schedule",
            "maintain equipment",
        ],
        [],
    ),
    (
        "s140",
        [
            "project commissioning",
            "test electrical equipment",
            "measure electrical characteristics",
            "install inverter",
            "report test findings",
        ],
        [],
    ),
    ("s145", ["plan schedule", "order supplies", "use spreadsheets software", "communicate with customers"], []),
    ("s150", ["install power lines", "guide cranes"], []),
    ("s155", ["establish green roof", "apply proofing membranes", "install gutters", "inspect roofs"], []),
    ("s160", ["dismantle broken appliances", "dispose of non-hazardous waste", "install heat pump"], []),
    ("s165", ["use personal protection equipment", "perform risk analysis"], []),
    (
        "s170",
        [
            "operate welding equipment",
            "use metal bending techniques",
            "cut metal products",
            "read engineering drawings",
        ],
        [],
    ),
    (
        "s175",
        [
            "maintain machinery",
            "read engineering drawings",
            "replace defect components",
            "align components",
            "perform test run",
        ],
        [],
    ),
    ("s180", ["set window", "install laminate floor", "construct wood roofs", "place drywall"], []),
    ("s185", ["read engineering drawings", "follow written instructions", "use hand tools", "use power tools"], []),
    ("s190", [], ["operate welding equipment"]),
    (
        "s195",
        [
            "set up the controller of a machine",
            "install press dies",
            "check quality of products on the production line",
            "troubleshoot",
            "record production data",
        ],
        [],
    ),
    (
        "s200",
        [
            "read engineering drawings",
            "operate laser cutting equipment",
            "shape sheet metal objects",
            "operate welding equipment",
            "assemble final product",
        ],
        [],
    ),
    ("s205", ["wire control panel", "perform test run", "troubleshoot"], []),
    ("s210", ["answer requests for quotation", "order supplies", "finish project within budget"], []),
    ("s215", ["use hand tools", "cooperate with colleagues", "operate forklift"], ["drive vehicles"]),
    ("s220", ["install blinds drive systems", "replace defect components"], []),
    (
        "s225",
        ["cut wall chases", "install electric switches", "install electricity sockets", "test electrical equipment"],
        [],
    ),
    (
        "s230",
        [
            "maintain records of maintenance interventions",
            "maintain logbooks",
            "order supplies",
            "conduct inter-shift communication",
        ],
        [],
    ),
]
