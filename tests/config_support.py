"""A good publisher.toml for tests to spoil, and the error a spoilt one gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.errors import PublisherError

GOOD = """\
title = "T"
base_url = "https://t.example.org"
[organisation]
name = "Org"
[email]
from = "T <t@t.example.org>"
"""


def config_error(root: Path, text: str) -> str:
    """The message of the error `text`, written as root's publisher.toml, must give."""
    (root / "publisher.toml").write_text(text)
    with pytest.raises(PublisherError) as error:
        load_config(root)
    return str(error.value)
