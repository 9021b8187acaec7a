"""Schema migrations, applied in order by :mod:`krapte.store.migrate`."""
