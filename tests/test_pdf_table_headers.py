"""A table's header cells in the PDF say which cells they head (/Scope): a column's, or a
row's where the document marks a row header, as screen readers and PDF/UA validators that
do not follow the data cells' links to their headers ask."""

from __future__ import annotations

from pathlib import Path

import pdfua
import pikepdf
import pytest
from conftest import minimal_with

from publisher.build import build

ISSUE = "001-first"

MARKDOWN = """\
---
title: Pay by branch
---

| Branch | Members | Rise |
|--------|--------:|-----:|
| Port   |     412 |  4 % |
| Rail   |      87 |  3 % |
"""

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Hours</title></head><body>
<table><tr><th scope="row">Monday</th><td>8</td></tr>
<tr><th scope="row">Tuesday</th><td>7</td></tr></table></body></html>"""


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(
        tmp_path_factory.mktemp("tables") / "ws", {"pay.md": MARKDOWN, "hours.html": PAGE}
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", "1767225600")
        return build(root, formats=["pdf"]).out_dir / ISSUE / f"{ISSUE}.pdf"


def header_scopes(path: Path) -> list[str | None]:
    """The /Scope of each header cell (/TH) of the structure tree, None where it has none."""
    scopes: list[str | None] = []
    with pikepdf.open(path) as pdf:
        for element in pdf.objects:
            if isinstance(element, pikepdf.Dictionary) and element.get("/S") == "/TH":
                scope = element.get("/A", {}).get("/Scope")
                scopes.append(None if scope is None else str(scope))
    return scopes


def test_column_headers_say_column_and_row_headers_say_row(pdf: Path) -> None:
    scopes = header_scopes(pdf)
    assert sorted(scopes, key=str) == ["/Column"] * 3 + ["/Row"] * 2, scopes


def test_no_validator_asks_for_a_headers_scope(pdf: Path) -> None:
    rules = {finding.rule_id for finding in pdfua.validate(str(pdf)).findings}
    assert "UA-15-003" not in rules
