"""Signed, timestamped links: unsubscribe (per subscriber and issue) and confirm (single use).

itsdangerous signs with HMAC-SHA256 and checks signatures in constant time. The salt
names the purpose and the list (its List-Id): a confirm token can never be replayed as an
unsubscribe one, nor a link of one list on another list that shares the secret key.

The List-Id follows the title and the domain, which an editor may change; the links in
the issues already sent must keep working then. So the list's database records each List-Id
it has signed links for, and a link signed for any of them is read.

A new secret key, though, can read none of them: each send records a fingerprint of its key
(a keyed hash, never the key), and a key that is not the last send's is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from slugify import slugify

from ..errors import PublisherError
from .settings import DeliverySettings
from .store import Database, now_iso, transaction

if TYPE_CHECKING:
    from ..config import Config

# Subscriber id of unsubscribe links that unsubscribe nobody: in `publisher send --to` test
# copies (proofs), whoever they go to, and in a dry run's check copy.
NOBODY = 0


class InvalidToken(Exception):
    """A link that was not made by us, was altered, or has expired."""

    def __init__(self, reason: str, expired: bool = False) -> None:
        super().__init__(reason)
        self.expired = expired


@dataclass(frozen=True)
class UnsubscribeClaim:
    subscriber_id: int
    issue: str  # the issue whose link was used


@dataclass(frozen=True)
class ConfirmClaim:
    subscriber_id: int
    digest: str  # identifies this one link's payload in the used_tokens table
    signed_at: dt.datetime  # when the link was made (UTC, to the second)

    def predates(self, status_since: str) -> bool:
        """Whether the address's status changed after this link was made (`status_since`:
        its `updated_at`): the link answered a request that is over (confirmed by another
        link, or left since), and must not bring the address back. The same second counts
        as before: a link is made in the second its request set the status."""
        return dt.datetime.fromisoformat(status_since) > self.signed_at


def list_identity(config: Config) -> str:
    """The list's List-Id (RFC 2919), as the email renderer writes it: '<title>.<domain>'."""
    return f"{slugify(config.title)}.{config.domain}"


def known_identities(db: Database, list_id: str) -> list[str]:
    """Records `list_id` as one the list signs links for; returns every one it has had."""
    with transaction(db):
        if not db.execute("SELECT 1 FROM list_identities WHERE list_id = ?", (list_id,)).fetchone():
            db.execute(
                "INSERT INTO list_identities (list_id, first_used_at) VALUES (?, ?)",
                (list_id, now_iso()),
            )
    return [row[0] for row in db.tuples("SELECT list_id FROM list_identities ORDER BY list_id")]


def key_fingerprint(secret: str) -> str:
    """What the list records of the key that signed a send: it tells keys apart and, being
    keyed by the key itself, gives nothing away about it."""
    return hmac.new(secret.encode(), b"publisher signing key", hashlib.sha256).hexdigest()[:16]


def refuse_another_key(db: Database, secret: str, variable: str) -> None:
    """A key that is not the one the last send signed with: every unsubscribe link in the
    issues sent would stop working (a page of "this link is not valid"), with no warning."""
    last = db.execute(
        "SELECT issue, started_at, key_fingerprint FROM sends"
        " WHERE key_fingerprint IS NOT NULL ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if last is None or last["key_fingerprint"] == key_fingerprint(secret):
        return
    raise PublisherError.at(
        f"${variable} is not the key that signed the unsubscribe links of issue"
        f" {last['issue']} (sent {last['started_at'][:10]}): with this one, none of the links already sent would work",
        hint=f"set ${variable} back to the key you used then (keep it in a file, as README"
        " shows, so a new terminal has it too); only if it is lost for good, send the next"
        " issue with 'publisher send ISSUE --new-key', and readers of earlier issues"
        " unsubscribe by writing to you",
    )


class Tokens:
    def __init__(
        self,
        secret: str,
        settings: DeliverySettings,
        list_id: str,
        earlier: Sequence[str] = (),
    ) -> None:
        """Signs for `list_id`; reads links signed for it or for an `earlier` List-Id."""
        identities = [list_id, *(other for other in earlier if other != list_id)]

        def serializers(purpose: str) -> list[URLSafeTimedSerializer]:
            return [
                URLSafeTimedSerializer(
                    secret,
                    salt=f"publisher-{purpose} {identity}",
                    signer_kwargs={"digest_method": hashlib.sha256},
                )
                for identity in identities
            ]

        self.fingerprint = key_fingerprint(secret)
        self._unsubscribe = serializers("unsubscribe")
        self._confirm = serializers("confirm")
        self._unsubscribe_age = settings.unsubscribe_link_days * 86400
        self._confirm_age = settings.confirm_link_hours * 3600

    @classmethod
    def for_list(cls, config: Config, db: Database, new_key: bool = False) -> Tokens:
        """The workspace's tokens: its secret key (from the environment), bound to its list
        as it is named now and reading the links made under the names it had. Not inside a
        transaction: the List-Id is recorded in one of its own. A key other than the one
        the last send signed with is refused, unless `new_key` (the old one is lost)."""
        secret = config.delivery.secret_key()
        if not new_key:
            refuse_another_key(db, secret, config.delivery.secret_key_env)
        list_id = list_identity(config)
        return cls(secret, config.delivery, list_id, known_identities(db, list_id))

    def unsubscribe(self, subscriber_id: int, issue: str) -> str:
        return str(self._unsubscribe[0].dumps([subscriber_id, issue]))

    def read_unsubscribe(self, token: str) -> UnsubscribeClaim:
        subscriber_id, issue, _ = self._load(self._unsubscribe, token, self._unsubscribe_age)
        if not isinstance(subscriber_id, int) or not isinstance(issue, str):
            raise InvalidToken("this link's contents are not an unsubscribe link")
        return UnsubscribeClaim(subscriber_id, issue)

    def confirm(self, subscriber_id: int) -> str:
        return str(self._confirm[0].dumps([subscriber_id, secrets.token_urlsafe(8)]))

    def read_confirm(self, token: str) -> ConfirmClaim:
        subscriber_id, nonce, signed_at = self._load(self._confirm, token, self._confirm_age)
        if not isinstance(subscriber_id, int) or not isinstance(nonce, str):
            raise InvalidToken("this link's contents are not a confirmation link")
        # What was signed, not how it was spelled: base64 lets one signature be written in
        # several ways, so a digest of the token's text would let a used link work again.
        payload = f"{subscriber_id}:{nonce}".encode()
        return ConfirmClaim(subscriber_id, hashlib.sha256(payload).hexdigest(), signed_at)

    @staticmethod
    def _load(
        serializers: list[URLSafeTimedSerializer], token: str, max_age: int
    ) -> tuple[object, object, dt.datetime]:
        """The token's contents and when it was signed, checked against each List-Id the
        list has had."""
        for serializer in serializers:
            try:
                value, signed_at = serializer.loads(token, max_age=max_age, return_timestamp=True)
            except SignatureExpired:  # signed for this one (the signature is checked first)
                raise InvalidToken("this link has expired", expired=True) from None
            except BadSignature:
                continue
            if not isinstance(value, list) or len(value) != 2:
                raise InvalidToken("this link is not valid")
            return value[0], value[1], signed_at
        raise InvalidToken("this link is not valid")
