"""The examples that end every command's --help, in one table keyed by the command's path
("" is `publisher` itself, "subscribers list" a subcommand). The CLI's group class writes
them as each command's epilog; tests/test_cli.py fails for a command that has none here,
and for an example naming an option its command does not have."""

from __future__ import annotations

import click

# path → ((what it does, the command line), …): one or two each.
EXAMPLES: dict[str, tuple[tuple[str, str], ...]] = {
    "": (
        ("a new newsletter, built at once", "publisher init news && cd news && publisher build"),
        ("work on a workspace from anywhere", "publisher -C ~/newsletter build 42"),
    ),
    "build": (
        ("issue 42's PDF and email only", "publisher build 42 --format pdf,email"),
        (
            "every issue, with A5 booklets to print",
            "publisher build --page-size A5 --impose booklet",
        ),
    ),
    "list": (
        ("the documents (* in no issue yet) and the issues", "publisher list"),
        (
            "each edition's documents: translated, missing or outdated",
            "publisher list --translations",
        ),
    ),
    "preview-email": (
        ("issue 42's email as a phone and a desktop show it", "publisher preview-email 42"),
        ("the Spanish edition's", "publisher preview-email 41 --language es"),
    ),
    "init": (
        ("asks for the title, organisation, site URL, sender and language", "publisher init news"),
        (
            "the same without questions (in a script), for a newsletter in Spanish",
            'publisher init boletin --title "Boletín Obrero" --site-url https://boletin.example.org/'
            " --sender boletin@example.org --language es",
        ),
    ),
    "import": (
        ("two files into documents/, for review", "publisher import statement.docx page.html"),
        ("show what would be imported; write nothing", "publisher import --dry-run pasted.txt"),
    ),
    "check": (
        ("build what is stale, then validate issue 42", "publisher check 42"),
        ("fail on warnings too, as JSON (for CI)", "publisher check --strict --json"),
    ),
    "subscribers": (
        ("add someone who signed up on paper", "publisher subscribers add ana@example.org"),
        ("who is on the list now", "publisher subscribers list --status active"),
    ),
    "subscribers add": (
        (
            "active at once",
            'publisher subscribers add ana@example.org --name "Ana Lima" --language es --tag docks',
        ),
        (
            "pending until they follow the link emailed to them",
            "publisher subscribers add ben@example.org --double-opt-in",
        ),
    ),
    "subscribers remove": (
        ("unsubscribe on their behalf", "publisher subscribers remove ana@example.org"),
    ),
    "subscribers reactivate": (
        (
            "put back a reader bounced by mistake (never one who unsubscribed)",
            'publisher subscribers reactivate ana@example.org --reason "our quota, not her address"',
        ),
    ),
    "subscribers list": (
        ("who bounced, and why", "publisher subscribers list --status bounced"),
        ("every field, for a spreadsheet", "publisher subscribers list --format csv > list.csv"),
    ),
    "subscribers import": (
        ("a spreadsheet saved as CSV", "publisher subscribers import members.csv"),
        (
            "sign-ups to confirm by email",
            'publisher subscribers import signups.csv --double-opt-in --source "May Day stall"',
        ),
    ),
    "subscribers export": (
        ("everyone, whatever their status", "publisher subscribers export backup.csv"),
    ),
    "subscribers migrate": (
        (
            "the list and its history into PostgreSQL",
            "publisher subscribers migrate --to postgresql://publisher@db.example.org/newsletter",
        ),
    ),
    "send": (
        ("log in and count the recipients; send nothing", "publisher send 42 --dry-run"),
        ("one test copy to yourself", "publisher send 42 --to editor@example.org"),
    ),
    "deliveries": (
        ("who got issue 42, its server's reply to each", "publisher deliveries 42"),
        (
            "the failed ones, for a spreadsheet",
            "publisher deliveries 42 --state failed --format csv > failed.csv",
        ),
    ),
    "bounces": (
        ("the bounce address's Maildir", "publisher bounces ~/Maildir/.Bounces"),
        ("[delivery] imap_host's Bounces folder", "publisher bounces imap:Bounces"),
    ),
    "serve": (
        ("preview at http://127.0.0.1:8000/, rebuilt as you edit", "publisher serve"),
        ("any free port, no browser", "publisher serve --port 0 --no-open"),
    ),
    "serve-subscriptions": (
        (
            "behind the web server that proxies /confirm/ and /unsubscribe/",
            "publisher serve-subscriptions --listen 127.0.0.1:8080",
        ),
    ),
}


def command_path(ctx: click.Context) -> str:
    """'subscribers list' for `publisher subscribers list`, '' for `publisher`."""
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name or "")
        ctx = ctx.parent
    return " ".join(reversed(names))


def write_examples(ctx: click.Context, formatter: click.HelpFormatter) -> None:
    """An 'Examples:' section, each a comment line and the command line, kept as written
    (click's \\b: no reflowing)."""
    examples = EXAMPLES.get(command_path(ctx))
    if not examples:
        return
    lines = [line for what, command in examples for line in (f"# {what}", command)]
    with formatter.section("Examples"):
        formatter.write_text("\b\n" + "\n".join(lines))
