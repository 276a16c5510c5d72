"""publisher: documents in, a newsletter issue out as PDF, email, EPUB, feeds and web pages."""

# The one place the version is written: pyproject.toml reads it (hatch's version source).
__version__ = "0.1.0"
