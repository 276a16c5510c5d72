"""`publisher send ISSUE`: pick up or start the issue's send, run it, report on it.

One send per workspace at a time (a lock file), so recovering rows left `sending` can
never touch the rows of a send that is still running. Before anything is queued the SMTP
server is connected to, secured and logged in to, as the send will: a wrong setting stops
it at once, naming the server. `--dry-run` does the same and reports what it found.
"""

from __future__ import annotations

import fcntl
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from email.utils import make_msgid
from pathlib import Path

from ..config import Config, load_config
from ..email_wire import subject_encoded_again
from ..errors import PublisherError
from ..languages import NotALanguage, language_tag
from ..scaffold import postal_placeholder
from ..urls import issue_url
from .audience import Audience, Member, breakdown, edition_for, nobody_matches
from .built import BuiltEmail, built_email, rebuild_command, shown
from .copies import Template
from .dkim_signer import DkimSigner, configured_signer
from .ledger import Ledger, Send, message_id
from .preflight import (
    Preflight,
    dkim_findings,
    local_links,
    on_this_machine,
    page_offline,
    placeholder_warnings,
    unbuilt_links,
    unbuilt_warning,
)
from .sender import Sender, SendJob, SendProgress
from .smtp import Connection, Outcome, SenderRefused, ServerUnavailable, Step
from .store import Location, open_database, reporting_errors
from .subscribers import SeveralAddresses, find, normalise_address
from .tokens import NOBODY, Tokens, list_identity
from .verp import (
    DELIMITER,
    default_envelope_sender,
    envelope_sender,
    for_settings,
    returns_mailbox,
)


@dataclass(frozen=True)
class SendRequest:
    issue: str
    to: str | None = None  # one test copy to this address; the ledger is not involved
    dry_run: bool = False
    rate: float | None = None  # None: [delivery] rate
    connections: int | None = None
    again: bool = False  # a new send of an issue that was sent already
    resend_unknown: bool = False
    tags: tuple[str, ...] = ()  # only subscribers with any of these tags
    language: str | None = (
        None  # only subscribers who read this language (a test copy: its edition)
    )
    new: bool = False  # only subscribers who have not had the issue yet
    check_online: bool = False  # dry run: is the issue's web page up?
    local_links: bool = False  # send although base_url is this machine's own address
    new_key: bool = False  # sign with a secret key other than the last send's (it was lost)


