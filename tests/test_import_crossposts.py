"""One statement posted on several accounts is imported once: a post whose words a document
an import wrote already holds (or which holds all of its words: a post cut for X's
length) is that document's, and the report says so. The fixtures are three accounts of the
same organisation (tests/exports/bluesky, twitter, mastodon), which posted the same
statements, as organisations do, each in its own words now and then.
"""

from __future__ import annotations

from pathlib import Path

from platform_exports import new_workspace, text_of

from publisher.importers.crossposts import SAME_WORDS, words_of
from publisher.importers.platforms import PlatformReport, import_export

EXPORTS = Path(__file__).parent / "exports"
BLUESKY = EXPORTS / "bluesky" / "did-plc-w4x2dockside7n3q5kz-20260305.car"
X = EXPORTS / "twitter" / "twitter-2026-03-05-8f3a2c"
MASTODON = EXPORTS / "mastodon" / "archive-20260305093000-4b1f0c2d9e"


def imports(root: Path, *exports: Path) -> list[PlatformReport]:
    return [import_export(export, root) for export in exports]


def same(report: PlatformReport) -> dict[str, str]:
    """Post title → the document that has its words, for the posts not written again."""
    return {w.post.title: w.document.name for w in report.written if w.status == SAME_WORDS}


def test_a_statement_posted_on_another_account_is_not_written_again(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    _, from_x = imports(root, BLUESKY, X)
    assert same(from_x) == {
        # X's thread is Bluesky's without its last words of thanks: held in it
        "Statement on the port dispute": "statement-on-the-port-dispute.md",
        "Los jornaleros de Almería convocan huelga en los invernaderos.": (
            "los-jornaleros-de-almeria-convocan-huelga-en-los.md"
        ),
    }
    statements = sorted(p.name for p in (root / "documents").glob("statement-on-the-port*"))
    assert statements == ["statement-on-the-port-dispute.md"]
    _, text = text_of(root, "statement-on-the-port-dispute")
    assert "compañeros" in text  # Bluesky's, the first imported, is the one kept


def test_a_post_holding_a_shorter_ones_words_is_that_ones_too(tmp_path: Path) -> None:
    """The other way round: X's shorter thread imported first, then Bluesky's."""
    root = new_workspace(tmp_path / "ws")
    _, from_bluesky = imports(root, X, BLUESKY)
    assert same(from_bluesky)["Statement on the port dispute"] == "statement-on-the-port-dispute.md"


def test_words_of_their_own_or_too_few_to_tell_are_written(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    _, _, from_mastodon = imports(root, BLUESKY, X, MASTODON)
    # Mastodon's thread asks "every union branch", not "every branch": its own words
    assert "Statement on the port dispute" not in same(from_mastodon)
    assert (root / "documents" / "statement-on-the-port-dispute-2.md").is_file()
    # eight words alike on three accounts: too few to say they are one post
    speeches = list((root / "documents").glob("rosa-s-speech-at-saturday-s-rally-in-full*.md"))
    assert len(speeches) == 3


def test_words_are_compared_without_addresses_hashtags_or_markdown() -> None:
    markdown = (
        "Solidarity with the [SAT](https://sat.example.org/huelga) strike! "
        "See dockside.example.org/news/strike and https://t.co/Ab12 #strike #NHS"
    )
    post = "Solidarity with the SAT strike! See and"
    assert (
        words_of(markdown)
        == words_of(post)
        == (
            "solidarity",
            "with",
            "the",
            "sat",
            "strike",
            "see",
            "and",
        )
    )


def test_a_statement_posted_twice_on_one_account_is_written_once(tmp_path: Path) -> None:
    import json

    words = "The strike committee calls every member to the picket at the main gate at six"
    posts = [
        {
            "tweet": {
                "id_str": str(n),
                "created_at": f"Mon Feb 0{n} 08:00:00 +0000 2026",
                "full_text": words + (" tomorrow." if n == 2 else "."),
            }
        }
        for n in (1, 2)
    ]
    archive = tmp_path / "twitter" / "data"
    archive.mkdir(parents=True)
    (archive / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(posts))
    (report,) = imports(new_workspace(tmp_path / "ws"), tmp_path / "twitter")
    assert [w.status for w in report.written] == ["imported", SAME_WORDS]
