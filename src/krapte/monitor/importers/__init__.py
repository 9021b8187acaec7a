"""Readers that turn published statistics into indicator definitions and observations.

Each reader is pure: it parses a file (or a recorded API response) completely and returns a
:class:`ParsedPanel`, or raises :class:`krapte.errors.DataImportError` naming file, line and column. Writing
to the store happens afterwards in one transaction, so a bad file never half-writes.

- :mod:`.cbs`: CBS StatLine OData v3 (``TypedDataSet`` + ``DataProperties`` + code lists), OData v4
  (``Observations`` + ``MeasureCodes`` + ``<Dim>Codes``) and the CSV download of the same tables
- :mod:`.duo`: DUO open education data (semicolon CSV, one column per year)
- :mod:`.uwv`: UWV figures per labour-market region (semicolon or comma CSV, long format)
"""

from krapte.monitor.importers.common import ParsedPanel

__all__ = ["ParsedPanel"]
