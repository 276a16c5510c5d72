"""Issue 14, part 5: `publisher send --tag/--language/--new` reach exactly the subscribers
they name (counted by the loopback SMTP server), and a `--to` test copy is marked as one,
its unsubscribe link unsubscribing nobody."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest
from click.testing import CliRunner
from delivery_support import (
    TOKEN_IN_URL,
    RecordingHandler,
    add_subscribers,
    both_backends,
    execute_many,
    query,
)

from publisher.cli import main
from publisher.delivery.endpoints import create_app

SLUG = "007-huelga"  # tests/workspaces/email, written in Spanish (language = "es")
ONE_CLICK = {"List-Unsubscribe": "One-Click"}

# address: (status, language, tags)
LIST = {
    "ana@example.org": ("active", "es", "muelle"),
    "ben@example.org": ("active", "", "muelle,salud"),  # no language: reads the newsletter's
    "carla@example.org": ("active", "es-MX", "salud"),
    "dan@example.org": ("active", "ar", ""),
    "eve@example.org": ("pending", "fr", "muelle"),
    "fay@example.org": ("unsubscribed", "es", "muelle"),
    "gil@example.org": ("bounced", "ar", "salud"),
}


def invoke(root: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["-C", str(root), *args])


def set_up(root: Path, members: dict[str, tuple[str, str, str]] = LIST) -> None:
    add_subscribers(root, {address: status for address, (status, _, _) in members.items()})
    execute_many(
        root,
        "UPDATE subscribers SET language = ?, tags = ? WHERE address = ?",
        [(language, tags, address) for address, (_, language, tags) in members.items()],
    )


def sent(root: Path, *options: str) -> None:
    result = invoke(root, "send", SLUG, *options)
    assert result.exit_code == 0, result.output


@both_backends
def test_tags_take_subscribers_with_any_of_them_and_only_active_ones(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)

    sent(root, "--tag", "muelle")
    assert smtp.copies() == {"ana@example.org": 1, "ben@example.org": 1}

    sent(root, "--tag", "salud", "--tag", "MUELLE", "--again")
    assert smtp.copies() == {"ana@example.org": 2, "ben@example.org": 2, "carla@example.org": 1}


def test_a_language_takes_its_regional_variants_and_subscribers_who_gave_none(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)

    sent(root, "--language", "es")
    assert smtp.copies() == {"ana@example.org": 1, "ben@example.org": 1, "carla@example.org": 1}

    sent(root, "--language", "ar", "--new")
    assert smtp.copies() == {
        "ana@example.org": 1,
        "ben@example.org": 1,
        "carla@example.org": 1,
        "dan@example.org": 1,
    }


@both_backends
def test_new_reaches_only_those_who_have_not_had_the_issue(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)
    smtp.drop_after_data = {"dan@example.org"}  # dan's copy: taken, the reply lost: unknown
    first = invoke(root, "send", SLUG)
    assert first.exit_code == 0 and "unknown" in first.output
    smtp.drop_after_data = set()
    # Later, eve confirms and hal joins: the issue went out before them.
    execute_many(
        root, "UPDATE subscribers SET status = 'active' WHERE address = ?", [("eve@example.org",)]
    )
    add_subscribers(root, {"hal@example.org": "active"})
    before = smtp.copies()

    refused = invoke(root, "send", SLUG)
    assert refused.exit_code == 1 and "--new" in refused.output

    sent(root, "--new")
    late = smtp.copies() - before
    assert late == {"eve@example.org": 1, "hal@example.org": 1}  # not dan: he may have it

    again = invoke(root, "send", SLUG, "--new")
    assert again.exit_code == 0
    said = " ".join(again.output.split())
    assert "nothing to send" in said and "has had issue 007-huelga already" in said
    assert smtp.copies() - before == late
    assert query(root, "SELECT COUNT(*) FROM sends") == [(2,)]  # no empty send recorded


def test_targets_that_match_nobody_or_are_not_languages_are_refused_with_what_there_is(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)

    typo = invoke(root, "send", SLUG, "--tag", "muele")
    assert typo.exit_code == 1
    assert "no active subscriber has tag muele" in typo.output
    assert "tags on the list: muelle, salud" in typo.output
    language = invoke(root, "send", SLUG, "--language", "Spanish")
    assert language.exit_code == 1 and "es" in language.output
    assert "Traceback" not in typo.output + language.output
    assert not smtp.received and query(root, "SELECT COUNT(*) FROM sends") == [(0,)]


def test_a_send_under_way_is_finished_before_recipients_are_chosen_again(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)
    smtp.refuse_all = "451 4.3.2 try later"
    paused = invoke(root, "send", SLUG, "--connections", "1")
    assert paused.exit_code == 1  # everything deferred: the send stays open

    narrowed = invoke(root, "send", SLUG, "--tag", "salud")

    assert narrowed.exit_code == 1 and "has a send under way" in narrowed.output
    assert f"'publisher send {SLUG}'" in narrowed.output
    smtp.refuse_all = None


def test_the_dry_run_counts_the_targeted_recipients(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    root = delivery_workspace
    set_up(root)

    result = invoke(root, "send", SLUG, "--dry-run", "--tag", "salud")

    out = " ".join(result.output.split())
    assert result.exit_code == 0, result.output
    assert "recipients 2 (tag salud)" in out
    assert "by language es (not set) 1, es-MX 1" in out
    assert "by tag salud 2, muelle 1" in out
    assert not smtp.received


def test_two_addresses_given_to_one_test_copy_are_named_and_nothing_is_sent(
    delivery_workspace: Path, smtp: RecordingHandler
) -> None:
    """It spoke of a spreadsheet's cells and rows, as an import's check does."""
    set_up(delivery_workspace)

    result = invoke(delivery_workspace, "send", SLUG, "--to", "ana@example.org, kim@example.org")

    said = " ".join(result.output.split())
    assert result.exit_code == 1
    assert "--to takes one address" in said and "(ana@example.org, kim@example.org)" in said
    assert f"publisher send {SLUG} --to ana@example.org" in said
    assert "cell" not in said and "row" not in said
    assert not smtp.received


@pytest.fixture
def copies(delivery_workspace: Path, smtp: RecordingHandler):  # type: ignore[no-untyped-def]
    """`send --to` one address, the copy it received, parsed."""

    def test_copy(address: str):  # type: ignore[no-untyped-def]
        result = invoke(delivery_workspace, "send", SLUG, "--to", address)
        assert result.exit_code == 0, result.output
        [received] = [r for r in smtp.received if r.recipient == address]
        return message_from_bytes(received.data, policy=policy.default)

    return test_copy


@pytest.mark.parametrize("address", ["ana@example.org", "editor@example.org"])
def test_a_test_copys_unsubscribe_link_is_where_readers_have_it_and_unsubscribes_nobody(
    delivery_workspace: Path, copies, address: str
) -> None:  # type: ignore[no-untyped-def]
    """A proof shows the footer and headers readers get, but its link is nobody's: sent to
    a subscriber (an editor on the list, a colleague it is forwarded to), Gmail's
    Unsubscribe button on it, or a click to try the link, took them off the list."""
    root = delivery_workspace
    set_up(root)

    message = copies(address)

    link = TOKEN_IN_URL.search(message["List-Unsubscribe"]).group(0)
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.get_body(("html",)).get_content()
    text = message.get_body(("plain",)).get_content()
    assert link in html and link in text
    assert "Darse de baja" in html and "Darse de baja" in text
    url = urlsplit(f"https://boletin.muelle.example.org{link}")
    client = create_app(root).test_client()
    one_click = client.post(f"{url.path}?{url.query}", data=ONE_CLICK)
    assert query(root, "SELECT COUNT(*) FROM subscribers WHERE status = 'active'") == [(4,)]
    # whoever tries the link is told why nothing changed, not that they are on no list
    page = client.get(f"{url.path}?{url.query}")
    said = lxml.html.fromstring(page.get_data(as_text=True)).xpath("string(//main)")
    assert one_click.status_code == page.status_code == 200
    assert "Era una copia de prueba" in said and "no está en nuestra lista" not in said
    assert "RECIPIENT_TOKEN" not in html + text


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("es", "[Prueba] Boletín del Muelle N.º 7: ¡Huelga en el puerto! الإضراب مستمر"),
        ("en", "[Test] Boletín del Muelle N.º 7: ¡Huelga en el puerto! الإضراب مستمر"),
        ("ar", "[تجربة] Boletín del Muelle N.º 7: ¡Huelga en el puerto! الإضراب مستمر"),
    ],
)
def test_a_test_copy_is_marked_as_a_test_in_its_subject_in_the_newsletters_language(
    delivery_workspace: Path, smtp: RecordingHandler, language: str, subject: str
) -> None:
    """Its Subject was the issue's: in an inbox, or forwarded, a proof was the issue."""
    root = delivery_workspace
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace('language = "es"', f'language = "{language}"'))
    built = invoke(root, "build", SLUG, "--format", "email")
    assert built.exit_code == 0, built.output

    result = invoke(root, "send", SLUG, "--to", "editor@example.org")

    assert result.exit_code == 0, result.output
    [received] = smtp.received
    assert message_from_bytes(received.data, policy=policy.default)["Subject"] == subject
