"""WeasyPrint as publisher imports it (renderers/weasy.py): the C array types its font
subsetting asks for are built without the C parser, and are exactly the types the parser
would give; what is not such an array is parsed, and refused, as before. The PDF's page
references are built once per page count, and are always those of its pages."""

from __future__ import annotations

import pytest

from publisher.renderers.weasy import import_weasyprint


def test_fixed_arrays_are_the_types_the_parser_gives_without_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_weasyprint()
    from weasyprint.text.ffi import ffi

    item = ffi.typeof("hb_codepoint_t *")  # parsed (once) before the parser is taken away
    item_size = ffi.sizeof("hb_codepoint_t")

    def no_parsing(declaration: str) -> None:
        raise AssertionError(f"parsed {declaration!r}")

    monkeypatch.setattr(ffi._parser, "parse_type", no_parsing)
    built = ffi.typeof("hb_codepoint_t[1234]")
    assert built is ffi._backend.new_array_type(item, 1234)  # the parser's type, unique
    assert (built.length, ffi.sizeof(built)) == (1234, 1234 * item_size)
    assert list(ffi.new("hb_codepoint_t[3]", [7, 8, 9])) == [7, 8, 9]


def test_other_declarations_are_parsed_and_refused_as_before() -> None:
    import cffi

    import_weasyprint()
    from weasyprint.text.ffi import ffi

    assert ffi.typeof("PangoRectangle *").kind == "pointer"
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
