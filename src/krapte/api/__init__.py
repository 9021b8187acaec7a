"""REST API and web app adapter (FastAPI)."""
