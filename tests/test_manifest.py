"""A broken manifest fails before anything renders: the message names the manifest, the
line and a fix; the exit code is non-zero; dist/ is left exactly as it was."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypandoc
import pytest
from click.testing import CliRunner

from publisher.cli import main
from publisher.manifest import load_manifests
from publisher.pool import DocumentPool, UnresolvedReference

GOOD = """\
number: 1
title: "First issue"
date: 2026-01-10
sections:
  - title: News
    documents: [first-article, second-article]
"""


def run_build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    return result.exit_code, result.output


@pytest.fixture
def minimal(workspace: Callable[[str], Path]) -> Path:
    root = workspace("minimal")
    # A previous build's output that a failed build must leave untouched.
    (root / "dist").mkdir()
    (root / "dist" / "previous.txt").write_text("from the last good build")
    return root


def write_manifest(root: Path, text: str) -> Path:
    path = root / "issues" / "001-first.yaml"
    path.write_text(text)
    return path


def assert_failed_cleanly(root: Path, code: int) -> None:
    assert code == 1
    assert sorted(os.listdir(root / "dist")) == ["previous.txt"]
    assert (root / "dist" / "previous.txt").read_text() == "from the last good build"


def test_missing_document_names_manifest_line_and_near_miss(minimal: Path) -> None:
    write_manifest(minimal, GOOD.replace("second-article]", "secnd-article]"))
    code, output = run_build(minimal)
    assert "001-first.yaml:6:" in output
    assert "no document 'secnd-article'" in output
    assert "did you mean 'second-article'" in output
    assert "Traceback" not in output
    assert_failed_cleanly(minimal, code)


def test_a_near_miss_offers_each_document_once(minimal: Path) -> None:
    """Not "did you mean 'second-article' or 'second-article.md'?": one document twice."""
    write_manifest(minimal, GOOD.replace("second-article]", "secnd-article]"))
    _, output = run_build(minimal)
    assert "did you mean 'second-article' or" in output and "'second-article.md'" not in output


def test_a_long_name_shortened_to_its_first_words_is_offered(minimal: Path) -> None:
    """An imported document is named by its title's words: the editor types the first
    ones, too few for a near miss by spelling."""
    long_name = "convocatoria-huelga-general-del-12-de-marzo"
    (minimal / "documents" / f"{long_name}.md").write_text("---\ntitle: Huelga\n---\nHuelga.\n")
    write_manifest(minimal, GOOD.replace("second-article]", "second-article, convocatoria]"))
    code, output = run_build(minimal)
    assert "no document 'convocatoria'" in output and f"did you mean '{long_name}'?" in output
    assert_failed_cleanly(minimal, code)


TITLED = "name a document by its file name, not its title: statement-v3-final (titled"


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ('"Rent strike: the ballot result"', TITLED),
        ('"rent strike, the BALLOT result!"', TITLED),
        ("rent strike ballot", TITLED),  # words of it
        ("strike", "'publisher list' shows the documents there are"),  # one word names none
    ],
    ids=["the title", "its words in other case", "words of it", "one word"],
)
@pytest.mark.parametrize(
    ("file", "text"),
    [
        ("statement-v3-final.md", "---\ntitle: 'Rent strike: the ballot result'\n---\n\nWe won.\n"),
        # pasted from a blog: its title the first line, in the tags it was copied with
        (
            "statement-v3-final.txt",
            "\n<strong>Rent strike: the ballot result</strong>\n\nWe won, and by a long way.\n",
        ),
        # a Word or LibreOffice file opening with its title (pandoc writes it from Markdown)
        ("statement-v3-final.docx", "Rent strike: the ballot result\n\nWe won.\n"),
        ("statement-v3-final.odt", "# Rent strike: the ballot result\n\nWe won.\n"),
        (
            "statement-v3-final.html",
            "<!DOCTYPE html><title>Rent strike: the ballot result &#8211; Tenants</title>"
            "<h1>Rent strike: the ballot result</h1><p>We won.</p>",
        ),
    ],
    ids=["markdown", "plain text", "word", "opendocument", "web page"],
)
def test_a_document_named_by_its_title_is_told_its_file_name(
    minimal: Path, typed: str, hint: str, file: str, text: str
) -> None:
    """Editors know their documents by title; a manifest names them by file, which for a
    Word file saved as "statement v3 final" says nothing of what is in it."""
    path = minimal / "documents" / file
    if path.suffix in (".docx", ".odt"):
        pypandoc.convert_text(text, path.suffix[1:], format="markdown", outputfile=str(path))
    else:
        path.write_text(text)
    write_manifest(minimal, GOOD.replace("second-article]", f"{typed}]"))
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert "001-first.yaml:6: no document" in said
    assert f"hint: {hint}" in said
    if "titled" in hint:
        assert "(titled 'Rent strike: the ballot result')" in said
    assert_failed_cleanly(minimal, code)


def test_damaged_files_in_the_pool_offer_no_title_and_stop_no_hint(minimal: Path) -> None:
    """The titles are read from every document when a name finds none: a file that is no
    zip, a zip without the part, a part that is no XML, one that would inflate past a
    megabyte, or one whose compressed data is damaged gives none, and the hint names the
    document that has it."""
    documents = minimal / "documents"
    (documents / "not-a-zip.docx").write_bytes(b"PK\x03\x04 and then nothing")
    for name, part, content in [
        ("no-part.odt", "mimetype", b"application/vnd.oasis.opendocument.text"),
        ("no-xml.docx", "word/document.xml", b"<w:document><w:body><w:p>"),
        ("inflating.docx", "word/document.xml", b"<w:p>" + b" " * (2 << 20) + b"</w:p>"),
    ]:
        with zipfile.ZipFile(documents / name, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(part, content)
    # its text's compressed data damaged: zlib cannot inflate it
    words = "".join(f"<w:p><w:t>{f'paragraph {n} ' * 40}</w:t></w:p>" for n in range(500))
    with zipfile.ZipFile(documents / "damaged.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document><w:body>{words}</w:body></w:document>")
    damaged = bytearray((documents / "damaged.docx").read_bytes())
    damaged[200:260] = bytes(byte ^ 0x5A for byte in damaged[200:260])
    (documents / "damaged.docx").write_bytes(damaged)
    (documents / "statement-v3-final.md").write_text(
        "---\ntitle: 'Rent strike: the ballot result'\n---\n\nWe won.\n"
    )
    write_manifest(minimal, GOOD.replace("second-article]", "Rent strike ballot]"))
    code, output = run_build(minimal)
    assert "Traceback" not in output
    assert f"hint: {TITLED}" in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


# An OLE compound file: what Word 97-2003 saves, and what Word saves a password-protected
# DOCX as (the zip encrypted inside it).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
# The opening of a PDF, as a PDF printer or "Save as PDF" writes it
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"


@pytest.mark.parametrize(
    ("name", "content", "said", "hint"),
    [
        ("second-article.doc", OLE, "a Word 97-2003 document", "save it as .docx"),
        ("second-article.pages", b"PK\x03\x04", "an Apple Pages document", "Export To > Word"),
        ("second-article.pdf", b"%PDF-1.7", "a PDF", "publisher import"),
        # a researcher's report: its figures come of running its code, which publisher does not
        ("second-article.qmd", b"---\ntitle: Rents\n---\n", "a Quarto", "quarto render"),
        ("second-article.ipynb", b'{"cells": []}', "a Jupyter notebook", "nbconvert"),
    ],
)
def test_a_document_sent_in_a_format_publisher_cannot_read_is_named_with_what_to_do(
    minimal: Path, name: str, content: bytes, said: str, hint: str
) -> None:
    """Not "no document 'second-article'" beside the very file the editor is looking at."""
    write_manifest(minimal, GOOD)
    (minimal / "documents" / "second-article.md").unlink()
    (minimal / "documents" / name).write_bytes(content)
    code, output = run_build(minimal)
    assert f"001-first.yaml:6: 'second-article' is documents/{name}, {said}" in output
    assert "hint: " in output and hint in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("name", "ref", "said"),
    [
        ("Port Statement.doc", "port-statement", "a Word 97-2003 document"),
        ("Port Statement.doc", "Port Statement.doc", "a Word 97-2003 document"),
        ("reports/Annual Report.pdf", "reports/Annual Report.pdf", "a PDF"),
        ("reports/Annual Report.pdf", "annual-report", "a PDF"),
        # a list's archive (`publisher import` reads these), a site's files
        ("Branch.mbox", "branch", "a mail folder or a mailing list's archive"),
        ("2026-March.txt.gz", "2026-March.txt.gz", "a gzipped file"),
        ("old-site.tar.gz", "old-site.tar.gz", "a tar archive"),
    ],
)
def test_a_file_publisher_cannot_read_is_named_by_any_name_a_document_of_it_would_have(
    minimal: Path, name: str, ref: str, said: str
) -> None:
    """Named by its slug, by its file name or in a folder, a Word 97 file or a PDF was "no
    document", with a "did you mean" pointing at another document."""
    (minimal / "documents" / "statement.md").write_text("---\ntitle: Statement\n---\n\nOld.\n")
    write_manifest(minimal, GOOD.replace("second-article]", f'"{ref}"]'))
    (minimal / "documents" / name).parent.mkdir(exist_ok=True)
    (minimal / "documents" / name).write_bytes(OLE if name.endswith(".doc") else PDF)
    code, output = run_build(minimal)
    said_in_full = f"001-first.yaml:6: '{ref}' is documents/{name}, {said}"
    assert said_in_full in " ".join(output.split()), output
    if name.endswith((".mbox", ".txt.gz")):  # what reads them
        assert "'publisher import FILE." in output, output
    assert "no document" not in output and "did you mean" not in output
    assert_failed_cleanly(minimal, code)


