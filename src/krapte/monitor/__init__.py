"""Monitoring the Actieplan Groene en Digitale Banen: measures registry, indicator panel, KPIs, reports.

Pure domain core: nothing here imports sqlalchemy, fastapi, click or the store/api/web/cli adapters.

- :mod:`krapte.monitor.measures`: the measure record and its validation
- :mod:`krapte.monitor.indicators`: indicator definitions, periods and observations (the panel)
- :mod:`krapte.monitor.importers`: CBS StatLine (OData v3/v4 JSON, CSV), DUO and UWV CSV readers
- :mod:`krapte.monitor.kpi`: progress toward targets
- :mod:`krapte.monitor.charts`: PNG/SVG charts (matplotlib, Agg)
- :mod:`krapte.monitor.report`: per-measure and plan-wide reports
- :mod:`krapte.monitor.evaluate`: the evaluation engine (does a measure work?)
"""
