"""The composer: /compose in `publisher serve`, where an editor who never writes YAML picks
documents from the pool, arranges an issue's sections, writes its editorial and previews,
builds, checks and sends it a test copy, while the manifest stays a file they could edit.

guard.py      the CSRF token and confinement of names to their folders
pool_listing  the pool: each document's title, language, date, tags and issues
form.py       the page's form ↔ an IssueEdit (publisher/manifest_yaml.py writes it)
saving.py     digest check, the build's validation, atomic write
tasks.py      build, check, import and test copies as child `publisher` commands
thumbnails.py the PDF's pages as pictures
routes.py     the pages and actions; templates/ and static/ (SortableJS, vendored)
"""

from .routes import ROOT, Composer, Response

__all__ = ["ROOT", "Composer", "Response"]