def test_a_password_protected_word_file_says_so_not_that_it_is_no_zip(minimal: Path) -> None:
    (minimal / "documents" / "second-article.md").unlink()
    (minimal / "documents" / "second-article.docx").write_bytes(OLE)
    code, output = run_build(minimal)
    assert "second-article.docx: a password-protected document" in output
    assert "remove any password" in output and "zip" not in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize("name", ["second-article.docx", "second-article.odt"])
def test_a_pdf_named_as_a_word_file_says_it_is_a_pdf_not_that_it_is_no_zip(
    minimal: Path, name: str
) -> None:
    """A PDF renamed (or sent named) .docx was "not a readable DOCX file (File is not a zip
    file)", and the editor told to open it in its own program and save it again."""
    (minimal / "documents" / "second-article.md").unlink()
    (minimal / "documents" / name).write_bytes(PDF)
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert f"{name}: a PDF, named {Path(name).suffix}" in said, said
    assert "publisher import" in said and "zip" not in said
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("second-article.md", b""),  # `touch`ed, never written
        ("second-article.md", b"\n\n   \n"),
        ("second-article.html", b"\xef\xbb\xbf \r\n"),  # a byte-order mark and a line end
    ],
)
def test_an_empty_document_in_an_issue_is_refused_at_its_manifest_line(
    minimal: Path, name: str, content: bytes
) -> None:
    """Not an article titled "Second Article" with no text, published without a word."""
    write_manifest(minimal, GOOD)
    (minimal / "documents" / "second-article.md").unlink()
    (minimal / "documents" / name).write_bytes(content)
    code, output = run_build(minimal)
    assert f"001-first.yaml:6: documents/{name} is empty" in output, output
    assert_failed_cleanly(minimal, code)


def test_every_missing_document_is_listed_not_just_the_first(minimal: Path) -> None:
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", "[gone-one, gone-two]"))
    code, output = run_build(minimal)
    assert "'gone-one'" in output and "'gone-two'" in output
    assert_failed_cleanly(minimal, code)


def test_duplicate_document_points_at_both_lines(minimal: Path) -> None:
    text = GOOD + "  - title: Again\n    documents:\n      - first-article\n"
    write_manifest(minimal, text)
    code, output = run_build(minimal)
    assert "001-first.yaml:9:" in output and "already in this issue (line 6)" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        ("10 January 2026", "write it as YYYY-MM-DD: date: 2026-01-10"),
        ("10 de enero de 2026", "write it as YYYY-MM-DD: date: 2026-01-10"),
        ("2026-1-10", "write it as YYYY-MM-DD: date: 2026-01-10"),
        ("31/01/2026", "write it as YYYY-MM-DD: date: 2026-01-31"),  # no 31st month
        (
            "10/01/2026",  # 10 January in Britain, 1 October in the US
            "10/01/2026 is 10 January or 1 October: write date: 2026-01-10 or date: 2026-10-01",
        ),
        # dots: day first, as Germany, Russia and Poland write it; the US never does
        ("10.01.2026", "write it as YYYY-MM-DD: date: 2026-01-10"),
        ("next Friday", "write it as YYYY-MM-DD, e.g. date: 2026-02-22"),
    ],
)
def test_a_date_written_otherwise_is_reported_with_itself_in_the_expected_form(
    minimal: Path, written: str, hint: str
) -> None:
    write_manifest(minimal, GOOD.replace("2026-01-10", written))
    code, output = run_build(minimal)
    assert "001-first.yaml:3:" in output and f"hint: {hint}" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("written", "said", "hint"),
    [
        ("2026-02-30", "date '2026-02-30' is not a valid date", "February 2026 has 28 days"),
        ("2028-02-30", "date '2028-02-30' is not a valid date", "February 2028 has 29 days"),
        ("2026-04-31", "date '2026-04-31' is not a valid date", "April 2026 has 30 days"),
        ("2026-13-01", "date '2026-13-01' is not a valid date", "a year has 12 months"),
        # written as people write days: day first, the US's month first, with dots
        ("31/11/2026", "'date' must be a date, got '31/11/2026'", "November 2026 has 30 days"),
        ("11/31/2026", "'date' must be a date, got '11/31/2026'", "November 2026 has 30 days"),
        ("30.02.2026", "'date' must be a date, got '30.02.2026'", "February 2026 has 28 days"),
    ],
)
def test_a_day_that_does_not_exist_is_named_with_its_key_and_what_the_month_holds(
    minimal: Path, written: str, said: str, hint: str
) -> None:
    """It said "not a valid value: day is out of range for month": which key, which
    value, and what was wrong with it, the editor had to work out."""
    write_manifest(minimal, GOOD.replace("2026-01-10", written))
    code, output = run_build(minimal)
    assert f"001-first.yaml:3: {said}" in output
    assert f"hint: {hint}" in output
    assert_failed_cleanly(minimal, code)


def test_unknown_key_suggests_the_known_one(minimal: Path) -> None:
    write_manifest(minimal, GOOD.replace('title: "First issue"', 'titel: "First issue"'))
    code, output = run_build(minimal)
    assert "001-first.yaml:2:" in output and "unknown key 'titel'" in output
    assert "did you mean 'title'" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("written", "typed", "line", "meant"),
    [
        ("sections:", "section:", 4, "sections"),
        ("    documents:", "    document:", 6, "documents"),
        ("date:", "dat:", 3, "date"),
    ],
)
def test_a_misspelt_key_is_told_once_not_as_missing_too(
    minimal: Path, written: str, typed: str, line: int, meant: str
) -> None:
    """`section:` was told as unknown, and then that the issue lists no sections: one
    mistake, two errors, the second no help."""
    write_manifest(minimal, GOOD.replace(written, typed))
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert f"001-first.yaml:{line}: unknown" in said and f"did you mean '{meant}'" in said
    assert said.count("001-first.yaml:") == 1, said
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize("reference", ["../publisher.toml", "/etc/passwd", "../../../etc/passwd"])
def test_references_leaving_documents_are_refused(minimal: Path, reference: str) -> None:
    write_manifest(minimal, GOOD.replace("second-article]", f"'{reference}']"))
    code, output = run_build(minimal)
    assert "001-first.yaml:6:" in output and "outside documents/" in output
    assert_failed_cleanly(minimal, code)


def test_symlink_pointing_outside_documents_is_refused(minimal: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nnot for publishing\n")
    (minimal / "documents" / "linked.md").symlink_to(secret)
    write_manifest(minimal, GOOD.replace("second-article]", "linked]"))
    code, output = run_build(minimal)
    assert "001-first.yaml:6:" in output and "outside documents/" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # a flow list that opens a mapping inside it: libyaml stops on the line of the ':'
        (GOOD.replace("    documents: [first-article", "    documents: [first-article:"), 6),
        # an unclosed flow list: named where it opened, not at the next key where the
        # parser gave up, nor past the last line
        ("number: 1\ntitle: [unclosed\ndate: 2026-01-10\n", 2),
        ("number: 1\ntitle: [unclosed\n", 2),
        # the line the fix is looked for on holds a day that does not exist (the hint's
        # own reading of it raised ValueError: found by test_fuzz)
        ("0\n0: 0000-00-00\n", 2),
    ],
)
def test_invalid_yaml_points_at_the_line(minimal: Path, text: str, line: int) -> None:
    write_manifest(minimal, text)
    code, output = run_build(minimal)
    assert f"001-first.yaml:{line}: not valid YAML" in output
    assert_failed_cleanly(minimal, code)


