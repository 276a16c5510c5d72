"""publisher: documents in, a newsletter issue out as PDF, email, EPUB, feeds and web pages."""

__version__ = "0.1.0"
