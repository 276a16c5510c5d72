"""py3langid's model, which takes a second to decompress, is kept uncompressed in the user's
cache folder: read back from there it tells every language as py3langid's own, and a
cache that cannot be written costs only time."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.importers import language_model

STRIKE = (
    "The hospital cleaners voted yesterday to strike from Monday. They demand the pay rise "
    "they were promised, an end to temporary contracts and the reinstatement of their "
    "sacked colleagues."
)
HUELGA = (
    "La asamblea de trabajadoras de la limpieza del hospital aprobó ayer la huelga "
    "indefinida a partir del lunes. Reclamamos la subida salarial pactada."
)


TEXTS = [
    HUELGA,
    STRIKE,
    f"{STRIKE} {HUELGA}",
    "Grève générale !",
    "کارگران بندر امروز اعتصاب کردند",
]


def test_the_language_model_kept_in_the_cache_tells_what_py3langids_own_tells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model is kept uncompressed in the user's cache folder for the next process to
    load in a moment; read back from there it scores every text as py3langid's own."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    languages = ["en", "es", "fr", "fa", "ar"]
    own = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    own.set_languages(languages)
    first = language_model.identifier(languages)  # decompressed, and kept
    kept = list(tmp_path.rglob("*.np[yz]"))
    assert len(kept) == 2, kept
    again = language_model.identifier(languages)  # read back
    assert again is not first
    for text in TEXTS:
        ours, theirs = again.rank(text), own.rank(text)
        assert [language for language, _ in ours] == [language for language, _ in theirs]
        assert [p for _, p in ours] == pytest.approx([p for _, p in theirs]), text


def test_a_cache_folder_that_cannot_be_written_costs_only_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "file").write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "file"))
    identifier = language_model.identifier(["en", "es"])
    assert identifier.classify(HUELGA)[0] == "es"


def test_threads_reading_documents_side_by_side_load_the_model_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The build reads documents in threads: two asking for a language at once loaded the
    model twice, each at the full cost."""
    import threading

    from publisher.importers import scripts

    loads: list[object] = []
    load = language_model.identifier

    def counted(languages: list[str]) -> object:
        loads.append(languages)
        return load(languages)

    monkeypatch.setattr(language_model, "identifier", counted)
    scripts._loaded_identifier.cache_clear()
    start = threading.Barrier(2)
    found: list[object] = []

    def ask() -> None:
        start.wait()
        found.append(scripts._identifier())

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    scripts._loaded_identifier.cache_clear()
    assert len(loads) == 1 and found[0] is found[1]
