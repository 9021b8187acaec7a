"""Typed request and response bodies of the REST API, one module per area.

Where a domain dataclass already has the shape the API returns, the model is that dataclass (FastAPI derives the
schema from it); these modules add what the API adds around it (versions, counts, wrappers).
"""
