"""A "<" that opens no tag ("turnout <50%", "3 < 4") is text, and a document full of them
is read in time linear in its length: pandoc's Markdown reader tries each as raw HTML, at
a cost in proportion to all the text after it, and a long report with a "<50%" in each
paragraph was not read at all (pandoc's 30 s ran out)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from publisher.readers import read_document

FILLER = "The branch met on Tuesday and agreed the claim for the coming year. " * 14


def body_of(tmp_path: Path, text: str) -> lxml.html.HtmlElement:
    path = tmp_path / "report.md"
    path.write_text(text, encoding="utf-8")
    html = read_document(path, "report", tmp_path, "en").body_html
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_a_long_report_with_a_less_than_sign_in_each_paragraph_is_read_whole(tmp_path):
    # a `<` before a digit opens nothing; one before a letter nothing after the last `>`
    wards = [f"Turnout was <50% in ward {ward}. {FILLER}" for ward in range(600)]
    counts = [f"In count {count}, n<k. {FILLER}" for count in range(600)]
    quote = "> The union makes us strong."
    body = body_of(tmp_path, "# Pay survey\n\n" + "\n\n".join([*wards, quote, *counts]))
    read = [p.text_content() for p in body.iter("p")]
    assert len(read) == 1201
    assert all(
        p.startswith(f"Turnout was <50% in ward {ward}. ") for ward, p in enumerate(read[:600])
    )
    assert read[600] == "The union makes us strong."
    assert all(p.startswith(f"In count {count}, n<k. ") for count, p in enumerate(read[601:]))


REPORT = """\
# Votes

Turnout was <50% in ward 12, 3 < 4 and x<y: vote <strong>yes</strong>.

Write to <<2024.branch@example.org>>.

See the [minutes](<./minutes (2024).pdf>) and the [report][pay].

Pay $5 for [the agenda](<./agenda.pdf> "costs $5") < 3.

[pay]: <./pay report.pdf>

The rule $a <
b$ holds, written over two lines.

+-----+------+
| a<5 | b    |
+=====+======+
| <   | x    |
+-----+------+

~~~ a fence never closed

```python
if a < b:
    pass
```

Dear <Name>, sign < here. Its symbol \ue000 stays.

```
A fence never closed, then [its link](<./x y.pdf>) < 3.
"""


def test_each_less_than_sign_reads_as_written_where_it_stands(tmp_path):
    body = body_of(tmp_path, REPORT)
    paragraphs = [p.text_content() for p in body.iter("p")]
    assert "Turnout was <50% in ward 12, 3 < 4 and x<y: vote yes." in paragraphs
    assert [strong.text for strong in body.iter("strong")] == ["yes"]
    assert "Dear <Name>, sign < here. Its symbol \ue000 stays." in paragraphs
    assert "Write to <2024.branch@example.org>." in paragraphs
    links = [a.get("href") for a in body.iter("a")]
    assert "mailto:2024.branch@example.org" in links
    assert "Pay $5 for the agenda < 3." in paragraphs
    assert (
        "./minutes%20(2024).pdf" in links
        and "./agenda.pdf" in links
        and "./pay%20report.pdf" in links
    )
    (formula,) = body.find_class("math")
    assert "\u2004<\u2004" in formula.text_content()  # spaced as a relation is
    assert [op.text for op in body.find_class("op")] == ["<"]  # highlighted as an operator
    assert paragraphs[-1] == "``` A fence never closed, then its link < 3."
    cells = [cell.text_content() for cell in body.iter("th", "td")]
    assert cells == ["a<5", "b", "<", "x"]