# What people who never chose YAML write, and the fix the error gives them, written out.
TYPOS = [
    ("title: Strike: day one", 2, 'put the value in quotes: title: "Strike: day one"'),
    ('title: "Strike" goes on', 2, """put the value in quotes: title: '"Strike" goes on'"""),
    ("title: [Draft] rents", 2, 'put the value in quotes: title: "[Draft] rents"'),
    # pasted from a word processor: the quotes meant as YAML's came out curly
    ("title: “Strike: day one”", 2, 'put the value in straight quotes: title: "Strike: day one"'),
    ('title: "First issue', 2, 'close the quote: title: "First issue"'),
    # quotes that do not pair, and a quote inside that ends the text early: the fix has
    # no stray quote left in it
    ("title: \"First issue'", 2, 'close the quote: title: "First issue"'),
    ("title: 'Don't stop'", 2, """put the value in quotes: title: "Don't stop\""""),
    ('title: "Say "no" to cuts"', 2, """put the value in quotes: title: 'Say "no" to cuts'"""),
    # texts each in its quotes: kept as typed, not stripped to 'Strike", "now'
    ('title: "Strike", "now"', 2, """put the value in quotes: title: '"Strike", "now"'"""),
    (
        '    documents: [first-article, "second-article]',
        6,
        'close the quote: documents: [first-article, "second-article"]',
    ),
    # one item and no bracket after it: a title's text may start with one too
    (
        "    documents: [first-article",
        6,
        'put the value in quotes: documents: "[first-article" (or, if it is a list, close the'
        " bracket: documents: [first-article])",
    ),
    # a list's closing bracket left out: closed, not put in quotes as if it were a title
    (
        "    documents: [first-article, second-article",
        6,
        "close the bracket: documents: [first-article, second-article] (or, if the bracket is"
        ' part of the text, put the value in quotes: documents: "[first-article,'
        ' second-article")',
    ),
    # names each in quotes and no brackets: YAML's one text, then a stray one
    (
        '    documents: "first-article", "second-article"',
        6,
        'put the list in brackets: documents: ["first-article", "second-article"]',
    ),
    # two commas in a row, or one after the bracket: an empty item, which YAML refuses
    (
        "    documents: [first-article,, second-article]",
        6,
        "take out the extra comma: documents: [first-article, second-article]",
    ),
    (
        "    documents: [, first-article, second-article]",
        6,
        "take out the extra comma: documents: [first-article, second-article]",
    ),
    (
        "sections:\n\t- title: News",
        5,
        "this line is indented with a tab: YAML indents with spaces only",
    ),
    # a list item without the space after its dash: libyaml stops on the line after it
    (
        "    documents:\n      - first-article\n      -second-article",
        8,
        "put a space after the dash: - second-article",
    ),
]


@pytest.mark.parametrize(("typo", "line", "fix"), TYPOS, ids=[t[0] for t in TYPOS])
def test_a_yaml_typo_gets_its_fix_written_out(
    minimal: Path, typo: str, line: int, fix: str
) -> None:
    if typo.startswith("sections"):
        text = GOOD.replace("sections:\n  - title: News", typo)
    elif typo.startswith("    documents"):
        text = GOOD.replace("    documents: [first-article, second-article]", typo)
    else:
        text = GOOD.replace('title: "First issue"', typo)
    write_manifest(minimal, text)
    code, output = run_build(minimal)
    assert f"001-first.yaml:{line}: not valid YAML" in output
    assert f"hint: {fix}" in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


# Mistakes libyaml names a line late, or only as "could not find expected ':'", "mapping
# values are not allowed here" or "did not find expected '-' indicator", with a hint to
# check the indentation: a key typed without its colon, a value typed straight after it
# (`number:1`, read as one word), and a line indented a space more or less than the keys
# it belongs with.
NAMED_LATE = [  # the line as written, as typed, its line, and the fix
    (
        'title: "First issue"',
        'title "First issue"',
        2,
        "add a colon after 'title': title: \"First issue\"",
    ),
    # its quotes curly from a word processor: the line it suggests in straight ones
    (
        'title: "First issue"',
        "title “First issue”",
        2,
        "add a colon after 'title': title: \"First issue\"",
    ),
    ("date: 2026-01-10", "date 2026-01-10", 3, "add a colon after 'date': date: 2026-01-10"),
    (
        "    documents: [",
        "    documents [",
        6,
        "add a colon after 'documents': documents: [first-article, second-article]",
    ),
    # a list's item: libyaml reads it as text running on into the next line's key
    ("  - title: News", '  - title "News"', 5, "add a colon after 'title': - title: \"News\""),
    ("number: 1", "number:1", 1, "put a space after the colon: number: 1"),
    ('title: "First', 'title:"First', 2, 'put a space after the colon: title: "First issue"'),
    ("date: 2026-01-10", "date:2026-01-10", 3, "put a space after the colon: date: 2026-01-10"),
    ("  - title: News", "  - title:News", 5, "put a space after the colon: - title: News"),
    (
        "    documents: [",
        "    documents:[",
        6,
        "put a space after the colon: documents: [first-article, second-article]",
    ),
    ("    documents:", "   documents:", 6, "indent 'documents' by 4 spaces, in line with 'title'"),
    ("    documents:", "      documents:", 6, "indent 'documents' by 4 spaces, in line with"),
    ("title:", " title:", 2, "start 'title' at the beginning of the line, in line with 'number'"),
    # a dash before the section's next key, under its title: lining the dash up would split
    # the section in two
    (
        "    documents:",
        "    - documents:",
        6,
        "take out the '- ' in front of 'documents', so that it lines up under 'title'",
    ),
    ("date:", "   date:", 3, "start 'date' at the beginning of the line, in line with 'title'"),
]


@pytest.mark.parametrize(
    ("written", "typed", "line", "fix"), NAMED_LATE, ids=[t[1] for t in NAMED_LATE]
)
def test_a_mistake_yaml_names_late_is_named_at_its_own_line_with_the_fix(
    minimal: Path, written: str, typed: str, line: int, fix: str
) -> None:
    assert written in GOOD
    write_manifest(minimal, GOOD.replace(written, typed))
    code, output = run_build(minimal)
    assert f"001-first.yaml:{line}: not valid YAML" in output
    assert f"hint: {fix}" in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


# The editorial typed under `editorial: |` without its indent: YAML reads its lines as keys,
# and the hint for a key without its colon answered `Hello: there`.
EDITORIAL_UNINDENTED = [  # the editorial as typed, the line named, the fix
    ("editorial: |\nHello there.\n", 5, "start this line with 2 spaces"),
    ("editorial: |\nHello\n", 5, "start this line with 2 spaces"),
    ("editorial: >\nFirst paragraph.\n\nSecond one.\n", 5, "start lines 5 to 7 with 2 spaces"),
    ("editorial: |\n  First paragraph.\n\nSecond one.\n", 7, "start this line with 2 spaces"),
    ("editorial: |-\n    Four spaces.\nTwo.\n", 6, "start this line with 4 spaces"),
]


@pytest.mark.parametrize(
    ("editorial", "line", "fix"), EDITORIAL_UNINDENTED, ids=[t[0] for t in EDITORIAL_UNINDENTED]
)
def test_an_editorial_typed_without_its_indent_is_told_to_indent_its_lines(
    minimal: Path, editorial: str, line: int, fix: str
) -> None:
    write_manifest(minimal, GOOD.replace("sections:", editorial + "sections:"))
    code, output = run_build(minimal)
    block = editorial.split("\n")[0]
    assert f"001-first.yaml:{line}: not valid YAML" in output
    assert f"hint: {fix}: the text of '{block}' above is indented under it" in " ".join(
        output.split()
    )
    assert_failed_cleanly(minimal, code)


