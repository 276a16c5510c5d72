"""Real documents as editors receive them (../shared/corpus) build into valid outputs."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import feedparser
import lxml.html
from validators import epubcheck_messages, parse_eml, pdffonts

from publisher.build import build


def test_an_issue_of_corpus_documents_builds_and_validates(corpus: Path, tmp_path: Path) -> None:
    root = tmp_path / "corpus-news"
    (root / "documents").mkdir(parents=True)
    (root / "issues").mkdir()
    texts = sorted(corpus.glob("*.txt"))
    assert texts, "the corpus has plain-text documents"
    for text in texts:
        shutil.copy(text, root / "documents" / text.name)
    (root / "publisher.toml").write_text(
        'title = "Corpus News"\nbase_url = "https://corpus.example.org/"\n'
        '[organisation]\nname = "Corpus Org"\n[email]\nfrom = "news@corpus.example.org"\n'
    )
    (root / "issues" / "001-corpus.yaml").write_text(
        "number: 1\ntitle: Corpus\ndate: 2026-03-01\nsections:\n  - title: As received\n"
        f"    documents: [{', '.join(t.stem for t in texts)}]\n"
    )
    report = build(root)
    out = report.out_dir / "001-corpus"

    assert epubcheck_messages(out / "001-corpus.epub") == []
    assert all(font["emb"] == "yes" for font in pdffonts(out / "001-corpus.pdf"))
    assert feedparser.parse(report.out_dir / "feed.atom").bozo == 0
    assert parse_eml(out / "email.eml").get_content_type() == "multipart/alternative"
    page = lxml.html.parse(str(out / "index.html")).getroot()
    articles = page.xpath("//article")
    assert len(articles) == len(texts)
    for article, text in zip(articles, texts, strict=True):
        # The words of each document reach the page (first long line, whitespace folded).
        line = next(x for x in text.read_text().splitlines() if len(x.split()) > 8)
        words = " ".join(line.replace("\u00a0", " ").split()[:6])
        assert words in " ".join(article.text_content().replace("\u00a0", " ").split())

    # Posts copied off a blog into one file: each post after the first keeps its title as a
    # heading of the document's page (the line after each of the blog's date headers).
    for text in texts:
        titles = post_titles(text.read_text())[1:]
        if titles:
            article = lxml.html.parse(str(out / text.stem / "index.html")).getroot()
            headings = [" ".join(h.text_content().split()) for h in article.iter("h2", "h3")]
            assert titles == [t for t in headings if t in titles], text.name


WEEKDAY_HEADER = re.compile(
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \w+ \d{1,2}, \d{4}"
)


def post_titles(text: str) -> list[str]:
    """The line after each of a blog's date headers ("Sunday, November 23, 2025"), with
    its apostrophes curled as every output sets them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [
        " ".join(following.replace("'", "’").split())
        for line, following in itertools.pairwise(lines)
        if WEEKDAY_HEADER.fullmatch(line)
    ]
