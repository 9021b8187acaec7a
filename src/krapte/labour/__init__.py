"""Regional labour demand and supply for the energy transition.

Pure domain core (no database, web or CLI imports):

- :mod:`krapte.labour.quarters`   quarter arithmetic (``2027Q1`` <-> integer index)
- :mod:`krapte.labour.regions`    the CBS gemeente -> arbeidsmarktregio / RES / province / COROP mapping, look-ups
- :mod:`krapte.labour.factors`    named, sourced employment-factor sets and occupation shares
- :mod:`krapte.labour.projects`   project pipelines read from CSV, JSON and Excel with row-level validation
- :mod:`krapte.labour.forecast`   demand per project, region, occupation and quarter (vectorised)
- :mod:`krapte.labour.supply`     supply per region and occupation (employed, replacement, inflow, job seekers)
- :mod:`krapte.labour.cbs`        importers for CBS OData / CSV tables
- :mod:`krapte.labour.tension`    UWV spanningsindicator and ROA ITA classes, shortage flags
- :mod:`krapte.labour.res_scenario` the RES scenario: the path to 35 TWh onshore renewables (named ``res-35twh``)
- :mod:`krapte.labour.programmes` the national scenario of RES, NPE and NPLW (``nl-programmes-2030``), summaries
- :mod:`krapte.labour.programme_planning` planning the three programmes together; slips per programme
- :mod:`krapte.labour.programme_checks` comparison with published studies, sensitivity, regional outlook
"""