def test_an_editorial_line_with_a_colon_typed_without_its_indent_is_not_an_unknown_key(
    minimal: Path,
) -> None:
    """`We say: no.` is YAML: a key 'We say', the editorial above it empty."""
    write_manifest(minimal, GOOD.replace("sections:", "editorial: |\nWe say: no.\nsections:"))
    code, output = run_build(minimal)
    assert "001-first.yaml:5: 'We say' is read as a key: the text of 'editorial: |' above is" in (
        " ".join(output.split())
    )
    assert "hint: start this line, and the text's lines after it, with 2 spaces" in " ".join(
        output.split()
    )
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("summary", "message"),
    [
        ("summary: >\nIt says stop.\n\nMore.\n", "4: not valid YAML"),
        ("summary: >\nIt says: stop.\n", "4: 'It says' is read as a key"),
    ],
    ids=["not YAML", "a key"],
)
def test_a_front_matter_summary_typed_without_its_indent_is_named_at_the_files_line(
    minimal: Path, summary: str, message: str
) -> None:
    (minimal / "documents" / "second-article.md").write_text(
        f"---\ntitle: The second article\n{summary}---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert f"second-article.md:{message}" in output
    assert "the text of 'summary: >' above is indented under it" in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


def test_an_editorial_left_empty_before_the_next_key_is_built(minimal: Path) -> None:
    write_manifest(minimal, GOOD.replace("sections:", "editorial: |\nsections:"))
    code, output = run_build(minimal)
    assert code == 0, output


def test_a_front_matter_key_without_its_colon_is_named_at_its_line(minimal: Path) -> None:
    """libyaml named the closing '---' (the end of the block it was given)."""
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: The second article\ndate: 2026-01-06\nauthor Maria Okafor\n---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert "second-article.md:4: not valid YAML" in output
    assert "hint: add a colon after 'author': author: Maria Okafor" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize("toml", [False, True])
def test_a_sections_documents_written_as_a_section_of_their_own_are_told_once_with_the_fix(
    minimal: Path, toml: bool
) -> None:
    """`- documents:` lined up with `- title:`: YAML reads two sections, and the editor was
    told one has no documents and the other no title. In TOML, a [[sections]] between."""
    if toml:
        (minimal / "issues" / "001-first.yaml").unlink()
        (minimal / "issues" / "001-first.toml").write_text(
            'number = 1\ntitle = "First issue"\ndate = 2026-01-10\n'
            '[[sections]]\ntitle = "News"\n[[sections]]\ndocuments = ["first-article"]\n'
        )
        line, fix = 7, "take out the [[sections]] line above 'documents'"
    else:
        write_manifest(minimal, GOOD.replace("    documents:", "  - documents:"))
        line, fix = (
            6,
            "take out the '- ' in front of 'documents', so that it lines up under 'title'",
        )
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert (
        f":{line}: 'documents' starts a section of its own, apart from its title 'News' (line 5)"
        in said
    )
    assert f"hint: {fix}" in said
    assert "is required" not in said and "lists no documents" not in said
    assert_failed_cleanly(minimal, code)


def test_a_list_item_indented_out_of_step_is_lined_up_with_the_dash_above(
    minimal: Path,
) -> None:
    second = "  - title: More\n    documents: [second-article]\n"
    text = GOOD.replace(", second-article]", "]") + second.replace("  - title", " - title")
    write_manifest(minimal, text)
    code, output = run_build(minimal)
    assert "001-first.yaml:7: not valid YAML" in output
    assert (
        "hint: indent the dash before 'title' by 2 spaces, in line with the dash before"
        " 'title' above it"
    ) in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


def test_a_front_matter_value_typed_straight_after_its_colon_is_named_at_its_line(
    minimal: Path,
) -> None:
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: The second article\ndate:2026-01-06\nauthor: Maria Okafor\n---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert "second-article.md:3: not valid YAML" in output
    assert "hint: put a space after the colon: date: 2026-01-06" in output
    assert_failed_cleanly(minimal, code)


def test_a_value_a_word_processor_put_in_curly_quotes_is_published_without_them(
    minimal: Path,
) -> None:
    """YAML reads curly quotes as text: the subject line said No. 1: “First issue”."""
    import datetime as dt

    from publisher.readers import read_document

    write_manifest(
        minimal,
        GOOD.replace('title: "First issue"', "title: “First issue”").replace(
            "date: 2026-01-10", "date: “2026-01-10”"
        ),
    )
    second = minimal / "documents" / "second-article.md"
    second.write_text("---\ntitle: ‘The second article’\n---\n\nSecond body.\n")

    code, output = run_build(minimal)

    assert code == 0, output
    said = " ".join(output.split())
    assert "001-first.yaml:2: the value is in curly quotes" in said
    assert 'put it in straight quotes: title: "First issue"' in said
    assert "001-first.yaml:3: the value is in curly quotes" in said
    assert "second-article.md:2: the value is in curly quotes" in said
    loaded = load_manifests(minimal / "issues", DocumentPool.scan(minimal / "documents"), minimal)
    assert (loaded[0].title, loaded[0].date) == ("First issue", dt.date(2026, 1, 10))
    assert read_document(second, "second-article", minimal, "en").title == "The second article"


def test_curly_quotes_inside_straight_ones_are_kept_as_the_text(minimal: Path) -> None:
    manifest = write_manifest(
        minimal, GOOD.replace('title: "First issue"', "title: '“We will not move”'")
    )
    code, output = run_build(minimal)
    assert code == 0, output
    assert "curly quotes" not in output
    loaded = load_manifests(minimal / "issues", DocumentPool.scan(minimal / "documents"), minimal)
    assert loaded[0].title == "“We will not move”"
    assert manifest.exists()


WINDOWS_PATHS = [  # as typed, its line, and the fix
    (
        '    documents: [first-article, "2026-05 May\\Report.md"]',
        6,
        "documents: [first-article, '2026-05 May\\Report.md']",
    ),
    (
        '    documents:\n      - first-article\n      - "2026-05 May\\Report.md"',
        8,
        "- '2026-05 May\\Report.md'",
    ),
]


@pytest.mark.parametrize(("typed", "line", "fix"), WINDOWS_PATHS, ids=["a list", "a list's lines"])
def test_a_windows_path_in_double_quotes_gets_the_quotes_that_name_the_document(
    minimal: Path, typed: str, line: int, fix: str
) -> None:
    """In double quotes YAML reads a backslash as an escape (`\\R`: none): the hint was to
    put the whole list in quotes, which made it one name, '["2026-05 May/Report.md"]'."""
    month = minimal / "documents" / "2026-05 May"
    month.mkdir()
    (minimal / "documents" / "second-article.md").rename(month / "Report.md")
    written = "    documents: [first-article, second-article]"
    write_manifest(minimal, GOOD.replace(written, typed))

    code, output = run_build(minimal)

    assert_failed_cleanly(minimal, code)
    assert f"001-first.yaml:{line}: not valid YAML" in output
    said = " ".join(output.split())
    advice = "in double quotes a backslash starts an escape: use single quotes, or / between"
    assert f"hint: {advice} folders: {fix}" in said
    write_manifest(
        minimal, GOOD.replace(written, typed.replace(typed.split("\n")[-1].strip(), fix))
    )
    assert documents_named(minimal)[1] == Path("2026-05 May/Report.md")


@pytest.mark.parametrize(
    "address",
    ["https://dockside.example.org/media/cover.jpg", "https://cdn.example.net/p/8f3a?w=1200"],
)
def test_a_cover_at_a_web_address_is_said_to_be_on_the_web_with_where_to_save_it(
    minimal: Path, address: str
) -> None:
    """It was 'cover image … does not exist: paths are relative to the workspace folder',
    or 'not a JPEG, PNG…' for an address without a picture's suffix."""
    write_manifest(minimal, GOOD + f"cover: {address}\n")
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert f"001-first.yaml:7: cover {address!r} is on the web" in said
    assert (
        "hint: pictures are not fetched from the web when an issue is built: save it into"
        " documents/media/ and give its path there, e.g. cover: documents/media/cover.jpg"
    ) in said
    assert "does not exist" not in said and "not a JPEG" not in said
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        # as a document's image: is written, from documents/
        (
            "media/harbour.jpg",
            "write it from the workspace folder: cover: documents/media/harbour.jpg",
        ),
        # a typo in the name of a picture that is there
        ("documents/media/harbor.jpg", "did you mean 'documents/media/harbour.jpg'?"),
        # its name in other letter case, and its name without the folder it is in
        ("documents/media/Harbour.JPG", "did you mean 'documents/media/harbour.jpg'?"),
        ("harbour.jpg", "did you mean 'documents/media/harbour.jpg'?"),
    ],
)
def test_a_cover_not_found_gets_the_path_of_the_picture_meant(
    minimal: Path, written: str, fix: str
) -> None:
    """It said only that paths are relative to the workspace folder."""
    (minimal / "documents" / "media").mkdir(exist_ok=True)
    (minimal / "documents" / "media" / "harbour.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    write_manifest(minimal, GOOD + f"cover: {written}\n")
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert f"001-first.yaml:7: cover image {written!r} does not exist" in said
    assert f"hint: {fix}" in said
    assert_failed_cleanly(minimal, code)


def test_a_name_two_documents_share_gets_the_file_names_to_tell_them_apart(
    minimal: Path,
) -> None:
    """'Rent Strike.md' (saved from a word processor) and 'rent-strike.md' are both
    'rent-strike': the hint gave the other file as its example ('name it by path, e.g. Rent
    Strike.md'), not the one named as the manifest wrote it."""
    for name, title in (("Rent Strike.md", "Rent strike"), ("rent-strike.md", "Day two")):
        (minimal / "documents" / name).write_text(f"---\ntitle: {title}\n---\n\nText.\n")
    write_manifest(minimal, GOOD.replace("second-article]", "rent-strike]"))
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert (
        "001-first.yaml:6: 'rent-strike' matches several documents: Rent Strike.md,"
        " rent-strike.md hint: name the one you mean by its file name: rent-strike.md or"
        " Rent Strike.md"
    ) in said
    assert_failed_cleanly(minimal, code)
    pool = DocumentPool.scan(minimal / "documents")
    assert pool.resolve("rent-strike.md") == Path("rent-strike.md")
    assert pool.resolve("Rent Strike.md") == Path("Rent Strike.md")


def test_a_title_beginning_with_an_ampersand_is_not_silently_shortened(minimal: Path) -> None:
    """YAML reads `&more` as an anchor's name: the title would have been "news"."""
    write_manifest(minimal, GOOD.replace('title: "First issue"', "title: &more news"))
    code, output = run_build(minimal)
    assert "001-first.yaml:2: '&more' begins a value" in output
    assert 'hint: put the value in quotes: title: "&more news"' in output
    assert_failed_cleanly(minimal, code)


HASHTAGS = [
    ("issues/001-first.yaml", 'title: "First issue"', "title: Rent strike week four #RentStrike",
     2, 'title: "Rent strike week four #RentStrike"'),
    ("documents/second-article.md", "date: 2026-01-06",
     "date: 2026-01-06\nsummary: Join us Saturday #14M at the square",
     4, 'summary: "Join us Saturday #14M at the square"'),
    ("documents/second-article.md", "date: 2026-01-06",
     "date: 2026-01-06\ntags:\n  - strike #huelga", 5, '- "strike #huelga"'),
]  # fmt: skip


@pytest.mark.parametrize(("file", "was", "written", "line", "fix"), HASHTAGS)
def test_a_hashtag_that_yaml_would_read_as_a_comment_is_refused_with_the_quotes_to_add(
    minimal: Path, file: str, was: str, written: str, line: int, fix: str
) -> None:
    """YAML reads ` #` after an unquoted value as a comment: the title, summary or tag
    would have been published cut short, with no word said."""
    path = minimal / file
    assert was in path.read_text()
    path.write_text(path.read_text().replace(was, written, 1))
    code, output = run_build(minimal)
    assert f"{Path(file).name}:{line}: " in output and "is read as a comment" in output
    assert f"hint: put the value in quotes: {fix}" in output
    assert_failed_cleanly(minimal, code)


def test_a_comment_after_a_value_and_a_quoted_hashtag_are_read_as_written(minimal: Path) -> None:
    text = GOOD.replace('title: "First issue"', 'title: "Rents #RentStrike"  # the strike\'s tag')
    write_manifest(minimal, text.replace("number: 1", "number: 1 # the first"))
    code, output = run_build(minimal)
    assert code == 0, output
    page = (minimal / "dist" / "001-first" / "index.html").read_text()
    assert "Rents #RentStrike" in page


@pytest.mark.parametrize("name", ["editorial.md", "Editorial.DOCX", "texts/editorial.txt"])
def test_an_editorial_given_as_a_file_name_is_refused_before_it_reaches_subscribers(
    minimal: Path, name: str
) -> None:
    """`editorial: editorial.md` published the words "editorial.md" as the editorial."""
    write_manifest(minimal, GOOD + f"editorial: {name}\n")
    code, output = run_build(minimal)
    assert f"001-first.yaml:{len(GOOD.splitlines()) + 1}: " in output
    assert f"not a file: {name!r} would be published as it is" in output
    assert "hint: paste the text below 'editorial: |'" in output
    assert_failed_cleanly(minimal, code)


def test_an_editorial_that_names_a_file_in_a_sentence_is_published(minimal: Path) -> None:
    write_manifest(minimal, GOOD + "editorial: The full survey is in rent-survey.pdf.txt\n")
    code, output = run_build(minimal)
    assert code == 0, output
    assert (
        "The full survey is in rent-survey.pdf.txt"
        in (minimal / "dist" / "001-first" / "index.html").read_text()
    )


def test_anchors_and_aliases_used_on_purpose_still_work(minimal: Path) -> None:
    text = GOOD.replace('title: "First issue"', 'title: &name "First issue"')
    write_manifest(minimal, text + "summary: *name\n")
    code, output = run_build(minimal)
    assert code == 0, output


def test_a_typo_in_front_matter_gets_its_fix_at_the_files_line(minimal: Path) -> None:
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: Rents: the survey\n---\n\nText.\n"
    )
    code, output = run_build(minimal)
    assert "second-article.md:2: not valid YAML" in output
    assert 'put the value in quotes: title: "Rents: the survey"' in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(("written", "number"), [("041", 41), ("010", 10), ("08", 8), ("7", 7)])
