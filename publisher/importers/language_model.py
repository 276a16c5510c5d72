"""py3langid's language identifier, quick to load: its model ships xz-compressed, and
decompressing it takes 1.1 s in every process that reads a language; the part of it for the
languages we tell apart is kept uncompressed in the user's cache folder, where the next
process maps it in 0.03 s. A cache that cannot be read or written costs that second and no
more."""

from __future__ import annotations

import os
import tempfile
from importlib.metadata import version
from pathlib import Path
from typing import IO, Any


def identifier(languages: list[str]) -> Any:  # a py3langid LanguageIdentifier (untyped)
    """An identifier restricted to `languages`, normalising its scores to probabilities."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    saved = _saved_model(languages)
    try:
        return _loaded(saved)
    except (OSError, ValueError, KeyError, TypeError):  # not saved yet, or unreadable
        pass
    found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    found.set_languages(languages)
    _save(found, saved)
    return found


def _saved_model(languages: list[str]) -> Path:
    """The folder where the model for `languages` is kept: named by py3langid's version, as
    another version's model may differ, and by the languages."""
    from platformdirs import user_cache_path

    name = f"py3langid-{version('py3langid')}-{'-'.join(sorted(languages))}"
    return user_cache_path("publisher") / name


def _loaded(saved: Path) -> Any:
    import numpy as np
    from py3langid.langid import LanguageIdentifier

    # 39 MB, read as needed; as a plain array (the same mapped memory), as np.memmap looks
    # each letter up through its own Python method: a third of py3langid's time
    transitions = np.load(saved / "transitions.npy", mmap_mode="r").view(np.ndarray)
    with np.load(saved / "model.npz") as model:
        return LanguageIdentifier(
            model["ptc"],
            model["pc"],
            model["classes"].tolist(),
            transitions,
            model["output"].tolist(),
            norm_probs=True,
            tk_row=model["row"].tolist(),  # ints: py3langid shifts them past 16 bits
        )


def _save(found: Any, saved: Path) -> None:
    """Keep `found`'s model in the folder `saved`, each file written whole under a temporary
    name and renamed, so that a process reading it never sees half of it; the model.npz,
    which `_loaded` needs with it, last."""
    import numpy as np

    arrays = {
        "ptc": found.nb_ptc,
        "pc": found.nb_pc,
        "classes": np.array(found.nb_classes),
        "output": np.asarray(found.tk_output, dtype=np.int32),
        "row": np.asarray(found.tk_row, dtype=np.int64),
    }

    def transitions(file: IO[bytes]) -> None:
        np.save(file, np.asarray(found.tk_nextmove))

    def model(file: IO[bytes]) -> None:
        np.savez(file, **arrays)

    try:
        saved.mkdir(parents=True, exist_ok=True)
        for name, write in (("transitions.npy", transitions), ("model.npz", model)):
            handle, temporary = tempfile.mkstemp(dir=saved, suffix=".part")
            try:
                with os.fdopen(handle, "wb") as file:
                    write(file)
                os.replace(temporary, saved / name)
            finally:
                Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass  # no cache folder to write to: the next process decompresses the model again
