"""`publisher send ISSUE`: pick up or start the issue's send, run it, report on it.

One send per workspace at a time (a lock file), so recovering rows left `sending` can
never touch the rows of a send that is still running.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import make_msgid
from pathlib import Path

from ..config import Config, load_config
from ..errors import PublisherError
from .built import built_email
from .ledger import Ledger, Send
from .message import DkimSigner, Template
from .sender import Job, Sender, SendProgress
from .smtp import Connection, Outcome
from .store import reporting_errors
from .subscribers import find, normalise_address
from .tokens import NOBODY, Tokens, list_identity


@dataclass(frozen=True)
class SendRequest:
    issue: str
    to: str | None = None  # one test copy to this address; the ledger is not involved
    dry_run: bool = False
    rate: float | None = None  # None: [delivery] rate
    connections: int | None = None
    again: bool = False  # a new send of an issue that was sent already
    resend_unknown: bool = False


@dataclass
class SendReport:
    issue: str
    counts: dict[str, int] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)  # found `sending` after a crash
    unknown: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    paused: str | None = None
    interrupted: bool = False
    resumed: bool = False
    dry_run: bool = False
    test_outcome: Outcome | None = None
    rate_changes: list[float] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not any(self.counts.get(state) for state in ("queued", "deferred", "sending"))


@dataclass(frozen=True)
class Mailing:
    """What every copy of one issue's send is made from."""

    config: Config
    slug: str
    template: Template
    tokens: Tokens
    dkim: DkimSigner | None
    password: str | None

    @property
    def envelope_from(self) -> str:
        return self.config.delivery.envelope_from or self.config.email_from.addr_spec


def send(root: Path, request: SendRequest, progress: SendProgress | None = None) -> SendReport:
    config = load_config(root)
    settings = config.delivery
    built = built_email(config, request.issue)
    template = Template.read(built.path)
    if template.list_id != list_identity(config):
        raise PublisherError.at(
            f"the built email's List-Id <{template.list_id}> is not this list's"
            f" <{list_identity(config)}>: its unsubscribe links would not work",
            built.path,
            hint=f"build it again: 'publisher build {built.slug} --format email'",
        )
    tokens = Tokens.for_list(config)
    dkim = _dkim_signer(config)
    password = None if request.dry_run else settings.smtp_password()
    database = settings.database_path(root)
    mailing = Mailing(config, built.slug, template, tokens, dkim, password)
    with reporting_errors(database):
        if request.to:
            return _send_test(mailing, request)
        with _one_sender_at_a_time(database):
            ledger = Ledger(database, settings.database_timeout)
            try:
                return _send_to_list(mailing, request, ledger, progress)
            finally:
                ledger.close()


def _send_to_list(
    mailing: Mailing,
    request: SendRequest,
    ledger: Ledger,
    progress: SendProgress | None,
) -> SendReport:
    settings = mailing.config.delivery
    report = SendReport(mailing.slug, dry_run=request.dry_run)
    if not request.dry_run:
        report.recovered = ledger.recover_interrupted()
    previous = ledger.latest_send(mailing.slug)
    if previous and previous.finished_at and not (request.again or request.resend_unknown):
        counts = ledger.counts(previous.id)
        raise PublisherError.at(
            f"issue {mailing.slug} was already sent ({counts.get('sent', 0)} sent, finished"
            f" {previous.finished_at})",
            hint="to send it once more to everyone now on the list, add --again"
            + (
                f"; to retry the {counts['unknown']} unknown recipient(s), --resend-unknown"
                if counts.get("unknown")
                else ""
            ),
        )
    if request.dry_run:
        _dry_run(mailing, ledger, previous, request, report)
        return report
    if request.resend_unknown:
        if previous is None:
            raise PublisherError.at(
                f"issue {mailing.slug} has not been sent yet: nothing to resend"
            )
        ledger.reopen_unknown(previous.id)
        current = previous
    elif previous is None or previous.finished_at:
        if not ledger.active_subscribers():
            raise PublisherError.at(
                "there is no active subscriber to send to",
                hint="add some with 'publisher subscribers add' or 'publisher subscribers import'",
            )
        current = ledger.start_send(mailing.slug, mailing.config.domain)
    else:
        current, report.resumed = previous, True
    job = Job(
        database=ledger.path,
        send_id=current.id,
        issue=mailing.slug,
        template=mailing.template,
        tokens=mailing.tokens,
        settings=settings,
        envelope_from=mailing.envelope_from,
        password=mailing.password,
        dkim=mailing.dkim,
        rate=settings.rate if request.rate is None else request.rate,
        connections=request.connections or settings.connections,
    )
    result = Sender(job, progress).run()
    report.paused, report.interrupted = result.paused, result.interrupted
    report.rate_changes = result.rate_changes
    ledger.finish_send_if_done(current.id)
    report.counts = ledger.counts(current.id)
    report.unknown = [
        (r["address"], r["reply_text"] or "") for r in ledger.rows(current.id, "unknown")
    ]
    report.failed = [
        (r["address"], f"{r['reply_code'] or ''} {r['reply_text'] or ''}".strip())
        for r in ledger.rows(current.id, "failed")
    ]
    return report