def test_an_issue_number_with_leading_zeros_is_the_number_written(
    minimal: Path, written: str, number: int
) -> None:
    """YAML 1.1 read 041 as octal: issue 33 would have gone out as "No. 33"."""
    from publisher.manifest import load_manifest
    from publisher.pool import DocumentPool

    manifest = write_manifest(minimal, GOOD.replace("number: 1", f"number: {written}"))
    loaded = load_manifest(manifest, DocumentPool.scan(minimal / "documents"), minimal)
    assert loaded.number == number


def test_front_matter_keeps_a_time_and_a_grouped_number_as_written(tmp_path: Path) -> None:
    """YAML 1.1 read 12:30 in base 60 (750) and 1_000 as 1000."""
    from publisher.readers import read_document

    path = tmp_path / "post.md"
    path.write_text("---\ntitle: T\nstarts: 12:30\ncode: 1_000\n---\n\nBody\n")
    doc = read_document(path, "post", tmp_path, "en")
    assert (doc.extra["starts"], doc.extra["code"]) == ("12:30", "1_000")


def test_toml_manifests_work_and_report_lines_too(minimal: Path) -> None:
    (minimal / "issues" / "001-first.yaml").unlink()
    (minimal / "issues" / "002-second.toml").write_text(
        'number = 2\ntitle = "Second"\ndate = 2026-02-01\n\n'
        '[[sections]]\ntitle = "News"\ndocuments = ["first-article", "nope"]\n'
    )
    code, output = run_build(minimal)
    assert "002-second.toml:7:" in output and "no document 'nope'" in output
    assert_failed_cleanly(minimal, code)


def test_two_issues_with_one_number_are_refused(minimal: Path) -> None:
    (minimal / "issues" / "002-copy.yaml").write_text(GOOD.replace("First issue", "Copy"))
    code, output = run_build(minimal)
    assert (
        "002-copy.yaml:1:" in output and "issue number 1 is also used by 001-first.yaml" in output
    )
    assert_failed_cleanly(minimal, code)


def test_broken_front_matter_names_document_and_line(minimal: Path) -> None:
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: Fine\ndate: someday\n---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert "second-article.md:3:" in output and "YYYY-MM-DD" in output
    assert_failed_cleanly(minimal, code)


def test_misspelt_front_matter_key_is_a_warning_with_a_suggestion(minimal: Path) -> None:
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: Fine\nauthor: Ana\nsumary: typo\n---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert code == 0, output
    assert "warning:" in output and "second-article.md:4:" in output
    assert "did you mean 'summary'" in output


def test_strict_front_matter_refuses_an_unknown_key(minimal: Path) -> None:
    config = minimal / "publisher.toml"
    config.write_text(config.read_text() + "\n[documents]\nstrict = true\n")
    (minimal / "documents" / "second-article.md").write_text(
        "---\ntitle: Fine\nauthor: Ana\nsumary: typo\n---\n\nBody\n"
    )
    code, output = run_build(minimal)
    assert "second-article.md:4:" in output and "did you mean 'summary'" in output
    assert_failed_cleanly(minimal, code)


def documents_named(root: Path) -> list[Path]:
    """The documents the workspace's one manifest names, as found in documents/."""
    [manifest] = load_manifests(root / "issues", DocumentPool.scan(root / "documents"), root)
    return [path for section in manifest.sections for path in section.documents]


@pytest.mark.parametrize("reference", ["déclaration", "news/déclaration", "news/déclaration.md"])
def test_a_file_named_on_a_mac_is_found_by_the_name_typed_in_the_manifest(
    minimal: Path, reference: str
) -> None:
    # macOS (and zips made there) spell "é" as "e" and a combining accent (NFD); editors
    # type it as one character (NFC), and the two look the same everywhere.
    news = minimal / "documents" / "news"
    news.mkdir()
    (minimal / "documents" / "second-article.md").rename(news / "de\u0301claration.md")
    write_manifest(minimal, GOOD.replace("second-article]", f"{reference}]"))
    assert documents_named(minimal)[1] == Path("news/de\u0301claration.md")


def test_a_path_written_with_backslashes_as_on_windows_names_the_document(
    minimal: Path,
) -> None:
    news = minimal / "documents" / "news"
    news.mkdir()
    (minimal / "documents" / "second-article.md").rename(news / "second-article.md")
    write_manifest(minimal, GOOD.replace("second-article]", "news\\second-article.md]"))
    assert documents_named(minimal)[1] == Path("news/second-article.md")


@pytest.mark.parametrize("reference", ["documents/second-article.md", "documents/second-article"])
def test_a_path_from_the_workspace_as_a_shell_completes_it_names_the_document(
    minimal: Path, reference: str
) -> None:
    write_manifest(minimal, GOOD.replace("second-article]", f"{reference}]"))
    assert documents_named(minimal)[1] == Path("second-article.md")


@pytest.mark.parametrize("renamed", ["second-article.es.md", "second-article.fr-CA.txt"])
def test_a_document_renamed_to_say_its_language_is_still_found_by_its_name(
    minimal: Path, renamed: str
) -> None:
    """The build advises naming a document whose language it read wrong after it
    (`statement.es.txt`); the manifest's `statement` then named no document."""
    (minimal / "documents" / "second-article.md").rename(minimal / "documents" / renamed)
    assert documents_named(minimal)[1] == Path(renamed)


def test_a_name_keeps_meaning_the_document_it_names_beside_its_translation(
    minimal: Path,
) -> None:
    documents = minimal / "documents"
    (documents / "second-article.es.md").write_text("---\ntitle: Segundo\n---\nHola.\n")
    assert documents_named(minimal)[1] == Path("second-article.md")


def test_a_manifest_that_is_no_file_is_left_out_with_a_warning(minimal: Path) -> None:
    issues = minimal / "issues"
    os.mkfifo(issues / "002-pipe.yaml")  # reading it would wait for ever
    (issues / "003-loop.yaml").symlink_to("003-loop.yaml")
    (issues / "004-folder.toml").mkdir()
    code, output = run_build(minimal)
    assert code == 0, output
    assert f"left out {issues}/002-pipe.yaml: it is a named pipe, not a file" in output
    assert f"left out {issues}/003-loop.yaml: it is a link that cannot be followed" in output
    assert f"left out {issues}/004-folder.toml: it is a folder, not a file" in output


