"""Settings are declared once per table and checked by one validator: every problem in a file
is reported together at its line."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from publisher.config import load_config
from publisher.delivery.settings import DELIVERY_TABLE, DeliverySettings
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
    (root / "publisher.toml").write_text(text)
    with pytest.raises(PublisherError) as error:
        load_config(root)
    return str(error.value)


def test_every_mistake_in_publisher_toml_is_reported_at_once(tmp_path: Path) -> None:
    message = config_error(
        tmp_path,
        GOOD.replace('title = "T"\n', "")  # required, now missing
        + 'repy_to = "x@t.example.org"\n'  # line 6: a near miss
        + "[limits]\nhtml_depth = 2\n"  # line 8: out of range
        + "[delivery]\nrate = -1\n"  # line 10: a registered table's own check
        + "[documents]\nstrict = 1\n",  # line 12: wrong type
    )
    assert "publisher.toml:1: 'title' is required" in message
    assert "publisher.toml:6: unknown setting 'repy_to' in [email]" in message
    assert "did you mean 'reply_to'" in message
    assert "publisher.toml:8: limits.html_depth: 2 is not a whole number of at least 8" in message
    assert "publisher.toml:10: delivery.rate: -1 is not a number" in message
    assert "publisher.toml:12: documents.strict: 1 is not true or false" in message


def test_a_missing_key_of_a_table_points_at_the_table(tmp_path: Path) -> None:
    message = config_error(tmp_path, GOOD.replace('name = "Org"\n', 'contact = "x"\n'))
    assert "publisher.toml:3: 'organisation.name' is required" in message


def test_a_value_where_a_table_belongs_is_refused(tmp_path: Path) -> None:
    message = config_error(tmp_path, "pdf = 3\n" + GOOD)
    assert "publisher.toml:1: 'pdf' must be a table like [pdf]" in message


def test_an_unknown_key_far_from_any_known_one_lists_them(tmp_path: Path) -> None:
    message = config_error(tmp_path, GOOD + "[documents]\nzzz = 1\n")
    assert "unknown setting 'zzz' in [documents]" in message and "known settings: strict" in message


def test_every_delivery_setting_is_a_key_of_the_delivery_table() -> None:
    fields = [field.name for field in dataclasses.fields(DeliverySettings)]
    assert list(DELIVERY_TABLE.keys) == fields


def test_the_delivery_settings_can_be_set_aside_when_a_build_fingerprints_the_config(
    tmp_path: Path,
) -> None:
    (tmp_path / "publisher.toml").write_text(GOOD + '[delivery]\nsmtp_host = "mail.example"\n')
    config = load_config(tmp_path)
    assert config.delivery.smtp_host == "mail.example"
    plain = dataclasses.replace(config, delivery=DeliverySettings())
    assert "mail.example" not in repr(plain) and "mail.example" in repr(config)
