"""`publisher send` with language editions (issue 19): each subscriber gets one copy of the
issue, of the edition in their language or else the original, over real SMTP (aiosmtpd on
loopback); the ledger, List-Id and the unsubscribe link stay the issue's."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXED_EPOCH, WORKSPACES, copy_workspace
from delivery_support import (
    DELIVERY,
    SECRET,
    TOKEN_IN_URL,
    RecordingHandler,
    add_subscribers,
    both_backends,
    configure,
    execute_many,
    list_tokens,
    query,
)

from publisher.build import build
from publisher.cli import main
from publisher.delivery.audience import edition_for
from publisher.delivery.settings import DeliverySettings
from publisher.delivery.tokens import Tokens

SLUG = "001-first"
SUBJECTS = {
    "en": "Minimal Test Bulletin No. 1: First issue",
    "es": "Minimal Test Bulletin N.º 1: Primer número",
}
TRANSLATION = "---\ntitle: Primer artículo\n---\nEl primer artículo, en español.\n"


@pytest.fixture(scope="module")
def built_editions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/workspaces/minimal (in English) with a Spanish edition of its issue, one of
    its two articles translated; its emails built once for the module."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path_factory.mktemp("editions") / "ws")
    (root / "documents" / "first-article.es.md").write_text(TRANSLATION, encoding="utf-8")
    with (root / "issues" / f"{SLUG}.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write('editions:\n  es:\n    title: "Primer número"\n')
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        build(root, formats=["email"])
    return root


@pytest.fixture
def root(
    built_editions: Path,
    smtp_controller: object,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
    backend: str,
    new_list: Callable[[], str],
) -> Iterator[Path]:
    """The built workspace with an empty subscriber list of the test's own (SQLite, or a
    new PostgreSQL database for @both_backends), sending to the loopback server."""
    database = new_list() if backend == "postgresql" else f"{request.node.name}.sqlite3"
    configure(built_editions, smtp_port=smtp_controller.port, database=database, **DELIVERY)  # type: ignore[attr-defined]
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", SECRET)
    yield built_editions
    if backend == "sqlite":
        (built_editions / database).unlink()


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), "send", SLUG, *args])


def subscribe(root: Path, languages: dict[str, str]) -> None:
    """Active subscribers, address → their language ("": none given)."""
    add_subscribers(root, dict.fromkeys(languages, "active"), language=languages)


@pytest.mark.parametrize(
    ("reader", "edition"),
    [
        ("es", "es"),
        ("ES-mx", "es"),  # the same language, whatever the region
        ("pt", "pt-BR"),
        ("pt-PT", "pt-BR"),
        ("en-US", "en-US"),
        ("en", ""),  # the original (en-GB) wins a tie with the en-US edition
        ("fr", ""),  # no French edition: the original
        ("", ""),
    ],
)
def test_each_reader_gets_the_closest_edition_else_the_original(reader: str, edition: str) -> None:
    assert edition_for(reader, "en-GB", ("es", "pt-BR", "en-US")) == edition


@both_backends
def test_ten_english_and_ten_spanish_readers_get_one_copy_each_in_their_language(
    root: Path, smtp: RecordingHandler
) -> None:
    readers = {f"reader{n}@example.org": "en" for n in range(10)}
    readers |= {f"lector{n}@example.org": "es" for n in range(10)}
    readers |= {
        "lectrice@example.org": "fr",  # no French edition: the original
        "lectora@example.org": "es-MX",  # reads the Spanish edition
        "nobody-said@example.org": "",  # reads the newsletter's language: the original
    }
    expected = {
        address: "es" if language.startswith("es") else "en"
        for address, language in readers.items()
    }
    subscribe(root, readers)

    dry = invoke(root, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "copies to be sent by edition: en (original) 12, es 11" in dry.output
    assert smtp.copies() == {}

    sent = invoke(root)

    assert sent.exit_code == 0, sent.output
    assert "copies sent by edition: en (original) 12, es 11" in sent.output
    assert smtp.copies() == dict.fromkeys(readers, 1)  # counted by the server
    ids = dict(query(root, "SELECT address, id FROM subscribers"))
    original = message_from_bytes(
        (root / "dist" / SLUG / "email.eml").read_bytes(), policy=policy.default
    )
    tokens = Tokens(SECRET, DeliverySettings(), original["List-Id"].split("<")[-1].rstrip(">"))
    for received in smtp.received:
        message = message_from_bytes(received.data, policy=policy.default)
        language = expected[received.recipient]
        assert message["Content-Language"] == language, received.recipient
        assert message["Subject"] == SUBJECTS[language], received.recipient
        assert message["List-Id"] == original["List-Id"]  # one list, whatever the edition
        token = TOKEN_IN_URL.search(message["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
        claim = tokens.read_unsubscribe(token)
        assert (claim.subscriber_id, claim.issue) == (ids[received.recipient], SLUG)
    assert dict(query(root, "SELECT address, edition FROM deliveries")) == {
        address: "" if language == "en" else language for address, language in expected.items()
    }
    # The ledger is the issue's: whoever had one edition has had the issue.
    again = invoke(root, "--new")
    assert again.exit_code == 0, again.output
    assert "has had issue 001-first already" in " ".join(again.output.split())
    assert len(smtp.received) == len(readers)


def test_a_test_copy_is_the_edition_asked_for_or_the_subscribers_own(
    root: Path, smtp: RecordingHandler
) -> None:
    subscribe(root, {"lector@example.org": "es"})

    results = [
        invoke(root, "--to", "lector@example.org"),  # a subscriber: their edition
        invoke(root, "--to", "editor@example.org"),  # not on the list: the original
        invoke(root, "--to", "editor@example.org", "--language", "es"),
    ]
    unknown = invoke(root, "--to", "editor@example.org", "--language", "de")

    assert [r.exit_code for r in results] == [0, 0, 0], [r.output for r in results]
    assert "test copy (es) sent" in results[0].output
    languages = [
        (r.recipient, message_from_bytes(r.data, policy=policy.default)["Content-Language"])
        for r in smtp.received
    ]
    assert languages == [
        ("lector@example.org", "es"),
        ("editor@example.org", "en"),
        ("editor@example.org", "es"),
    ]
    assert unknown.exit_code == 1
    assert "issue 001-first has no de edition" in unknown.output
    assert "its languages: en, es" in unknown.output
    assert query(root, "SELECT COUNT(*) FROM sends") == [(0,)]


def test_an_edition_changed_since_the_build_is_not_sent(root: Path, smtp: RecordingHandler) -> None:
    subscribe(root, {"lector@example.org": "es"})
    translation = root / "documents" / "first-article.es.md"
    kept = root.parent / "kept.md"
    shutil.copy2(translation, kept)
    translation.write_text(TRANSLATION.replace("en español", "corregido"), encoding="utf-8")
    try:
        stale = invoke(root)
    finally:
        shutil.copy2(kept, translation)  # as built: current again
    assert stale.exit_code == 1
    assert "the built email of the es edition of issue 001-first is out of date" in stale.output
    assert f"{SLUG}/es/email.eml" in stale.output
    assert "publisher build 001-first --format email" in stale.output
    assert smtp.copies() == {}
    assert invoke(root).exit_code == 0
    assert smtp.copies() == {"lector@example.org": 1}


def test_a_reader_who_joins_after_the_send_is_welcomed_with_their_edition(
    root: Path, smtp: RecordingHandler
) -> None:
    from publisher.config import load_config
    from publisher.delivery.welcome import welcome

    subscribe(root, {"reader@example.org": "en"})
    assert invoke(root).exit_code == 0
    configure(root, welcome_issue=True)
    subscribe(root, {"lectora@example.org": "es-MX"})
    config = load_config(root)
    (newcomer,) = query(root, "SELECT id FROM subscribers WHERE address = 'lectora@example.org'")

    welcome(config, config.delivery.database_path(root), list_tokens(root), newcomer[0])

    _welcome, issue = [
        message_from_bytes(r.data, policy=policy.default)
        for r in smtp.received
        if r.recipient == "lectora@example.org"
    ]
    assert (issue["Content-Language"], issue["Subject"]) == ("es", SUBJECTS["es"])
    assert query(root, "SELECT edition FROM deliveries WHERE subscriber_id = ?", newcomer[0]) == [
        ("es",)
    ]


def test_a_send_resumed_after_its_edition_was_dropped_stops_instead_of_sending_another(
    root: Path, smtp: RecordingHandler
) -> None:
    subscribe(root, {"lectrice@example.org": "fr"})
    # A send started while the issue had a French edition, not finished.
    execute_many(root, "INSERT INTO sends (issue, started_at) VALUES (?, ?)", [(SLUG, "2026")])
    execute_many(
        root,
        "INSERT INTO deliveries (send_id, subscriber_id, address, message_id, edition)"
        " SELECT 1, id, address, '<fr@example.org>', 'fr' FROM subscribers WHERE address = ?",
        [("lectrice@example.org",)],
    )

    resumed = invoke(root)

    assert resumed.exit_code == 1
    assert "still has copies of the fr edition(s) to send" in " ".join(resumed.output.split())
    assert smtp.copies() == {}


@pytest.fixture
def outdated(tmp_path: Path, smtp_controller: object, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/workspaces/minimal with a Spanish edition whose translation recorded the
    original's hash (as `list --translations` gave it), the original edited afterwards and
    the issue built again: its build warned of an outdated translation."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    original = root / "documents" / "first-article.md"
    recorded = "sha256:" + hashlib.sha256(original.read_bytes()).hexdigest()[:16]
    (root / "documents" / "first-article.es.md").write_text(
        TRANSLATION.replace("---\n", f"---\noriginal_hash: {recorded}\n", 1), "utf-8"
    )
    with (root / "issues" / f"{SLUG}.yaml").open("a", encoding="utf-8") as manifest:
        manifest.write("editions: [es]\n")
    original.write_text(
        original.read_text("utf-8").replace("A paragraph", "A corrected paragraph"), "utf-8"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
    build(root, formats=["email"])
    configure(root, smtp_port=smtp_controller.port, database="list.sqlite3", **DELIVERY)  # type: ignore[attr-defined]
    monkeypatch.setenv("PUBLISHER_SECRET_KEY", SECRET)
    return root


def test_sending_an_edition_with_an_outdated_translation_warns_before_it_goes_out(
    outdated: Path, smtp: RecordingHandler
) -> None:
    """A warning, not a refusal: an urgent send still goes, each reader their edition."""
    subscribe(outdated, {"lectora@example.org": "es-MX", "reader@example.org": ""})
    warning = (
        "warning: the es edition uses an outdated translation: first-article.md changed"
        " after first-article.es.md was made from it, so its es readers get the earlier"
        " text; 'publisher list --translations' shows what to update"
    )

    dry = invoke(outdated, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert warning in " ".join(dry.output.split())
    assert smtp.copies() == {}

    sent = invoke(outdated)
    assert sent.exit_code == 0, sent.output
    said = " ".join(sent.output.split())
    assert said.index(warning) < said.index("sent")  # said before the send's report
    assert smtp.copies() == {"lectora@example.org": 1, "reader@example.org": 1}


def test_a_send_to_readers_of_the_original_alone_says_nothing_of_its_translations(
    outdated: Path, smtp: RecordingHandler
) -> None:
    subscribe(outdated, {"lectora@example.org": "es-MX", "reader@example.org": "en"})
    dry = invoke(outdated, "--dry-run", "--language", "en")
    assert dry.exit_code == 0, dry.output
    assert "recipients 1" in " ".join(dry.output.split())
    assert "outdated translation" not in dry.output
