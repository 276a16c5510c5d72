"""One statement posted on several accounts is imported once: a post whose words a document
an import wrote already holds (the same post, or one cut short for X's length) is that
document's, and the report says so; a post with words the document lacks is written. The
fixtures are three accounts of one organisation (tests/exports/bluesky, twitter,
mastodon), which posted the same statements, as organisations do, each in its own words
now and then.
"""

from __future__ import annotations

from pathlib import Path

from platform_exports import new_workspace

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
    jornaleros = "Los jornaleros de Almería convocan huelga en los invernaderos."
    assert same(from_x) == {jornaleros: "los-jornaleros-de-almeria-convocan-huelga-en-los.md"}
    assert not (
        root / "documents" / "los-jornaleros-de-almeria-convocan-huelga-en-los-2.md"
    ).exists()
    # X's thread ends "<3" where Bluesky's thanks the comrades: each has words of its own
    statements = sorted(p.name for p in (root / "documents").glob("statement-on-the-port*"))
    assert statements == ["statement-on-the-port-dispute-2.md", "statement-on-the-port-dispute.md"]


def test_words_of_their_own_or_too_few_to_tell_are_written(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    _, _, from_mastodon = imports(root, BLUESKY, X, MASTODON)
    # Mastodon's thread asks "every union branch", not "every branch": its own words
    (statement,) = [
        w for w in from_mastodon.written if w.post.title == "Statement on the port dispute"
    ]
    assert (statement.status, statement.document.name) == (
        "imported",
        "statement-on-the-port-dispute-3.md",
    )
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


def test_a_statement_posted_again_whole_or_cut_short_is_written_once_and_an_update_is_kept(
    tmp_path: Path,
) -> None:
    import json

    words = "The strike committee calls every member to the picket at the main gate, where the"
    texts = [
        f"{words} contractor withheld our pay.",
        f"{words} contractor withheld our pay.",  # posted again
        f"{words} contractor withh…",  # cut for length, mid-word
        f"{words} contractor withheld our pay. Update: it paid today.",  # more words
    ]
    posts = [
        {
            "tweet": {
                "id_str": str(n),
                "created_at": f"Mon Feb 0{n} 08:00:00 +0000 2026",
                "full_text": text,
            }
        }
        for n, text in enumerate(texts, start=1)
    ]
    archive = tmp_path / "twitter" / "data"
    archive.mkdir(parents=True)
    (archive / "tweets.js").write_text("window.YTD.tweets.part0 = " + json.dumps(posts))
    (report,) = imports(new_workspace(tmp_path / "ws"), tmp_path / "twitter")
    assert [w.status for w in report.written] == ["imported", SAME_WORDS, SAME_WORDS, "imported"]


def test_the_pools_documents_are_read_for_the_first_question_asked(tmp_path: Path) -> None:
    from publisher.importers.crossposts import PoolWords

    statement = "The strike committee calls every member to the picket at the main gate at six."
    document = tmp_path / "statement.md"
    document.write_text(f"---\ntitle: Statement\n---\n\n{statement}\n")
    assert PoolWords([document]).holding(words_of(statement)) == document