@pytest.mark.parametrize(
    ("first", "second", "said"),
    [
        (
            "May Day.yaml",
            "may-day.yaml",
            "may-day.yaml and May Day.yaml would both be published as may-day/",
        ),
        (
            "número-1.yaml",
            "numero-1.yaml",
            "número-1.yaml and numero-1.yaml would both be published as numero-1/",
        ),
        (
            "Spring.yaml",
            "spring.toml",
            "spring.toml and Spring.yaml would both be published as spring/",
        ),
    ],
)
def test_two_manifests_named_into_one_folder_are_refused(
    minimal: Path, first: str, second: str, said: str
) -> None:
    issues = minimal / "issues"
    (issues / "001-first.yaml").rename(issues / first)
    if second.endswith(".toml"):
        (issues / second).write_text(
            'number = 2\ndate = 2026-02-01\n\n[[sections]]\ntitle = "News"\n'
            'documents = ["first-article"]\n'
        )
    else:
        (issues / second).write_text(GOOD.replace("number: 1", "number: 2"))
    code, output = run_build(minimal)
    assert said in output
    assert "hint: rename one of them" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize("name", ["001-first.YAML", "001-first.Yml", "001-FIRST.YAML"])
def test_a_manifest_with_an_upper_case_suffix_is_built(minimal: Path, name: str) -> None:
    issues = minimal / "issues"
    (issues / "001-first.yaml").rename(issues / name)
    code, output = run_build(minimal)
    assert code == 0, output
    assert "built 1 issue(s)" in output
    assert (minimal / "dist" / "001-first" / "index.html").is_file()


def test_a_toml_manifest_with_an_upper_case_suffix_is_read_as_toml(minimal: Path) -> None:
    (minimal / "issues" / "001-first.yaml").unlink()
    (minimal / "issues" / "002-second.TOML").write_text(
        'number = 2\ntitle = "Second"\ndate = 2026-02-01\n\n'
        '[[sections]]\ntitle = "News"\ndocuments = ["first-article"]\n'
    )
    code, output = run_build(minimal)
    assert code == 0, output
    assert (minimal / "dist" / "002-second" / "index.html").is_file()


@pytest.mark.parametrize(
    ("name", "fixed"),
    [
        ("002-second.yaml.txt", "002-second.yaml"),
        ("002-second.yml.txt", "002-second.yml"),
        ("002.YAML.TXT", "002.YAML"),
    ],
)
def test_a_manifest_saved_with_txt_added_is_named_with_the_fix(
    minimal: Path, name: str, fixed: str
) -> None:
    issues = minimal / "issues"
    (issues / name).write_text(GOOD.replace("number: 1", "number: 2"))
    code, output = run_build(minimal)
    assert code == 0, output
    assert f"warning: left out {issues}/{name}: it is a manifest saved as text" in output
    assert f"rename it to {fixed}" in output
    assert "built 1 issue(s)" in output


def test_other_files_in_issues_are_left_alone_without_a_warning(minimal: Path) -> None:
    issues = minimal / "issues"
    (issues / "notes.txt").write_text("ideas for the next issue\n")
    (issues / "001-first.yaml.bak").write_text(GOOD)
    code, output = run_build(minimal)
    assert code == 0, output
    assert "warning" not in output


# A Mac writes its resource fork beside a file it copies to a shared or FAT-formatted
# drive as "._" + the file's name: a binary AppleDouble header, no YAML.
APPLE_DOUBLE = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        \x00\x02"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("._001-first.yaml", APPLE_DOUBLE),
        (".001-first.yaml", GOOD.replace("number: 1", "number: 7").encode()),
        ("~$001-first.yaml", b"\x07Word's owner file"),
    ],
)
def test_hidden_files_in_issues_are_no_issues(minimal: Path, name: str, content: bytes) -> None:
    """As in documents/: a hidden file (a Mac's `._` resource fork) or an office suite's
    lock file is never an issue: not listed, not built, nothing said of it."""
    (minimal / "issues" / name).write_bytes(content)
    code, output = run_build(minimal)
    assert code == 0, output
    assert name not in output
    assert "built 1 issue(s)" in output
    listed = CliRunner().invoke(main, ["-C", str(minimal), "list"])
    assert listed.exit_code == 0, listed.output
    assert "Issues (1):" in listed.output and name not in listed.output


def test_an_issue_marked_as_a_draft_is_told_what_to_do_instead(minimal: Path) -> None:
    """Documents have `draft: true`; an issue has not. The hint was "did you mean 'date'?"."""
    manifest = minimal / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "draft: true\n")
    code, output = run_build(minimal)
    assert code == 1
    assert f"{manifest}:9: unknown key 'draft'" in output
    assert "move its manifest out of issues/" in output


def test_a_manifest_indented_with_non_breaking_spaces_is_read_as_typed(minimal: Path) -> None:
    """As a manifest pasted from a word processor or an e-mail has them; one also follows
    the title's colon, as French is typed."""
    nbsp = "\u00a0"
    write_manifest(
        minimal,
        GOOD.replace("title: ", f"title{nbsp}: ").replace("  ", nbsp * 2),
    )
    [manifest] = load_manifests(
        minimal / "issues", DocumentPool.scan(minimal / "documents"), minimal
    )
    assert manifest.title == "First issue"
    assert [s.title for s in manifest.sections] == ["News"]
    assert documents_named(minimal) == [Path("first-article.md"), Path("second-article.md")]


def test_a_manifest_whose_documents_a_word_processor_bulleted_is_read(minimal: Path) -> None:
    """Word's bullet and tab: YAML alone reads the lines as one text, not a list."""
    bulleted = "    documents:\n      \u2022\tfirst-article\n      \u2022\tsecond-article\n"
    write_manifest(
        minimal, GOOD.replace("    documents: [first-article, second-article]\n", bulleted)
    )
    assert documents_named(minimal) == [Path("first-article.md"), Path("second-article.md")]


def test_documents_written_on_one_line_with_commas_are_the_documents_listed(
    minimal: Path,
) -> None:
    write_manifest(
        minimal, GOOD.replace("[first-article, second-article]", "first-article, second-article")
    )
    assert [path.stem for path in documents_named(minimal)] == ["first-article", "second-article"]


@pytest.mark.parametrize(
    "written",
    ['first-article, "Rent strike, day one"', "first-article, 'Rent strike, day one'"],
)
def test_names_in_quotes_on_one_line_with_commas_are_named_without_the_quotes(
    minimal: Path, written: str
) -> None:
    """As in brackets, where YAML takes the quotes off: a name with a comma or a space in
    it is written in quotes. They were kept, and no document was named so."""
    (minimal / "documents" / "Rent strike, day one.md").write_text("---\ntitle: R\n---\n\nT.\n")
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", written))
    assert [path.stem for path in documents_named(minimal)] == [
        "first-article",
        "Rent strike, day one",
    ]


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        (
            "[first-article second-article]",
            "these are 2 documents: put commas between them: [first-article, second-article]",
        ),
        (
            "\n      -first-article\n      -second-article",
            "write each as '- name', with a space after the dash",
        ),
    ],
    ids=["no commas", "no spaces after the dashes"],
)
def test_documents_listed_without_commas_or_spaces_get_the_fix(
    minimal: Path, written: str, fix: str
) -> None:
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", written))
    code, output = run_build(minimal)
    assert "001-first.yaml:6:" in output
    assert f"hint: {fix}" in " ".join(output.split())
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("written", "said", "fix"),
    [
        (
            "https://docs.google.com/document/d/1AbCdEfGh/edit",
            "is a web address: an issue holds files from documents/",
            "download it into documents/ (from Google Docs: File > Download > Microsoft Word)",
        ),
        (
            "'C:\\Users\\maria\\Documents\\Statement final.docx'",
            "is a file on this computer, outside documents/",
            "copy it into documents/ and name it 'Statement final'",
        ),
        (
            "~/Downloads/statement.pdf",
            "is a file on this computer, outside documents/",
            "make a document of it with 'publisher import', and name the one it writes",
        ),
        (
            "/home/maria/statement.md",
            "is a file on this computer, outside documents/",
            "copy it into documents/ and name it 'statement'",
        ),
    ],
    ids=["google-docs", "windows", "home", "absolute"],
)
def test_a_web_address_or_a_file_elsewhere_gets_how_to_bring_it_in(
    minimal: Path, written: str, said: str, fix: str
) -> None:
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", f"[{written}]"))
    code, output = run_build(minimal)
    folded = " ".join(output.split())
    assert "001-first.yaml:6:" in output and said in folded, output
    assert f"hint: {fix}" in folded, output
    assert_failed_cleanly(minimal, code)


