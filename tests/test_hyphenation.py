"""Hyphenation dictionaries are parsed once per machine, not once per PDF process.

Each test stands for processes one after another: pyphen's per-process dictionaries are
emptied between them, and the kept copies go to a folder of the test's own."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyphen
import pytest

from publisher.renderers import hyphenation

WORDS = "hyphenation internationalisation responsibilities"


@pytest.fixture(autouse=True)
def _own_process_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    kept = tmp_path / "kept"
    kept.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(kept))  # Jinja's per-user folder goes here
    monkeypatch.setattr(pyphen, "hdcache", {})
    hyphenation.use_kept_copies()  # as importing WeasyPrint does
    yield


def new_process() -> None:
    pyphen.hdcache.clear()


def hyphenated(language: str) -> str:
    return pyphen.Pyphen(lang=language).inserted(WORDS)


def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The dictionary files pyphen parses from now on."""
    parsed: list[Path] = []
    parse = hyphenation.parse  # pyphen's own HyphDict

    def counted(path: Path) -> object:
        parsed.append(Path(path))
        return parse(path)

    monkeypatch.setattr(hyphenation, "parse", counted)
    return parsed


def hyphenated_by_pyphen_alone(language: str) -> str:
    """WORDS hyphenated with the dictionary as pyphen parses it, with nothing kept."""
    reference = pyphen.Pyphen(lang=language, cache=False)
    reference.hd = hyphenation.parse(pyphen.LANGUAGES[language])
    new_process()
    for kept in Path(tempfile.gettempdir()).rglob("publisher-hyphenation-*"):
        kept.unlink()  # kept by the Pyphen made above
    return reference.inserted(WORDS)


def a_dictionary_of_our_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """English patterns under a language code of the test's, in a file it may edit."""
    copy = tmp_path / "hyph_xx_TEST.dic"
    shutil.copy(pyphen.LANGUAGES["en_US"], copy)
    monkeypatch.setitem(pyphen.LANGUAGES, "xx_TEST", copy)
    monkeypatch.setitem(pyphen.LANGUAGES_LOWERCASE, "xx_test", "xx_TEST")
    return copy


def test_a_dictionary_is_parsed_once_then_loaded_as_parsed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    expected = {language: hyphenated_by_pyphen_alone(language) for language in ("en_US", "es")}
    parsed = parses(monkeypatch)

    for language in ("en-US", "es"):
        hyphenation.load(language)
    assert [p.name for p in parsed] == ["hyph_en_US.dic", "hyph_es.dic"]

    new_process()
    for language in ("en-US", "es"):
        hyphenation.load(language)
    assert [p.name for p in parsed] == ["hyph_en_US.dic", "hyph_es.dic"]  # not again
    assert (
        hyphenated("en_US")
        == expected["en_US"]
        == "hy-phen-ation in-ter-na-tion-al-i-sa-tion re-spon-si-bil-i-ties"
    )
    assert hyphenated("es") == expected["es"]


def test_an_edited_dictionary_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary = a_dictionary_of_our_own(tmp_path, monkeypatch)
    hyphenation.load("xx-TEST")
    assert "in-ter-na-tion" in hyphenated("xx_TEST")

    # The editor's dictionary says never to break "nation" (odd digits break, even ones
    # forbid): a copy kept from before would still break it.
    never_nation = b"8n8a8t8i8o8n8"
    lines = dictionary.read_bytes().split(b"\n")
    same_length = next(
        n for n, line in enumerate(lines) if n and len(line) == len(never_nation) and line.isascii()
    )
    lines[same_length] = never_nation
    size = dictionary.stat().st_size
    dictionary.write_bytes(b"\n".join(lines))
    os.utime(dictionary, ns=(1, 1))
    assert dictionary.stat().st_size == size  # only the modification time says it changed
    new_process()
    parsed = parses(monkeypatch)
    hyphenation.load("xx-TEST")
    assert parsed == [dictionary]
    assert "na-tion" not in hyphenated("xx_TEST")


@pytest.mark.parametrize(
    "damage",
    [b"", b"not marshal data at all", b"\xe9\x03\x00\x00\x00"],
    ids=["empty", "garbage", "cut short"],
)
def test_a_damaged_kept_copy_is_parsed_over(
    damage: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dictionary = a_dictionary_of_our_own(tmp_path, monkeypatch)
    hyphenation.load("xx-TEST")
    (kept,) = (tmp_path / "kept").rglob("publisher-hyphenation-*")
    kept.write_bytes(damage)

    new_process()
    parsed = parses(monkeypatch)
    hyphenation.load("xx-TEST")
    assert parsed == [dictionary]
    assert (
        hyphenated("xx_TEST") == "hy-phen-ation in-ter-na-tion-al-i-sa-tion re-spon-si-bil-i-ties"
    )
    new_process()
    hyphenation.load("xx-TEST")  # and kept again, whole
    assert parsed == [dictionary]


def test_a_language_pyphen_cannot_hyphenate_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    parsed = parses(monkeypatch)
    hyphenation.load("ar")
    hyphenation.load("fa")
    assert parsed == []
    assert pyphen.hdcache == {}


def test_a_process_that_imports_weasyprint_as_publisher_does_keeps_what_pyphen_parses(
    tmp_path: Path,
) -> None:
    program = (
        "from publisher.renderers.weasy import import_weasyprint; import_weasyprint();"
        "import pyphen; print(pyphen.Pyphen(lang='es').inserted('solidaridad'))"
    )
    environment = {**os.environ, "TMPDIR": str(tmp_path)}
    shown = subprocess.run(
        [sys.executable, "-c", program], env=environment, capture_output=True, text=True
    )
    assert shown.stdout.strip() == "so-li-da-ri-dad", shown.stderr
    kept = [path.name for path in tmp_path.rglob("publisher-hyphenation-*")]
    assert len(kept) == 1 and "hyph_es" in kept[0]


def test_a_pyphen_that_keeps_its_patterns_otherwise_is_used_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later pyphen may name its dictionaries' attributes otherwise: its own dictionary
    is used, and nothing is kept that a later run would load wrongly."""
    dictionary = a_dictionary_of_our_own(tmp_path, monkeypatch)

    class Renamed:
        def __init__(self, path: Path) -> None:
            self.rules = {"path": str(path)}

    monkeypatch.setattr(hyphenation, "parse", Renamed)
    loaded = hyphenation.dictionary(dictionary)
    assert isinstance(loaded, Renamed)
    assert list((tmp_path / "kept").rglob("publisher-hyphenation-*")) == []
