"""WeasyPrint as publisher imports it (renderers/weasy.py): the C pointer and array types
it asks for are built without the C parser, and are exactly the types the parser would
give; any other declaration is parsed, and refused, as before. The PDF's page
references are built once per page count, and are always those of its pages."""

from __future__ import annotations

import pytest

from publisher.renderers.weasy import import_weasyprint


@pytest.mark.parametrize(
    "declaration",
    [
        "hb_codepoint_t[1234]",  # font subsetting: one for every glyph count
        "PangoLogAttr[]",  # line breaking
        "PangoRectangle *",
        "PangoFcFontMap *",
        "unsigned int *",
        "char[]",
        "char *",
    ],
)
def test_pointers_and_arrays_are_the_types_the_parser_gives_without_parsing(
    declaration: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import_weasyprint()
    from weasyprint.text.ffi import ffi

    with ffi._lock:  # as cffi asks
        parsed = ffi._get_cached_btype(ffi._parser.parse_type(declaration))

    def no_parsing(declaration: str) -> None:
        raise AssertionError(f"parsed {declaration!r}")

    monkeypatch.setattr(ffi._parser, "parse_type", no_parsing)
    monkeypatch.delitem(ffi._parsed_types, declaration, raising=False)  # asked before
    assert ffi.typeof(declaration) is parsed  # the very type object the parser's tree gives


def test_a_fixed_array_holds_its_items() -> None:
    import_weasyprint()
    from weasyprint.text.ffi import ffi

    array = ffi.typeof("hb_codepoint_t[1234]")
    assert (array.length, ffi.sizeof(array)) == (1234, 1234 * ffi.sizeof("hb_codepoint_t"))
    assert list(ffi.new("hb_codepoint_t[3]", [7, 8, 9])) == [7, 8, 9]


def test_other_declarations_are_parsed_and_refused_as_before() -> None:
    import cffi

    import_weasyprint()
    from weasyprint.text.ffi import ffi

    assert ffi.typeof("PangoRectangle *[2]").kind == "array"  # not T *, T[] or T[n]
    assert ffi.typeof("const char *").kind == "pointer"
    with pytest.raises(cffi.CDefError, match=r"no_such_type_t\[3\]"):
        ffi.typeof("no_such_type_t[3]")


def test_page_references_are_built_once_per_page_count_and_are_the_pages() -> None:
    import_weasyprint()
    import pydyf

    pdf = pydyf.PDF()
    for count in (1, 2, 3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
        references = pdf.page_references
        numbers = [page.number for page in pdf.objects if isinstance(page, pydyf.Dictionary)]
        assert references == tuple(f"{n} 0 R".encode() for n in numbers[-count:])
        assert pdf.page_references is references  # read again: not built again