def _dry_run(
    mailing: Mailing,
    ledger: Ledger,
    previous: Send | None,
    request: SendRequest,
    report: SendReport,
) -> None:
    """What a real run would do, and one personalised (and signed) copy made as a check."""
    if previous is not None and not previous.finished_at and not request.again:
        report.resumed = True
        report.counts = ledger.counts(previous.id)
    else:
        report.counts = {"queued": ledger.active_subscribers()}
    copy = mailing.template.personalise(
        "dry-run@example.org",
        make_msgid("dry-run", mailing.config.domain),
        mailing.tokens.unsubscribe(NOBODY, mailing.slug),
    )
    if mailing.dkim:
        mailing.dkim.sign(copy)


def _send_test(
    mailing: Mailing,
    request: SendRequest,
) -> SendReport:
    """One copy to one address, outside the ledger: for the editor's own inbox. Its
    unsubscribe link works if the address is a subscriber."""
    from .store import open_database

    assert request.to
    try:
        address = normalise_address(request.to)
    except ValueError as exc:
        raise PublisherError.at(f"--to {request.to!r} is not an email address: {exc}") from None
    settings = mailing.config.delivery
    db = open_database(settings.database_path(mailing.config.root), wait=settings.database_timeout)
    try:
        subscriber = find(db, address)
    finally:
        db.close()
    token = mailing.tokens.unsubscribe(subscriber.id if subscriber else NOBODY, mailing.slug)
    message = mailing.template.personalise(
        address, make_msgid(f"test.{mailing.slug}", mailing.config.domain), token
    )
    if mailing.dkim:
        message = mailing.dkim.sign(message)
    report = SendReport(mailing.slug, dry_run=request.dry_run)
    if request.dry_run:
        report.counts = {"queued": 1}
        return report
    connection = Connection(settings, mailing.password)
    try:
        outcome = connection.transmit(mailing.envelope_from, address, message)
    finally:
        connection.close()
    report.test_outcome = outcome
    report.counts = {outcome.state: 1}
    if outcome.state != "sent":
        report.failed = [(address, f"{outcome.code or ''} {outcome.text}".strip())]
    return report


def _dkim_signer(config: Config) -> DkimSigner | None:
    settings = config.delivery
    key = settings.dkim_key()
    if key is None:
        return None
    signer = DkimSigner(
        settings.dkim_selector, settings.dkim_domain or config.email_from.domain, key
    )
    signer.sign(b"From: a@example.org\r\nSubject: key check\r\n\r\n")  # a bad key fails here
    return signer


@contextmanager
def _one_sender_at_a_time(database: Path) -> Iterator[None]:
    lock_path = database.with_name(database.name + ".send-lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublisherError.at(
                "another 'publisher send' is running on this subscriber list",
                lock_path,
                hint="wait for it to finish (or stop it with Ctrl-C), then run this again",
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
