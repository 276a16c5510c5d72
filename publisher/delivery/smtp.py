"""One SMTP connection, reused for many messages, and what each reply means for the ledger.

The one question a crash-safe sender must answer is "could the server have the message?".
After the final "." of DATA has left, a lost connection or a missing reply leaves it
unknowable, so such a message is `unknown`, never retried blindly; before that point a
socket error means the server cannot have it, and it is safe to try again later.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..errors import PublisherError
from .settings import DeliverySettings

State = Literal["sent", "deferred", "failed", "unknown", "skipped"]
_END_OF_DATA = b"\r\n.\r\n"


@dataclass(frozen=True)
class Outcome:
    state: State
    code: int | None
    text: str
    slow_down: bool = False  # 421/454: the server asks us to back off
    suppress: bool = False  # a permanent refusal: never send to this address again


def classify(code: int, text: str) -> Outcome:
    if 200 <= code < 300:
        return Outcome("sent", code, text)
    if code in (421, 454):
        return Outcome("deferred", code, text, slow_down=True)
    if 400 <= code < 500 or code == 552:  # 552: mailbox full, often temporary
        return Outcome("deferred", code, text)
    if 500 <= code < 600:
        return Outcome("failed", code, text, suppress=True)
    return Outcome("deferred", code, text)  # smtplib's -1: no reply at all


class SenderRefused(PublisherError):
    """The server will not take mail from our envelope sender at all: stop the send."""


class _TracksEndOfData:
    """Remembers whether the end-of-DATA marker left us: past it, the server may have the message."""

    data_sent = False

    def send(self, s: bytes | str) -> None:
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(_END_OF_DATA):
            self.data_sent = True


class _SMTP(_TracksEndOfData, smtplib.SMTP):
    pass


class _SMTPSSL(_TracksEndOfData, smtplib.SMTP_SSL):
    pass


def _reply_text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


class Connection:
    """Opens lazily, stays open between messages, reopens after the server drops it."""

    def __init__(self, settings: DeliverySettings, password: str | None) -> None:
        self._settings = settings
        self._password = password
        self._smtp: _SMTP | _SMTPSSL | None = None
        self.messages = 0  # sent over the current connection

    def transmit(
        self,
        envelope_from: str,
        recipient: str,
        message: bytes,
        before_data: Callable[[], bool] = lambda: True,
    ) -> Outcome:
        """One SMTP transaction. `before_data` runs once the recipient is accepted, right
        before the message goes out; False cancels it (RSET) as `skipped`. A reused
        connection that turns out to be dead is reopened once: servers close idle or busy
        connections, and nothing reached them yet."""
        reused = self._smtp is not None
        outcome = self._transaction(envelope_from, recipient, message, before_data)
        if reused and outcome.state == "deferred" and outcome.code is None:
            outcome = self._transaction(envelope_from, recipient, message, before_data)
        return outcome

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
    ) -> Outcome:
        try:
            smtp = self._smtp or self._connect()
        except (smtplib.SMTPException, OSError) as exc:
            if isinstance(exc, smtplib.SMTPAuthenticationError):
                raise PublisherError.at(
                    f"the SMTP server refused our login: {exc.smtp_code} {_reply_text(exc.smtp_error)}",
                    hint="check [delivery] smtp_username and the password variable",
                ) from None
            return Outcome("deferred", None, f"cannot connect: {_describe(exc)}")
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
            code, reply = smtp.data(message)
        except smtplib.SMTPDataError as exc:  # DATA itself was refused: nothing was sent
            return self._reset(classify(exc.smtp_code, _reply_text(exc.smtp_error)))
        except (smtplib.SMTPException, OSError) as exc:
            sent = smtp.data_sent
            self._drop()
            if sent:
                return Outcome("unknown", None, f"no reply after the message: {_describe(exc)}")
            return Outcome("deferred", None, f"connection lost: {_describe(exc)}")
        self.messages += 1
        outcome = classify(code, _reply_text(reply))
        if code == 421:
            self._drop()
        return outcome if outcome.state == "sent" else self._reset(outcome)

    def _refused_sender(self, code: int, text: str) -> Outcome:
        if code >= 500:
            self._reset(Outcome("failed", code, text))
            raise SenderRefused.at(
                f"the SMTP server refuses our envelope sender: {code} {text}",
                hint="check [email] from / [delivery] envelope_from and that this server "
                "may send for that domain",
            )
        return self._reset(classify(code, text))

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
            self.messages = 0

    def _connect(self) -> _SMTP | _SMTPSSL:
        settings = self._settings
        host, port, timeout = settings.smtp_host, settings.port, settings.timeout
        smtp: _SMTP | _SMTPSSL
        if settings.smtp_security == "ssl":
            smtp = _SMTPSSL(host, port, timeout=timeout, context=ssl.create_default_context())
        else:
            smtp = _SMTP(host, port, timeout=timeout)
        try:
            smtp.ehlo()
            if settings.smtp_security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if self._password is not None:
                smtp.login(settings.smtp_username, self._password)
        except BaseException:
            smtp.close()
            raise
        self._smtp = smtp
        return smtp


def _describe(exc: BaseException) -> str:
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
