"""Server-rendered web pages (Jinja2), Dutch by default and English on request."""