def test_a_document_named_by_its_full_path_is_told_the_name_that_works_on_any_computer(
    minimal: Path,
) -> None:
    """A path a file manager copies, of a file that is in documents/: it was told to be
    "outside documents/", and to be copied into documents/, where it was already."""
    full = minimal.resolve() / "documents" / "first-article.md"
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", f"[{full}]"))
    code, output = run_build(minimal)
    folded = " ".join(output.split())
    assert f"001-first.yaml:6: '{full}' is documents/first-article.md, named by" in folded
    assert "hint: name it 'first-article', from documents/" in folded
    assert "outside documents/" not in folded
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("name", "number", "neighbour", "fix"),
    [
        ("042-may-day.yaml", None, None, "number: 42"),  # the number its name starts with
        ("042-may-day.yaml", '"No. 42"', None, "number: 42"),
        ("may-day.yaml", None, None, "number: 1"),  # a name without one, the first issue
        ("may-day.yaml", "abc", "007-winter.yaml", "number: 8"),  # the next after the others
        # the number in quotes, which YAML reads as text: the quotes are the mistake
        ("042-may-day.yaml", '"43"', None, "remove the quotes: number: 43"),
    ],
)
def test_a_missing_or_wrong_number_is_fixed_with_the_one_its_file_name_gives(
    minimal: Path, name: str, number: str | None, neighbour: str | None, fix: str
) -> None:
    (minimal / "issues" / "001-first.yaml").unlink()
    text = GOOD.replace("number: 1\n", f"number: {number}\n" if number else "")
    (minimal / "issues" / name).write_text(text)
    if neighbour:
        (minimal / "issues" / neighbour).write_text(GOOD.replace("number: 1\n", "number: 7\n"))
    code, output = run_build(minimal)
    assert re.search(rf"hint: {fix}\b", output), output
    assert_failed_cleanly(minimal, code)


def test_sections_indented_under_the_editorial_are_named_as_such(minimal: Path) -> None:
    """Indented two spaces, `sections:` and its list are lines of `editorial: |`: the
    error said no section was listed, at line 1, under a list the editor could see."""
    write_manifest(minimal, GOOD.replace("sections:\n", "editorial: |\n  Hello.\n  sections:\n"))
    code, output = run_build(minimal)
    assert "001-first.yaml:4: 'sections' is missing: the 'sections:' line is indented" in output
    assert "part of 'editorial'" in output and "left edge" in output
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    "documents", ["documents: []", "documents:", 'documents: ""'], ids=["[]", "nothing", "''"]
)
def test_a_section_without_documents_is_named_by_its_title_with_the_fix(
    minimal: Path, documents: str
) -> None:
    """It said "section 'documents' must list at least one document": which section, of
    several, and what to do, it did not say."""
    write_manifest(minimal, GOOD + f"  - title: Empty\n    {documents}\n")
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert "001-first.yaml:8: section 'Empty' lists no documents" in said
    assert "hint: list them, e.g. documents: [my-article], or take the section out" in said
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("name", "sections", "line", "fix"),
    [
        (
            "001-first.yaml",
            "sections:\n  title: News\n  documents: [first-article]\n",
            4,
            "start each section with '- '",
        ),
        (
            "001-first.toml",
            '[sections]\ntitle = "News"\ndocuments = ["first-article"]\n',
            4,
            "write [[sections]] above each section",
        ),
    ],
    ids=["yaml without dashes", "toml with one pair of brackets"],
)
def test_sections_written_as_one_section_not_a_list_say_so_with_the_fix(
    minimal: Path, name: str, sections: str, line: int, fix: str
) -> None:
    """It said "'sections' must list at least one section" of a section the editor could
    see: the problem is that it is not a list."""
    (minimal / "issues" / "001-first.yaml").unlink()
    head = (
        "number = 1\ndate = 2026-01-10\n\n"
        if name.endswith(".toml")
        else "number: 1\ndate: 2026-01-10\n\n"
    )
    (minimal / "issues" / name).write_text(head + sections)
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert f"{name}:{line}: 'sections' must be a list of sections, not one section" in said
    assert f"hint: {fix}" in said
    assert_failed_cleanly(minimal, code)


@pytest.mark.parametrize(
    ("name", "text", "fix"),
    [
        (
            "001-first.yaml",
            "number: 1\ndate: 2026-01-10\nsections: [first-article, second-article]\n",
            "sections: - title: News documents: [first-article, second-article]",
        ),
        (
            "001-first.toml",
            'number = 1\ndate = 2026-01-10\nsections = ["first-article", "second-article"]\n',
            '[[sections]] title = "News" documents = ["first-article", "second-article"]',
        ),
    ],
    ids=["yaml", "toml"],
)
def test_documents_listed_as_sections_get_the_shape_of_a_section_with_them_in_it(
    minimal: Path, name: str, text: str, fix: str
) -> None:
    """It said so once per document, without showing how a section is written."""
    (minimal / "issues" / "001-first.yaml").unlink()
    (minimal / "issues" / name).write_text(text)
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert said.count("each section needs 'title' and 'documents'") == 1
    assert f"{name}:3: each section needs 'title' and 'documents'" in said
    assert f"hint: {fix}" in said
    assert_failed_cleanly(minimal, code)


def test_documents_listed_at_the_top_of_a_manifest_are_told_to_go_in_a_section(
    minimal: Path,
) -> None:
    """It said "unknown key 'documents'" and listed the keys a manifest knows, then that
    'sections' must list at least one section, at line 1."""
    write_manifest(minimal, "number: 1\ndate: 2026-01-10\ndocuments: [first-article]\n")
    code, output = run_build(minimal)
    said = " ".join(output.split())
    assert "001-first.yaml:3: unknown key 'documents'" in said
    assert "hint: documents are listed in a section: sections: - title: News documents:" in said
    assert "documents: [my-article]" in said
    assert "'sections' must list" not in said
    assert_failed_cleanly(minimal, code)


def test_a_manifest_name_too_long_for_its_outputs_is_refused_before_anything_is_built(
    minimal: Path,
) -> None:
    """An issue's outputs are named after its manifest ("<name>-leaflet-2up.pdf"): a name
    of 230 characters passed every check, the whole issue was laid out, and the build failed
    at its last write with "File name too long" and a hint to free disk space."""
    manifest = minimal / "issues" / "001-first.yaml"
    long = manifest.rename(manifest.with_name("i" * 230 + ".yaml"))
    long.write_text(long.read_text() + "leaflet: first-article\n")
    code, output = run_build(minimal)
    assert_failed_cleanly(minimal, code)
    assert f"{long}: this file name makes a name of 230 characters" in output, output
    assert "at most 200" in output and "rename the manifest" in output
    assert "disk space" not in output


def test_a_manifest_named_like_a_folder_of_the_web_archive_is_refused(minimal: Path) -> None:
    """issues/tags.yaml published its issue into dist/tags/, where the topic pages live:
    the issue's page and the topics' listing overwrote each other (search.yaml, page.yaml,
    media.yaml alike). The build names the file and asks for another name."""
    manifest = minimal / "issues" / "001-first.yaml"
    renamed = manifest.rename(manifest.with_name("Tags.yaml"))
    code, output = run_build(minimal)
    assert_failed_cleanly(minimal, code)
    said = " ".join(output.split())
    assert f"{renamed}: this file name makes the issue's folder tags/" in said, said
    assert "rename the manifest" in said


@pytest.mark.parametrize("name", ["unsubscribe", "confirm", "subscribe"])
def test_a_manifest_named_like_a_page_of_serve_subscriptions_is_refused(
    minimal: Path, name: str
) -> None:
    """issues/unsubscribe.yaml published its issue into dist/unsubscribe/, the address the
    web server passes to `serve-subscriptions`: the issue's pages were unreachable, or hid
    the page every email's unsubscribe link opens."""
    manifest = minimal / "issues" / "001-first.yaml"
    renamed = manifest.rename(manifest.with_name(f"{name}.yaml"))
    code, output = run_build(minimal)
    assert_failed_cleanly(minimal, code)
    said = " ".join(output.split())
    assert f"{renamed}: this file name makes the issue's folder {name}/" in said, said
    assert "serve-subscriptions" in said and "rename the manifest" in said


# The owner file Word writes beside a document while it is open ("~$" and the rest of the
# name, at most the last 11 characters of the stem kept): the length of the user's name, the
# name, then zeros, 162 bytes in all.
WORD_LOCK = bytes([11]) + b"Maria Lopez" + bytes(150)
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def test_a_word_file_open_on_a_shared_drive_is_still_named_by_its_slug(minimal: Path) -> None:
    """While someone had Statement.docx open in Word, its lock file `~$Statement.docx` was a
    second 'statement': the issue failed ("matches several documents"), and `publisher list`
    showed the lock files as documents ('atement-draft' for `~$atement Draft.docx`)."""
    documents = minimal / "documents"
    for name in ("Statement.docx", "Statement Draft.docx"):
        with zipfile.ZipFile(documents / name, "w") as docx:
            docx.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body/></w:document>')
    (documents / "~$Statement.docx").write_bytes(WORD_LOCK)
    (documents / "~$atement Draft.docx").write_bytes(WORD_LOCK)
    write_manifest(minimal, GOOD.replace("[first-article, second-article]", "[statement]"))
    assert documents_named(minimal) == [Path("Statement.docx")]
    listed = CliRunner().invoke(main, ["-C", str(minimal), "list"]).output
    assert "Documents (4)" in listed, listed
    assert "~$" not in listed and " atement-draft " not in listed, listed


PUBLISHER = str(Path(sys.executable).with_name("publisher"))  # the installed command
# A command run as a user whom files' permissions apply to: root (the tests' user in a
# container) may read any file, unless it gives up that power.
AS_A_USER = (
    ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []
)
needs_permissions = pytest.mark.skipif(
    os.geteuid() == 0 and not shutil.which("setpriv"),
    reason="as root, file permissions apply only to a command run through setpriv",
)


