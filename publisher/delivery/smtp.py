"""One SMTP connection, reused for many messages, and what each reply means for the ledger.

The one question a crash-safe sender must answer is "could the server have the message?".
After the final "." of DATA has left, a lost connection or a missing reply leaves it
unknowable, so such a message is `unknown`, never retried blindly; before that point a
socket error means the server cannot have it, and it is safe to try again later.

Opening a connection (connect, EHLO, STARTTLS, AUTH) either succeeds or raises
`ServerUnavailable` naming the host, the port, the step, the server's reply and what to
check: a send opens one first and stops at once on a wrong setting; a connection lost in
the middle of a send only defers the message at hand.
"""

from __future__ import annotations

import re
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from ..errors import Problem, PublisherError
from .settings import DeliverySettings

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

State = Literal["sent", "deferred", "failed", "unknown", "skipped"]
_PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9.-]+\Z")


@dataclass(frozen=True)
class Outcome:
    state: State
    code: int | None
    text: str
    slow_down: bool = False  # 421/454: the server asks us to back off
    # a new connection was refused with 421/454 (too many open): the copy never reached the
    # server and goes again on the next connection, without a retry's delay
    connection_refused: bool = False
    suppress: bool = False  # a permanent refusal: never send to this address again


def classify(code: int, text: str) -> Outcome:
    if 200 <= code < 300:
        return Outcome("sent", code, text)
    if code in (421, 454):
        return Outcome("deferred", code, text, slow_down=True)
    if 400 <= code < 500 or code == 552:  # 552: mailbox full, often temporary
        return Outcome("deferred", code, text)
    if 500 <= code < 600 and _REFUSES_US.search(text):
        return Outcome("deferred", code, f"{text} (the server refuses us, not the address)")
    if 500 <= code < 600:
        return Outcome("failed", code, text, suppress=True)
    return Outcome("deferred", code, text)  # smtplib's -1: no reply at all


def classify_message(code: int, text: str) -> Outcome:
    """The reply to DATA or to the message: its one recipient was accepted already, so a
    permanent refusal here is about the message (its content, the account's sandbox),
    never a reason to stop mailing the address."""
    outcome = classify(code, text)
    return replace(outcome, suppress=False)


# A refusal about who sends, not about the address: the server publisher sends through
# refuses every reader alike, so none is marked bounced; retried in the retry window, and
# a run of them pauses the send until the settings or the account are mended. RFC 3463's
# 5.7.x, security or policy ("5.7.1 Relay access denied", "5.7.0 Authentication
# required"; a server without enhanced codes says "relaying denied"); a sending quota
# used up (Gmail's "5.4.5 Daily user sending limit exceeded"); a sender the login may not
# use (Postfix's "Sender address rejected"); an account still in Amazon SES's sandbox
# ("Email address is not verified").
_REFUSES_US = re.compile(
    r"^\s*5\.(?:7\.\d{1,3}|4\.5)\b|\brelay(?:ing)?\b[^.]*\b(?:denied|not permitted|refused)|"
    r"\bunable to relay\b|\bauthentication required\b|\bsending (?:limit|quota)\b|"
    r"\bsender address rejected\b|\bemail address is not verified\b",
    re.IGNORECASE,
)


# A refusal of MAIL FROM until the connection is encrypted (RFC 3207's 530, RFC 5248's
# 5.7.10 "Encryption needed"), or logged in (RFC 4954's 530 5.7.0).
_WANTS_TLS = re.compile(r"\bSTARTTLS\b|\b5\.7\.1[01]\b|\bencryption\b|\bTLS\b", re.IGNORECASE)
_WANTS_LOGIN = re.compile(r"\bauthentication required\b|\b5\.7\.0 auth", re.IGNORECASE)


class SenderRefused(PublisherError):
    """The server will not take mail from our envelope sender at all: stop the send."""


class ServerUnavailable(PublisherError):
    """The SMTP server cannot be reached, secured or logged in to. `transient`: it may work
    again later (refused or lost connection, a 4xx reply), so a send already under way
    defers the message at hand rather than stopping."""

    transient: bool = False
    reason: str = ""  # one line for the ledger
    code: int | None = None  # the server's reply code, when it replied


