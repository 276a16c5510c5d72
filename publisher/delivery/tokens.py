"""Signed, timestamped links: unsubscribe (per subscriber and issue) and confirm (single use).

itsdangerous signs with HMAC-SHA256 and checks signatures in constant time. The salt
names the purpose and the list (its List-Id): a confirm token can never be replayed as an
unsubscribe one, nor a link of one list on another list that shares the secret key.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from slugify import slugify

from .settings import DeliverySettings

if TYPE_CHECKING:
    from ..config import Config

# Subscriber id for copies sent with `publisher send --to` to someone not on the list.
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


def list_identity(config: Config) -> str:
    """The list's List-Id (RFC 2919), as the email renderer writes it: '<title>.<domain>'."""
    return f"{slugify(config.title)}.{config.domain}"


class Tokens:
    def __init__(self, secret: str, settings: DeliverySettings, list_id: str) -> None:
        def serializer(purpose: str) -> URLSafeTimedSerializer:
            return URLSafeTimedSerializer(
                secret,
                salt=f"publisher-{purpose} {list_id}",
                signer_kwargs={"digest_method": hashlib.sha256},
            )

        self._unsubscribe = serializer("unsubscribe")
        self._confirm = serializer("confirm")
        self._unsubscribe_age = settings.unsubscribe_link_days * 86400
        self._confirm_age = settings.confirm_link_hours * 3600

    @classmethod
    def for_list(cls, config: Config) -> Tokens:
        """The workspace's tokens: its secret key (from the environment), bound to its list."""
        return cls(config.delivery.secret_key(), config.delivery, list_identity(config))

    def unsubscribe(self, subscriber_id: int, issue: str) -> str:
        return str(self._unsubscribe.dumps([subscriber_id, issue]))

    def read_unsubscribe(self, token: str) -> UnsubscribeClaim:
        subscriber_id, issue = self._load(self._unsubscribe, token, self._unsubscribe_age)
        if not isinstance(subscriber_id, int) or not isinstance(issue, str):
            raise InvalidToken("this link's contents are not an unsubscribe link")
        return UnsubscribeClaim(subscriber_id, issue)

    def confirm(self, subscriber_id: int) -> str:
        return str(self._confirm.dumps([subscriber_id, secrets.token_urlsafe(8)]))

    def read_confirm(self, token: str) -> ConfirmClaim:
        subscriber_id, nonce = self._load(self._confirm, token, self._confirm_age)
        if not isinstance(subscriber_id, int) or not isinstance(nonce, str):
            raise InvalidToken("this link's contents are not a confirmation link")
        # What was signed, not how it was spelled: base64 lets one signature be written in
        # several ways, so a digest of the token's text would let a used link work again.
        payload = f"{subscriber_id}:{nonce}".encode()
        return ConfirmClaim(subscriber_id, hashlib.sha256(payload).hexdigest())

    @staticmethod
    def _load(
        serializer: URLSafeTimedSerializer, token: str, max_age: int
    ) -> tuple[object, object]:
        try:
            value = serializer.loads(token, max_age=max_age)
        except SignatureExpired:
            raise InvalidToken("this link has expired", expired=True) from None
        except BadSignature:
            raise InvalidToken("this link is not valid") from None
        if not isinstance(value, list) or len(value) != 2:
            raise InvalidToken("this link is not valid")
        return value[0], value[1]
