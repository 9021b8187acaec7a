"""Benchmarks: ``make bench`` runs ``python -m bench``; each module prints its figures next to a baseline."""
