"""Settings are declared once per table and checked by one validator: every problem in a file
is reported together at its line, and a table another package registers through the
`publisher.settings` entry points is read from publisher.toml like the built-in ones."""

from __future__ import annotations

import ast
import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from config_support import GOOD, config_error

from publisher.config import load_config
from publisher.delivery.settings import DELIVERY_TABLE, DeliverySettings
from publisher.settings_schema import SettingsTables, registered_tables


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


@pytest.fixture
def toy_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A distribution that registers a [toy] table, installed the way pip would leave it."""
    site = tmp_path / "site"
    (site / "toy_settings-0.dist-info").mkdir(parents=True)
    (site / "toy_settings-0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toy-settings\nVersion: 0\n"
    )
    (site / "toy_settings-0.dist-info" / "entry_points.txt").write_text(
        "[publisher.settings]\ntoy = toy_settings:TOY_TABLE\n"
    )
    (site / "toy_settings.py").write_text(
        "from publisher.settings_schema import Setting, Table, whole_number\n"
        'TOY_TABLE = Table({"volume": Setting(whole_number(0), required="volume = 3")})\n'
    )
    monkeypatch.syspath_prepend(str(site))
    registered_tables.cache_clear()
    yield
    registered_tables.cache_clear()
    sys.modules.pop("toy_settings", None)


def test_a_registered_table_is_read_and_checked_like_the_built_in_ones(
    tmp_path: Path, toy_plugin: None
) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "publisher.toml").write_text(GOOD + "[toy]\nvolume = 3\n")
    assert load_config(root).tables["toy"] == {"volume": 3}
    message = config_error(root, GOOD + "[toy]\nvolum = 3\n")
    assert "publisher.toml:8: unknown setting 'volum' in [toy]" in message
    assert "did you mean 'volume'" in message
    assert "is required" not in message  # the typo is the one mistake, told once
    message = config_error(root, GOOD + "[toy]\nloudness = 3\n")
    assert "publisher.toml:7: 'toy.volume' is required" in message


def test_a_registration_that_names_no_table_is_a_clear_error(
    tmp_path: Path, toy_plugin: None
) -> None:
    (tmp_path / "site" / "toy_settings.py").write_text("TOY_TABLE = {'volume': 3}\n")
    message = config_error(tmp_path, GOOD)
    assert "the [toy] table registered as toy_settings:TOY_TABLE cannot be read" in message
    (tmp_path / "site" / "toy_settings.py").write_text("")
    sys.modules.pop("toy_settings")
    registered_tables.cache_clear()
    message = config_error(tmp_path, GOOD)
    assert "toy_settings:TOY_TABLE cannot be read" in message
    assert "has no attribute 'TOY_TABLE'" in message


def test_an_install_that_registers_no_delivery_table_says_to_reinstall(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("publisher.config.registered_tables", lambda: {})
    message = config_error(tmp_path, GOOD)
    assert "[delivery] table is not registered" in message and "reinstall" in message


def test_without_its_registration_a_table_is_unknown(tmp_path: Path) -> None:
    registered_tables.cache_clear()
    message = config_error(tmp_path, GOOD + "[toy]\nvolume = 3\n")
    assert "publisher.toml:7: unknown setting 'toy'" in message


def runtime_imports(tree: ast.AST) -> Iterator[str]:
    """The modules a file imports when it runs (not those under `if TYPE_CHECKING:`)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            continue
        if isinstance(node, ast.ImportFrom):
            yield "." * node.level + (node.module or "")
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        stack.extend(ast.iter_child_nodes(node))


def test_delivery_is_registered_not_imported_by_config() -> None:
    """config.py learns [delivery] from the entry point (an annotation may name its type)."""
    assert registered_tables()["delivery"] is DELIVERY_TABLE
    source = Path(__file__).parents[1] / "publisher" / "config.py"
    imported = list(runtime_imports(ast.parse(source.read_text())))
    assert ".settings_schema" in imported
    assert not [module for module in imported if "delivery" in module]


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


def test_registered_tables_print_in_name_order_whatever_the_order_they_came_in() -> None:
    one = SettingsTables({"zeta": (1,), "alpha": {"b": 2}})
    two = SettingsTables({"alpha": {"b": 2}, "zeta": (1,)})
    assert repr(one) == repr(two) == "SettingsTables({'alpha': {'b': 2}, 'zeta': (1,)})"
    assert one == two and list(one) == ["alpha", "zeta"]
