"""Pure helpers that keep hostile input from doing harm: bounded ZIP and JSON parsing, and formula-free exports.

The HTTP side (body and query caps, security headers, the JSON error shape) lives in :mod:`krapte.api`; these
modules import no web framework, so the domain core may use them. Limits come from :mod:`krapte.limits`.
"""

from krapte.security.cells import FORMULA_PREFIXES, csv_text, neutralise, neutralise_row
from krapte.security.safe_json import check_json_depth, json_depth, loads, nests_deeper_than
from krapte.security.safe_zip import check_zip, open_zip

__all__ = [
    "FORMULA_PREFIXES",
    "check_json_depth",
    "check_zip",
    "csv_text",
    "json_depth",
    "loads",
    "nests_deeper_than",
    "neutralise",
    "neutralise_row",
    "open_zip",
]