@dataclass(frozen=True)
class Step:
    """One step of opening a connection, and what the server answered."""

    name: str  # connect, TLS, EHLO, STARTTLS, AUTH
    reply: str


class _TracksEndOfData(smtplib.SMTP):
    """Remembers whether the end-of-DATA marker left us: past it, the server may have the
    message. Keeps the server's greeting too, which smtplib does not. (A mixin: before
    SMTP_SSL in _SMTPSSL's bases, its super() is SMTP_SSL.)"""

    data_sent = False
    greeting = ""

    def connect(
        self,
        host: str = "localhost",
        port: int = 0,
        source_address: tuple[Any, ...] | str | ReadableBuffer | None = None,  # as smtplib's
    ) -> tuple[int, bytes]:
        code, reply = super().connect(host, port, source_address)
        self.greeting = f"{code} {_first_line(reply)}"
        # The end-of-data marker is a few bytes sent on their own after the body: without
        # this, Nagle's algorithm would hold them until the body's last bytes are acked.
        if self.sock is not None:
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return code, reply

    # smtplib's mail() and rcpt() run every address through email.utils.parseaddr to
    # find the addr-spec in "Name <addr>": more CPU than composing the copy. The sender's
    # addresses are bare addr-specs already; anything else still takes smtplib's way.
    def mail(self, sender: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        if options or not _PLAIN_ADDRESS.match(sender):
            return super().mail(sender, options)
        self.putcmd("mail", f"FROM:<{sender}>")
        return self.getreply()

    def rcpt(self, recip: str, options: Sequence[str] = ()) -> tuple[int, bytes]:
        if options or not _PLAIN_ADDRESS.match(recip):
            return super().rcpt(recip, options)
        self.putcmd("rcpt", f"TO:<{recip}>")
        return self.getreply()

    def data(
        self, msg: ReadableBuffer | str, before_end: Callable[[], None] = lambda: None
    ) -> tuple[int, bytes]:
        """smtplib's DATA, the same bytes on the wire, but the end-of-data marker waits for
        `before_end`: what must be done before the server may take the message overlaps
        the server reading it. Dot-stuffing, a regular expression tried at every byte in
        smtplib, is bytes.replace here: for 45 KB that was more CPU than the rest of a
        copy's work together."""
        if not isinstance(msg, bytes):
            raise TypeError("a message to send is bytes")
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        stuffed = msg.replace(b"\n.", b"\n..")  # every line that starts with a dot
        if stuffed.startswith(b"."):
            stuffed = b"." + stuffed
        self.send(stuffed if stuffed.endswith(b"\r\n") else stuffed + b"\r\n")
        try:
            before_end()
        except BaseException:
            self.close()  # the message never ends: the server drops it
            raise
        self.send(b".\r\n")
        self.data_sent = True
        return self.getreply()


class _SMTP(_TracksEndOfData):
    pass


class _SMTPSSL(_TracksEndOfData, smtplib.SMTP_SSL):
    pass


def _reply_text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _first_line(reply: bytes | str) -> str:
    return _reply_text(reply).strip().splitlines()[0] if _reply_text(reply).strip() else ""


class Connection:
    """Opens lazily, stays open between messages, reopens after the server drops it."""

    def __init__(self, settings: DeliverySettings, password: str | None) -> None:
        self._settings = settings
        self._password = password
        self._smtp: _SMTP | _SMTPSSL | None = None
        self.messages = 0  # accepted over the current connection
        self.steps: list[Step] = []  # how the current connection was opened
        # A server's limit of messages per connection, once it has shown it twice (a
        # restart's 421 comes after any number of them): we reconnect before reaching it.
        self.limit: int | None = None
        self._closed_after: set[int] = set()  # messages a 421-closed connection had carried

    @property
    def server(self) -> str:
        """host:port, as the editor configured them."""
        host = self._settings.smtp_host
        return f"[{host}]:{self._settings.port}" if ":" in host else f"{host}:{self._settings.port}"

    def open(self, envelope_from: str | None = None) -> list[Step]:
        """Connect now, exactly as a send does, and say what the server answered at each step;
        ServerUnavailable when any step fails. With `envelope_from`, MAIL FROM it and RSET:
        SenderRefused when the server takes no mail from us (a server that wants STARTTLS
        or a login first says so only here)."""
        if self._smtp is None:
            self._connect()
        if envelope_from is not None:
            self._try_sender(envelope_from)
        return self.steps

    def _try_sender(self, envelope_from: str) -> None:
        smtp = self._smtp
        assert smtp is not None
        try:
            code, reply = smtp.mail(envelope_from)
            self._note("MAIL", f"{code} {_first_line(reply)} (from {envelope_from}), then RSET")
            if code == 421:  # closing: busy, or limiting connections
                raise smtplib.SMTPResponseException(code, reply)
            if code >= 500:
                self._refused_sender(code, _reply_text(reply))
            smtp.rset()
        except (smtplib.SMTPException, OSError) as exc:
            self._drop()
            raise self._unavailable("MAIL", exc) from None

    def transmit(
        self,
        envelope_from: str,
        recipient: str,
        message: bytes,
        before_data: Callable[[], bool] = lambda: True,
        before_end: Callable[[], None] = lambda: None,
    ) -> Outcome:
        """One SMTP transaction. `before_data` runs once the recipient is accepted, right
        before the message goes out; False cancels it (RSET) as `skipped`. `before_end`
        runs once the message's body is sent, right before the end-of-data marker. A reused
        connection that turns out to be dead, or that the server closes with a 421 after it
        carried messages (a per-connection limit, a restart), is reopened once: servers close
        idle or busy connections, and the message at hand did not reach them."""
        if self.limit and self.messages >= self.limit:
            self.close()
        reused = self._smtp is not None
        carried = self.messages if reused else 0
        steps = (before_data, before_end)
        outcome = self._transaction(envelope_from, recipient, message, *steps)
        closed = outcome.code == 421 and carried > 0
        if closed:
            self._learn_limit(carried)
        if reused and outcome.state == "deferred" and (outcome.code is None or closed):
            outcome = self._transaction(envelope_from, recipient, message, *steps)
        return outcome

    def _learn_limit(self, carried: int) -> None:
        """A 421 after `carried` messages twice: the server's limit per connection."""
        if carried in self._closed_after:
            self.limit = min(carried, self.limit or carried)
        self._closed_after.add(carried)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None

    def _transaction(
        self,
        envelope_from: str,
        recipient: str,
        message: bytes,
        before_data: Callable[[], bool],
        before_end: Callable[[], None],
    ) -> Outcome:
        try:
            smtp = self._smtp or self._connect()
        except ServerUnavailable as exc:
            if exc.transient:
                return _refused_connection(exc)
            raise
        smtp.data_sent = False
        try:
            code, reply = smtp.mail(envelope_from)
            if code != 250:
                return self._refused_sender(code, _reply_text(reply))
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                return self._reset(classify(code, _reply_text(reply)))
            if not before_data():
                return self._reset(Outcome("skipped", None, "no longer subscribed"))
            code, reply = smtp.data(message, before_end)
        except smtplib.SMTPDataError as exc:  # DATA itself was refused: nothing was sent
            return self._reset(classify_message(exc.smtp_code, _reply_text(exc.smtp_error)))
        except (smtplib.SMTPException, OSError) as exc:
            sent = smtp.data_sent
            self._drop()
            if sent:
                return Outcome("unknown", None, f"no reply after the message: {_describe(exc)}")
            return Outcome("deferred", None, f"connection lost: {_describe(exc)}")
        outcome = classify_message(code, _reply_text(reply))
        if outcome.state == "sent":
            self.messages += 1
            return outcome
        return self._reset(outcome)

    def _refused_sender(self, code: int, text: str) -> Outcome:
        if code >= 500:
            self._reset(Outcome("failed", code, text))
            raise self._sender_refused(code, text)
        return self._reset(classify(code, text))

    def _sender_refused(self, code: int, text: str) -> SenderRefused:
        """A 5xx to MAIL FROM, and its fix: most often not the sender at all but a server
        that takes mail only over TLS (530 Must issue a STARTTLS command first) or from a
        logged-in user (530 5.7.0 Authentication required)."""
        settings, keys = self._settings, "[delivery] in publisher.toml"
        offers_tls = any("STARTTLS" in s.reply for s in self.steps if s.name == "EHLO")
        plain = settings.smtp_security == "none"
        if plain and _WANTS_TLS.search(text):
            what = "takes mail only over TLS"
            hint = f'set smtp_security = "starttls" in {keys}'
            hint += "" if offers_tls else ' (or "ssl", usually port 465)'
        elif code == 530 or _WANTS_LOGIN.search(text):
            what = "takes mail only from a logged-in user"
            if self._password is not None:
                hint = f"check that {settings.smtp_username!r} may send mail through this server"
            else:
                hint = (
                    f"set smtp_username in {keys} and the password in ${settings.smtp_password_env}"
                )
                if offers_tls and plain:
                    hint += '; many servers offer login only with smtp_security = "starttls"'
        else:
            what = "refuses our envelope sender"
            hint = (
                "check [email] from / [delivery] envelope_from and that this server"
                " may send for that domain"
            )
        message = f"the SMTP server {self.server} {what}: {code} {text}"
        return SenderRefused(Problem(message, hint=hint))

    def _reset(self, outcome: Outcome) -> Outcome:
        """RSET after a refusal keeps the connection usable; 421 means it is closing."""
        if self._smtp is None:
            return outcome
        if outcome.code == 421:
            self._drop()
            return outcome
        try:
            self._smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._drop()
        return outcome

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None

    def _connect(self) -> _SMTP | _SMTPSSL:
        settings = self._settings
        host, port, timeout = settings.smtp_host, settings.port, settings.timeout
        self.steps = []
        step = "connect"
        smtp: _SMTP | _SMTPSSL | None = None
        try:
            if settings.smtp_security == "ssl":
                step = "TLS"
                smtp = _SMTPSSL(host, port, timeout=timeout, context=ssl.create_default_context())
                self._note("TLS", f"{smtp.greeting}; {_tls(smtp)}")
            else:
                smtp = _SMTP(host, port, timeout=timeout)
                self._note("connect", smtp.greeting)
            step = "EHLO"
            self._ehlo(smtp)
            if settings.smtp_security == "starttls":
                step = "STARTTLS"
                code, reply = smtp.starttls(context=ssl.create_default_context())
                self._note("STARTTLS", f"{code} {_first_line(reply)}; {_tls(smtp)}")
                step = "EHLO"
                self._ehlo(smtp)
            else:
                self._note("STARTTLS", f"not used (smtp_security = {settings.smtp_security})")
            step = "AUTH"
            if self._password is None:
                self._note("AUTH", "not used (no smtp_username)")
            else:
                code, reply = smtp.login(settings.smtp_username, self._password)
                self._note("AUTH", f"{code} {_first_line(reply)} (as {settings.smtp_username})")
        except (smtplib.SMTPException, OSError) as exc:
            if smtp is not None:
                smtp.close()
            raise self._unavailable(step, exc) from None
        except BaseException:
            if smtp is not None:
                smtp.close()
            raise
        self._smtp, self.messages = smtp, 0
        return smtp

    def _ehlo(self, smtp: _SMTP | _SMTPSSL) -> None:
        code, reply = smtp.ehlo()
        if code != 250:
            raise smtplib.SMTPHeloError(code, reply)
        offers = ", ".join(
            f"{name.upper()} {value.strip()}" if name == "auth" else name.upper()
            for name, value in smtp.esmtp_features.items()
        )
        self._note(
            "EHLO", f"{code} {_first_line(reply)}" + (f"; offers {offers}" if offers else "")
        )

    def _note(self, name: str, reply: str) -> None:
        self.steps.append(Step(name, reply))

    def _unavailable(self, step: str, exc: BaseException) -> ServerUnavailable:
        """What went wrong at `step`, for the editor: the server, its reply, what to check."""
        settings, server = self._settings, self.server
        keys = "[delivery] in publisher.toml"
        transient = False
        error_code: int | None = None
        if isinstance(exc, smtplib.SMTPAuthenticationError):
            reply = f"{exc.smtp_code} {_reply_text(exc.smtp_error)}"
            what = f"refused our login as {settings.smtp_username!r}: {reply}"
            hint = (
                f"check smtp_username in {keys} and the password in ${settings.smtp_password_env}"
            )
            transient = 400 <= exc.smtp_code < 500
        elif isinstance(exc, smtplib.SMTPNotSupportedError) and step == "STARTTLS":
            what = "does not offer STARTTLS"
            hint = (
                'if it expects TLS from the first byte (usually port 465), set smtp_security = "ssl"'
                f' in {keys}; "none" sends mail and password unencrypted'
            )
        elif step == "AUTH" and (
            isinstance(exc, smtplib.SMTPNotSupportedError) or type(exc) is smtplib.SMTPException
        ):
            # AUTH not offered at all, or no method in common with smtplib's (smtplib's
            # errors are OSErrors: a dropped connection is SMTPServerDisconnected, below)
            said = next((s.reply for s in reversed(self.steps) if s.name == "EHLO"), "")
            what = f"offers no login we can use ({exc}); its EHLO said {said}"
            hint = (
                "many servers offer AUTH only over TLS: use smtp_security = starttls or ssl;"
                f" or remove smtp_username from {keys} if this server needs no login"
            )
        elif isinstance(exc, smtplib.SMTPResponseException):
            error_code = exc.smtp_code
            reply = f"{exc.smtp_code} {_reply_text(exc.smtp_error)}"
            what = f"refused {step}: {reply}"
            transient = 400 <= exc.smtp_code < 500
            hint = "the server is busy or limiting connections: try again later"
            if not transient:
                hint = f"check smtp_host, smtp_port and smtp_security in {keys}"
        elif isinstance(exc, ssl.SSLCertVerificationError):
            what = f"sent a certificate we cannot trust ({exc.verify_message})"
            hint = (
                "smtp_host must be the name on the server's certificate (not an IP address"
                " or an alias), and the certificate must be signed by a known authority"
            )
        elif isinstance(exc, ssl.SSLError):
            what = f"failed the TLS handshake ({exc.reason or exc})"
            hint = (
                f'is smtp_security right for port {settings.port}? "ssl" is usually port 465,'
                ' "starttls" port 587'
            )
        elif _timed_out(exc):
            what = f"did not answer within {settings.timeout:g} s ([delivery] timeout) at {step}"
            hint = f"check smtp_host and smtp_port in {keys}, and that a firewall lets us through"
            transient = True
        else:  # refused, unreachable, unknown host, connection dropped
            what = (
                f"cannot be reached ({_describe(exc)})"
                if step in ("connect", "TLS") and not isinstance(exc, smtplib.SMTPException)
                else f"closed the connection at {step} ({_describe(exc)})"
            )
            hint = (
                f"check smtp_host and smtp_port in {keys} (smtp_security ="
                f" {settings.smtp_security} uses port {_default_port(settings)} when smtp_port"
                " is not set), and that the server is running"
            )
            transient = not isinstance(exc, socket.gaierror)
        error = ServerUnavailable(Problem(f"the SMTP server {server} {what}", hint=hint))
        error.transient, error.code = transient, error_code
        error.reason = f"SMTP server {server} {what}"
        return error


def _refused_connection(exc: ServerUnavailable) -> Outcome:
    """A copy deferred because its connection could not be opened. A 421 or 454 to the
    greeting, EHLO or STARTTLS is the server limiting connections or busy: the send slows down,
    and the copy, which it never saw, goes again on the next connection."""
    if exc.code in (421, 454):
        return Outcome("deferred", exc.code, exc.reason, slow_down=True, connection_refused=True)
    return Outcome("deferred", None, exc.reason)


def _default_port(settings: DeliverySettings) -> int:
    return DeliverySettings(smtp_security=settings.smtp_security).port


def _tls(smtp: smtplib.SMTP) -> str:
    """The TLS version agreed, e.g. TLSv1.3."""
    version = smtp.sock.version() if isinstance(smtp.sock, ssl.SSLSocket) else None
    return version or "TLS"


def _timed_out(exc: BaseException) -> bool:
    """smtplib turns a reply that never came into SMTPServerDisconnected: look beneath."""
    return isinstance(exc, TimeoutError) or isinstance(exc.__context__, TimeoutError)


def _describe(exc: BaseException) -> str:
    if _timed_out(exc):
        return "timed out"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