def as_a_user(root: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """`publisher -C root …` run by a user who may not read what permissions forbid."""
    return subprocess.run(
        [*AS_A_USER, PUBLISHER, "-C", str(root), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


@needs_permissions
def test_a_file_you_may_not_read_is_left_out_with_a_warning_not_a_crash(minimal: Path) -> None:
    """A file of documents/ another user keeps to themselves (a NAS's or Samba's own
    permissions, a synced file that failed to download) stopped `publisher list` and the
    build of every issue with editions on "an unexpected problem (PermissionError)", though
    no issue used it."""
    write_manifest(minimal, GOOD + "editions: [fr]\n")
    secret = minimal / "documents" / "Secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nx\n")
    private = minimal / "documents" / "Private folder"
    private.mkdir()
    (private / "a.md").write_text("---\ntitle: A\n---\n\nx\n")
    secret.chmod(0o000)
    private.chmod(0o000)
    try:
        listed = as_a_user(minimal, "list")
        built = as_a_user(minimal, "build", "--format", "email")
    finally:
        private.chmod(0o755)
        secret.chmod(0o644)
    for done in (listed, built):
        said = " ".join((done.stdout + done.stderr).split())
        assert done.returncode == 0, said
        assert f"left out {secret}: it is a file that cannot be read (permission denied)" in said
        assert f"left out {private}: it is a folder that cannot be read (permission denied)" in (
            said
        )
    assert "first-article" in listed.stdout and "Secret" not in listed.stdout


@needs_permissions
@pytest.mark.parametrize(
    ("name", "reference", "said"),
    [
        ("Locked.docx", "locked", "'locked' is documents/Locked.docx, a file that cannot be read"),
        (
            "Private folder/a.md",
            "Private folder/a",
            "'Private folder/a' is in documents/Private folder, a folder that cannot be read",
        ),
    ],
)
def test_a_document_you_may_not_read_named_in_an_issue_is_refused_at_its_line(
    minimal: Path, name: str, reference: str, said: str
) -> None:
    """Named in an issue, a Word file you may not read crashed the build; a document in a
    folder you may not open was "no document 'Private folder/a'"."""
    write_manifest(minimal, GOOD.replace("second-article]", f"'{reference}']"))
    path = minimal / "documents" / name
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(b"PK\x03\x04")
    locked = minimal / "documents" / Path(name).parts[0]
    locked.chmod(0o000)
    try:
        done = as_a_user(minimal, "build", "--format", "email")
    finally:
        locked.chmod(0o755 if locked.is_dir() else 0o644)
    output = " ".join((done.stdout + done.stderr).split())
    assert f"001-first.yaml:6: {said} (permission denied)" in output, output
    assert "hint: ask whoever shares it" in output, output
    assert "unexpected problem" not in output and "no document" not in output, output
    assert_failed_cleanly(minimal, done.returncode)


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("Minutes AGM.MD", "Minutes AGM.md"),
        ("Press Release.DOCX", "Press Release.docx"),
        ("Statement.docx", "statement.docx"),
        ("reports/Rent Survey.docx", "Reports/rent survey.DOCX"),
        # a slug, a stem or a path without suffix, typed with capitals
        ("rent-strike.md", "Rent-Strike"),
        ("Rent Strike.md", "RENT STRIKE"),
        ("reports/Rent Survey.docx", "Reports/Rent survey"),
    ],
)
def test_a_file_name_typed_in_other_letter_case_names_the_document(
    minimal: Path, name: str, reference: str
) -> None:
    """Windows and macOS find `Minutes AGM.MD` by `Minutes AGM.md`: the manifest was told
    "no document 'Minutes AGM.md'", "did you mean 'Minutes AGM.MD'?"."""
    path = minimal / "documents" / name
    path.parent.mkdir(exist_ok=True)
    if path.suffix.lower() == ".md":
        path.write_text("---\ntitle: Minutes\n---\n\nText.\n")
    else:
        with zipfile.ZipFile(path, "w") as docx:
            docx.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body/></w:document>')
    write_manifest(minimal, GOOD.replace("second-article]", f"'{reference}']"))
    assert documents_named(minimal)[1] == Path(name)


def test_file_names_differing_only_in_letter_case_are_told_apart_by_their_case(
    minimal: Path,
) -> None:
    for name in ("Statement.md", "STATEMENT.MD"):
        (minimal / "documents" / name).write_text("---\ntitle: Statement\n---\n\nText.\n")
    pool = DocumentPool.scan(minimal / "documents")
    assert pool.resolve("STATEMENT.MD") == Path("STATEMENT.MD")
    with pytest.raises(UnresolvedReference, match="matches several documents"):
        pool.resolve("statement.md")


def office_zip(*members: tuple[str, str]) -> bytes:
    """A zip holding `members` (name, text) in that order, as an office program saves one."""
    written = io.BytesIO()
    with zipfile.ZipFile(written, "w") as archive:
        for name, text in members:
            archive.writestr(name, text)
    return written.getvalue()


WORD_FILE = office_zip(
    ("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'),
    ("_rels/.rels", "<Relationships/>"),
    ("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p/></w:body></w:document>'),
)
ODT_FILE = office_zip(
    ("mimetype", "application/vnd.oasis.opendocument.text"),
    ("content.xml", "<office:document-content/>"),
)


@pytest.mark.parametrize(
    ("name", "content", "said", "hint"),
    [
        ("second-article.md", WORD_FILE, "a Word document", "rename it second-article.docx"),
        ("second-article.txt", ODT_FILE, "an OpenDocument text", "rename it second-article.odt"),
        ("second-article.md", PDF, "a PDF", "rename it second-article.pdf"),
        ("second-article.md", OLE, "a Word 97-2003 document", "rename it second-article.doc"),
    ],
)
def test_a_word_file_renamed_md_is_said_to_be_one_with_the_name_to_give_it(
    minimal: Path, name: str, content: bytes, said: str, hint: str
) -> None:
    """A Word file renamed .md (or sent so) was "not UTF-8 text: byte 0x82 at column 13",
    with advice to save it as UTF-8 from Notepad, which would have ruined it."""
    (minimal / "documents" / "second-article.md").unlink()
    (minimal / "documents" / name).write_bytes(content)
    code, output = run_build(minimal)
    said_in_full = " ".join(output.split())
    assert f"{name}: {said}, named {Path(name).suffix}" in said_in_full, output
    assert f"hint: {hint}" in said_in_full, output
    assert "UTF-8" not in output and "Notepad" not in output
    assert_failed_cleanly(minimal, code)


CAMPAIGN = "https://dockside.example.org/campaign/berth-7?from=news%20letter"
# A message saved from Thunderbird or Apple Mail
EML = (
    b"From: Branch Secretary <branch@dockside.example.org>\r\n"
    b"To: editors@dockside.example.org\r\nSubject: Letter from the branch\r\n"
    b"Date: Fri, 01 May 2026 09:12:00 +0100\r\nMIME-Version: 1.0\r\n"
    b"Content-Type: text/plain; charset=utf-8\r\n\r\nDear editors,\r\n\r\nWe write...\r\n"
)
# A link dragged from a browser to a folder: on Windows an Internet Shortcut (INI), on a
# Mac a property list
URL_SHORTCUT = (
    "[{000214A0-0000-0000-C000-000000000046}]\r\nProp3=19,11\r\n"
    f"[InternetShortcut]\r\nIDList=\r\nURL={CAMPAIGN}\r\n"
).encode()
WEBLOC = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST'
    ' 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n<plist version="1.0">\n'
    f"<dict>\n\t<key>URL</key>\n\t<string>{CAMPAIGN}</string>\n</dict>\n</plist>\n"
).encode()


@pytest.mark.parametrize(
    ("name", "content", "said", "hint"),
    [
        ("Letter from branch.eml", EML, "an e-mail message", "publisher import"),
        (
            "Articles for June.zip",
            office_zip(("Articles for June/Rent strike.docx", "")),
            "a zip archive",
            "unzip it into documents/",
        ),
        ("Campaign site.url", URL_SHORTCUT, f"a shortcut to {CAMPAIGN}", "Save Page As"),
        ("Campaign site.webloc", WEBLOC, f"a shortcut to {CAMPAIGN}", "Save Page As"),
    ],
)
def test_a_message_a_zip_or_a_link_in_documents_is_named_with_what_to_do(
    minimal: Path, name: str, content: bytes, said: str, hint: str
) -> None:
    """Named in an issue, each was "a .eml file" (or .zip, .url, .webloc) with the hint
    to save it as .docx, .odt…: no program saves a message, an archive or a link so."""
    (minimal / "documents" / name).write_bytes(content)
    write_manifest(minimal, GOOD.replace("second-article]", f"'{name}']"))
    code, output = run_build(minimal)
    said_in_full = " ".join(output.split())
    assert f"001-first.yaml:6: '{name}' is documents/{name}, {said}" in said_in_full, output
    assert hint in said_in_full and "save it as .docx" not in said_in_full, output
    assert_failed_cleanly(minimal, code)