@dataclass
class SendReport:
    issue: str
    counts: dict[str, int] = field(default_factory=dict)
    recovered: list[str] = field(default_factory=list)  # found `sending` after a crash
    unknown: list[tuple[str, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    paused: str | None = None
    interrupted: str = ""  # what stopped the send: "Ctrl-C", a signal; "" if nothing did
    resumed: bool = False
    dry_run: bool = False
    test_outcome: Outcome | None = None
    test_to: str = ""  # the address a test copy went to
    rate_changes: list[float] = field(default_factory=list)
    preflight: Preflight | None = None  # what a dry run found
    nobody_new: str | None = None  # --new found no one: who had it already, in words
    # copies by edition language, the original's marked: sent (a dry run: to be sent)
    by_edition: dict[str, int] = field(default_factory=dict)
    # once a send is complete: active subscribers with no copy of the issue from any send,
    # leaving out those this send failed (a refusal for now that outlasted retry_window),
    # who are still active and counted apart: --new tries them again
    not_reached: int = 0
    failed_active: int = 0

    @property
    def complete(self) -> bool:
        return not any(self.counts.get(state) for state in ("queued", "deferred", "sending"))


@dataclass(frozen=True)
class Mailing:
    """What every copy of one issue's send is made from."""

    config: Config
    slug: str
    template: Template  # the original's
    tokens: Tokens
    dkim: DkimSigner | None
    password: str | None
    built: BuiltEmail
    editions: dict[str, Template] = field(default_factory=dict)  # language → its template

    @property
    def envelope_from(self) -> str:
        return default_envelope_sender(self.config)

    def edition_of(self, member: Member) -> str:
        """The edition a subscriber gets ("": the original); without a language of their
        own they read the newsletter's."""
        return edition_for(
            member.language or self.config.language, self.built.language, self.editions
        )

    def template_of(self, edition: str) -> Template:
        return self.editions[edition] if edition else self.template

    def by_edition(self, counts: dict[str, int]) -> dict[str, int]:
        """Counts by edition ("" the original) → by language, the original's marked, in the
        order the issue lists its languages."""
        names = {"": f"{self.built.language} (original)", **{e: e for e in self.editions}}
        return {names.get(e, e): counts[e] for e in names if counts.get(e)}


def send(root: Path, request: SendRequest, progress: SendProgress | None = None) -> SendReport:
    config = load_config(root.resolve())  # builds record resolved paths
    settings = config.delivery
    built = built_email(config, request.issue)
    template = _template(config, built.slug, built.path)
    editions = {lang: _template(config, built.slug, path) for lang, path in built.editions.items()}
    settings.secret_key()  # each missing secret is named before anything is done
    dkim = configured_signer(config)
    password = settings.smtp_password()  # a dry run logs in too
    database = settings.database_path(config.root)
    with reporting_errors(database):
        tokens = _tokens(config, database, request.new_key)
        mailing = Mailing(config, built.slug, template, tokens, dkim, password, built, editions)
        if request.to:
            return _send_test(mailing, request, progress)
        with _one_sender_at_a_time(database, settings.shared_database):
            ledger = Ledger(database, settings.database_timeout)
            try:
                return _send_to_list(mailing, request, ledger, progress)
            finally:
                ledger.close()


def _tokens(config: Config, database: Location, new_key: bool) -> Tokens:
    """The list's tokens: its current List-Id recorded, so the links sent now keep working
    after the title or domain changes; a key other than the last send's refused unless
    `new_key`."""
    db = open_database(database, wait=config.delivery.database_timeout)
    try:
        return Tokens.for_list(config, db, new_key)
    finally:
        db.close()


def _send_to_list(
    mailing: Mailing,
    request: SendRequest,
    ledger: Ledger,
    progress: SendProgress | None,
) -> SendReport:
    settings = mailing.config.delivery
    mailing = _as_the_ledger_knows_it(mailing, ledger)
    report = SendReport(mailing.slug, dry_run=request.dry_run)
    audience = Audience.chosen(request.tags, request.language, request.new, mailing.config.language)
    if not request.dry_run:
        report.recovered = ledger.recover_interrupted()
    previous = ledger.latest_send(mailing.slug)
    _refuse_a_send_already_made(mailing, request, audience, ledger, previous)
    if previous is None and not (request.again or request.new):
        _refuse_a_renamed_issue_sent_already(mailing, ledger)
    if previous is None and not request.again:
        _refuse_an_issue_sent_before_import(mailing)
    recipients: list[Member] = []
    if not request.resend_unknown and (previous is None or previous.finished_at):
        recipients = _recipients(mailing, audience, ledger, report)
    if request.dry_run:
        _dry_run(mailing, ledger, previous, request, audience, recipients, report)
        return report
    _refuse_links_to_this_machine(mailing, request)
    if report.nobody_new:
        return report
    if progress is not None:  # before anything is queued: the editor may stop here
        for warning in (
            _placeholders(mailing) + _outdated_translations(mailing, recipients) + _unbuilt(mailing)
        ):
            progress.warn(warning)
        for warning in dkim_findings(mailing.dkim, mailing.template.sender.domain)[1]:
            progress.warn(warning)
    _open_or_stop(mailing)  # before anything is queued: a wrong setting changes nothing
    if request.resend_unknown:
        if previous is None:
            raise PublisherError.at(
                f"issue {mailing.slug} has not been sent yet: nothing to resend"
            )
        ledger.reopen_unknown(previous.id)
        current = previous
    elif previous is None or previous.finished_at:
        current, report.resumed = ledger.start_send(
            mailing.slug,
            mailing.config.domain,
            audience,
            after=previous.id if previous else 0,
            edition_of=mailing.edition_of,
            number=mailing.built.number,
        )
    else:
        current, report.resumed = previous, True
    _refuse_editions_no_longer_built(mailing, ledger, current)
    ledger.signed_with(current.id, mailing.tokens.fingerprint)
    job = SendJob(
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
        editions=mailing.editions,
    )
    result = Sender(job, progress).run()
    report.paused, report.interrupted = result.paused, result.interrupted
    report.rate_changes = result.rate_changes
    ledger.finish_send_if_done(current.id)
    report.counts = ledger.counts(current.id)
    report.by_edition = mailing.by_edition(ledger.counts_by_edition(current.id, ("sent",)))
    report.unknown = [
        (r["address"], r["reply_text"] or "") for r in ledger.rows(current.id, "unknown")
    ]
    report.failed = [
        (r["address"], f"{r['reply_code'] or ''} {r['reply_text'] or ''}".strip())
        for r in ledger.rows(current.id, "failed")
    ]
    if report.complete:
        failed = {r["subscriber_id"] for r in ledger.rows(current.id, "failed")}
        waiting = _not_yet_had(mailing, ledger)
        report.not_reached = sum(m.id not in failed for m in waiting)
        report.failed_active = len(waiting) - report.not_reached
    return report


def _as_the_ledger_knows_it(mailing: Mailing, ledger: Ledger) -> Mailing:
    """The mailing under the name the ledger knows its issue by. One sent before Arabic and
    Hebrew names kept their letters went out as 'dd-ldrb', not عدد-الإضراب: under that name
    a send under way goes on and one made is refused, as before, so no one gets it twice."""
    former = mailing.built.former_slug
    if not former or former == mailing.slug or ledger.latest_send(mailing.slug):
        return mailing
    return replace(mailing, slug=former) if ledger.latest_send(former) else mailing


def _not_yet_had(mailing: Mailing, ledger: Ledger) -> list[Member]:
    """The active subscribers no send of the issue has reached (under this name or, its
    manifest renamed, another): after a send to a tag or a language (or a resumed one, which
    kept the recipients it was started with), everyone else; after any send, those who
    joined during it."""
    return ledger.recipients(mailing.slug, Audience(new=True), mailing.built.number)


def _template(config: Config, slug: str, path: Path) -> Template:
    template = Template.read(path, returns_mailbox(config))
    if template.list_id != list_identity(config):
        raise PublisherError.at(
            f"the built email's List-Id <{template.list_id}> is not this list's"
            f" <{list_identity(config)}>: its unsubscribe links would not work",
            path,
            hint=f"build it again: '{rebuild_command(slug)}'",
        )
    return template


def _refuse_links_to_this_machine(mailing: Mailing, request: SendRequest) -> None:
    """A list mailed links to localhost cannot be mailed again with working ones: base_url
    left from trying the archive locally is refused, not warned of as copies go out."""
    base_url = mailing.config.base_url
    if on_this_machine(base_url) and not request.local_links:
        raise PublisherError.at(
            f"not sending issue {mailing.slug}: {local_links(base_url)}",
            hint=f"set base_url in publisher.toml to the web archive's public address, then"
            f" '{rebuild_command(mailing.slug)}' (--local-links sends anyway, to readers on"
            " this machine)",
        )


def _refuse_editions_no_longer_built(mailing: Mailing, ledger: Ledger, current: Send) -> None:
    """A send resumed after the manifest lost an edition: its queued copies of that edition
    have no email to be made from, and sending them the original instead would be a choice
    nobody made."""
    gone = sorted(ledger.editions_to_go(current.id) - {"", *mailing.editions})
    if gone:
        raise PublisherError.at(
            f"issue {mailing.slug}'s send under way still has copies of the {', '.join(gone)}"
            " edition(s) to send, and the issue has no such edition now",
            hint="put the edition back in the manifest's 'editions' and build it, then run"
            " this again",
        )


def _refuse_a_send_already_made(
    mailing: Mailing,
    request: SendRequest,
    audience: Audience,
    ledger: Ledger,
    previous: Send | None,
) -> None:
    """An issue sent already goes again only when told how; an unfinished send is finished
    with the recipients it was started with, never re-chosen halfway."""
    if previous is None:
        return
    slug = mailing.built.slug  # the ledger's name (`mailing.slug`) is in `issue` too
    issue = shown(slug, mailing.slug)
    if not previous.finished_at and audience.narrowed and not request.resend_unknown:
        left = sum(ledger.counts(previous.id).get(s, 0) for s in ("queued", "deferred"))
        raise PublisherError.at(
            f"issue {issue} has a send under way (started {previous.started_at}, {left} still"
            " to go) with its own recipients",
            hint=f"finish it first with 'publisher send {slug}'; then choose new recipients",
        )
    if previous.finished_at and not (request.again or request.resend_unknown or request.new):
        counts = ledger.counts(previous.id)
        waiting = len(_not_yet_had(mailing, ledger))
        raise PublisherError.at(
            f"issue {issue} was already sent ({counts.get('sent', 0)} sent, finished"
            f" {previous.finished_at}); {waiting} active subscriber(s) have not had it",
            hint=f"to send it to the {waiting} who have not had it, add --new;"
            " once more to everyone now on the list, --again"
            + (
                f"; to retry the {counts['unknown']} unknown recipient(s), --resend-unknown"
                if counts.get("unknown")
                else ""
            ),
        )


def _refuse_a_renamed_issue_sent_already(mailing: Mailing, ledger: Ledger) -> None:
    """An issue whose manifest was renamed after it was sent is, to the ledger, a new one:
    sending it would mail everyone again. Its number says it is the same issue, and
    --new sends it to those who had it under neither name."""
    number = mailing.built.number
    if (earlier := ledger.sent_as(number, mailing.slug)) is None:
        return
    waiting = len(_not_yet_had(mailing, ledger))
    raise PublisherError.at(
        f"issue No. {number} was sent already as {earlier.issue} (started"
        f" {earlier.started_at}); {mailing.slug} is its manifest's new name, so sending it"
        " would mail everyone again",
        hint=f"to send it to the {waiting} active subscriber(s) who have not had it, add --new;"
        f" to go on with a send of it left unfinished, name the manifest {earlier.issue}"
        " again; if this is another issue, give it its own number",
    )


def _refuse_an_issue_sent_before_import(mailing: Mailing) -> None:
    """An issue the old platform emailed (its manifest's `sent_by`, written on import) is
    new to the ledger, which cannot tell who had it then: --new would be everyone too."""
    if not (platform := mailing.built.sent_by):
        return
    raise PublisherError.at(
        f"issue {mailing.slug} was sent already by {platform}, before it was imported"
        f" (its manifest says sent_by: {platform})",
        hint="to send it once more to everyone now on the list, add --again",
    )


def _recipients(
    mailing: Mailing, audience: Audience, ledger: Ledger, report: SendReport
) -> list[Member]:
    """Whom a new send goes to. No one is an error, unless everyone chosen has had it."""
    slug = mailing.slug
    recipients = ledger.recipients(slug, audience, mailing.built.number)
    if recipients:
        return recipients
    everyone = ledger.active_subscribers()
    if not everyone:
        raise PublisherError.at(
            "there is no active subscriber to send to",
            hint="add some with 'publisher subscribers add' or 'publisher subscribers import'",
        )
    chosen = Audience(audience.tags, audience.language, False, audience.newsletter_language)
    matching = [m for m in everyone if chosen.takes(m)]
    if not matching:
        raise nobody_matches(chosen, everyone)
    report.nobody_new = (
        f"every one of the {len(matching)} active subscriber(s)"
        + (f" with {chosen.describe()}" if chosen.narrowed else "")
        + f" has had issue {slug} already"
    )
    return []


def _open_or_stop(mailing: Mailing) -> list[Step]:
    """Connect, secure and log in as the send will, then say goodbye: ServerUnavailable
    (naming the server, its reply and what to check) when that cannot be done."""
    settings = mailing.config.delivery
    connection = Connection(settings, mailing.password)
    try:
        return connection.open(envelope_sender(settings, NOBODY, mailing.envelope_from))
    finally:
        connection.close()


def _dry_run(
    mailing: Mailing,
    ledger: Ledger,
    previous: Send | None,
    request: SendRequest,
    audience: Audience,
    recipients: list[Member],
    report: SendReport,
) -> None:
    """What a real run would do, and one personalised (and signed) copy made as a check."""
    if previous is not None and request.resend_unknown:
        recipients = _members_in(ledger, previous, ("unknown",))
        report.counts = {"queued": len(recipients)}
        editions = ledger.counts_by_edition(previous.id, ("unknown",))
    elif previous is not None and not previous.finished_at:
        report.resumed = True
        report.counts = ledger.counts(previous.id)
        recipients = _members_in(ledger, previous, ("queued", "deferred"))
        editions = ledger.counts_by_edition(previous.id, ("queued", "deferred"))
    else:
        report.counts = {"queued": len(recipients)}
        editions = Counter(mailing.edition_of(m) for m in recipients)
    report.by_edition = mailing.by_edition(editions)
    for template in (mailing.template, *mailing.editions.values()):
        copy = template.personalise(
            "dry-run@example.org",
            make_msgid("dry-run", mailing.config.domain),
            mailing.tokens.unsubscribe(NOBODY, mailing.slug),
        )
        if mailing.dkim:
            mailing.dkim.sign(copy)
    report.preflight = _preflight(mailing, request, recipients)
    report.preflight.audience = audience.describe()


def _members_in(ledger: Ledger, send: Send, states: tuple[str, ...]) -> list[Member]:
    """The active subscribers whose rows of `send` are in `states`: whom it would go on with."""
    ids = {row["subscriber_id"] for state in states for row in ledger.rows(send.id, state)}
    return [member for member in ledger.active_subscribers() if member.id in ids]


def _outdated_translations(mailing: Mailing, recipients: list[Member]) -> list[str]:
    """One warning per outdated translation an edition being sent carries (every edition's
    when whom the send goes to is not known yet: one resumed): its readers get a text made
    from an older original. Not a refusal: an urgent send must be able to go out."""
    sent = {mailing.edition_of(m) for m in recipients} if recipients else set(mailing.editions)
    return [
        f"the {edition} edition uses an outdated translation: {original.as_posix()} changed"
        f" after {translation.as_posix()} was made from it, so its {edition} readers get the"
        " earlier text; 'publisher list --translations' shows what to update"
        for edition, translation, original in mailing.built.outdated
        if edition in sent
    ]


def _preflight(mailing: Mailing, request: SendRequest, recipients: list[Member]) -> Preflight:
    """The settings a send would use, the server's answers, and what looks wrong."""
    config, template = mailing.config, mailing.template
    settings = config.delivery
    connection = Connection(settings, mailing.password)
    languages, tags = breakdown(recipients, config.language)
    envelope_said = mailing.envelope_from
    if verp := for_settings(settings):  # each copy's own: say what the send will use
        envelope_said = f"{verp.local}{DELIMITER}<id>-<token>@{verp.domain}, one per subscriber"
        if recipients:
            first = recipients[0]
            envelope_said += f" ({first.address}'s: {verp.address(first.id)})"
    found = Preflight(
        server=connection.server,
        security=settings.smtp_security,
        sender=str(template.sender),
        envelope_from=envelope_said,
        base_url=config.base_url,
        recipients=len(recipients),
        by_language=_most_first(languages),
        by_tag=_most_first(tags),
    )
    found.warnings = _placeholders(mailing)
    if on_this_machine(config.base_url):
        found.warnings.append(f"{local_links(config.base_url)}: {_rebuild_for_base_url(mailing)}")
    found.warnings += _outdated_translations(mailing, recipients) + _unbuilt(mailing)
    found.dkim, misaligned = dkim_findings(mailing.dkim, template.sender.domain)
    found.warnings += misaligned
    if request.check_online:
        page = issue_url(config.base_url, mailing.built.slug)
        offline = page_offline(page, settings.timeout)
        if offline:
            found.warnings.append(
                f"the issue's web page is not online: {offline}; the email links to it"
                " (publish the web archive first)"
            )
    try:
        found.steps = connection.open(envelope_sender(settings, NOBODY, mailing.envelope_from))
    except (ServerUnavailable, SenderRefused) as exc:
        found.steps, found.failure = connection.steps, exc
    finally:
        connection.close()
    return found


def _rebuild_for_base_url(mailing: Mailing) -> str:
    return (
        f"set it in publisher.toml, then '{rebuild_command(mailing.slug)}'"
        " (and publish the web archive there)"
    )


def _placeholders(mailing: Mailing) -> list[str]:
    """One warning per value `publisher init` wrote for the editor to replace that is still
    there: addresses and base_url at example.org, and the postal address every footer shows."""
    config, template = mailing.config, mailing.template
    envelope, envelope_setting = mailing.envelope_from, "envelope_from"
    if for_settings(config.delivery):
        envelope, envelope_setting = config.delivery.bounce_address, "bounce_address"
    rebuild = f"set it in publisher.toml, then '{rebuild_command(mailing.slug)}'"
    named = {
        "the sender (From)": (template.sender.addr_spec, f"[email] from: {rebuild}"),
        "base_url": (config.base_url, _rebuild_for_base_url(mailing)),
    }
    if template.reply_to:
        named["Reply-To"] = (template.reply_to.addr_spec, f"[email] reply_to: {rebuild}")
    if envelope != template.sender.addr_spec:
        named["the envelope sender"] = (envelope, f"set [delivery] {envelope_setting}")
    warnings = placeholder_warnings(named)
    if postal := postal_placeholder(config.contact):
        warnings.append(
            f"[organisation] contact in publisher.toml is still the placeholder {postal!r}"
            " publisher init wrote where the postal address goes, which every email's footer"
            " shows (bulk mail must give one): write the organisation's postal address"
            f" there, then '{rebuild_command(mailing.slug)}'"
        )
    return warnings


def _unbuilt(mailing: Mailing) -> list[str]:
    """A warning when the pictures and pages the email links to are not in dist/: the email
    build alone does not make them. Not a refusal: the archive may be published from
    another machine, whose dist/ this one never sees."""
    slug, base_url = mailing.built.slug, mailing.config.base_url
    missing: list[str] = []
    for template in (mailing.template, *mailing.editions.values()):
        found = unbuilt_links(
            template.html, base_url, issue_url(base_url, slug), mailing.config.dist_dir
        )
        missing += [path for path in found if path not in missing]
    return [unbuilt_warning(missing, f"{rebuild_command(slug)},web")] if missing else []


def _send_test(
    mailing: Mailing,
    request: SendRequest,
    progress: SendProgress | None,
) -> SendReport:
    """One copy to one address, outside the ledger: for the editor's own inbox, marked as a
    test in its Subject. Its unsubscribe link, where readers have theirs, is nobody's: on a
    proof sent to a subscriber (or forwarded to one) it unsubscribed them."""
    assert request.to
    try:
        address = normalise_address(request.to)
    except SeveralAddresses as exc:
        several = exc.addresses
        raise PublisherError.at(
            f"--to takes one address, and {request.to!r} holds {len(several)}"
            f" ({', '.join(several)})",
            hint=f"send a test copy to each in turn: publisher send {mailing.slug} --to {several[0]}",
        ) from None
    except ValueError as exc:
        raise PublisherError.at(f"--to {request.to!r} is not an email address: {exc}") from None
    settings = mailing.config.delivery
    db = open_database(settings.database_path(mailing.config.root), wait=settings.database_timeout)
    try:
        subscriber = find(db, address)
    finally:
        db.close()
    edition = _test_edition(mailing, request.language, subscriber.language if subscriber else "")
    proof = mailing.template_of(edition).proof(mailing.config.language)
    message = proof.personalise(
        address,
        message_id(f"test.{mailing.slug}", mailing.config.domain),
        mailing.tokens.unsubscribe(NOBODY, mailing.slug),
    )
    message = subject_encoded_again(message, proof.subject)
    if mailing.dkim:
        message = mailing.dkim.sign(message)
    report = SendReport(mailing.slug, dry_run=request.dry_run)
    report.by_edition = mailing.by_edition({edition: 1})
    if request.dry_run:
        report.counts = {"queued": 1}
        member = Member(
            subscriber.id if subscriber else NOBODY,
            address,
            subscriber.language if subscriber else "",
            subscriber.tags if subscriber else (),
        )
        report.preflight = _preflight(mailing, request, [member])
        return report
    if progress is not None:
        for warning in _placeholders(mailing) + _unbuilt(mailing):
            progress.warn(warning)
    connection = Connection(settings, mailing.password)
    try:
        connection.open()  # a wrong setting: ServerUnavailable, naming the server
        outcome = connection.transmit(mailing.envelope_from, address, message)
    finally:
        connection.close()
    report.test_outcome, report.test_to = outcome, address
    report.counts = {outcome.state: 1}
    if outcome.state != "sent":
        report.failed = [(address, f"{outcome.code or ''} {outcome.text}".strip())]
    return report


def _test_edition(mailing: Mailing, language: str | None, subscribers_own: str) -> str:
    """A test copy's edition: the one `--language` names, else the one the address gets
    as a subscriber (the newsletter's language when it is not one: the original)."""
    if not language:
        return edition_for(
            subscribers_own or mailing.config.language, mailing.built.language, mailing.editions
        )
    try:
        wanted = language_tag(language)
    except NotALanguage as exc:
        raise PublisherError.at(f"--language {language!r}: {exc}", hint=exc.hint) from None
    edition = edition_for(wanted, mailing.built.language, mailing.editions)
    if edition or wanted.split("-")[0] == mailing.built.language.split("-")[0]:
        return edition
    raise PublisherError.at(
        f"issue {mailing.slug} has no {wanted} edition",
        hint="its languages: " + ", ".join(mailing.built.languages),
    )


def _most_first(counts: Counter[str]) -> dict[str, int]:
    """Largest first, then by name; '(no tag)' last."""
    return dict(sorted(counts.items(), key=lambda i: (i[0].startswith("("), -i[1], i[0])))


@contextmanager
def _one_sender_at_a_time(database: Location, shared: bool) -> Iterator[None]:
    """SQLite: one send per workspace (a lock file). PostgreSQL: any number, on any
    machine; the ledger's claimers keep them apart."""
    if shared or not isinstance(database, Path):
        yield
        return
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
