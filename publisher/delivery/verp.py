"""VERP: each subscriber's copy goes out with its own envelope sender, bounces+TOKEN@domain,
so a bounce or an auto-reply says whose address failed without reading its text.

TOKEN is the subscriber id and a truncated HMAC-SHA256 of it, keyed by the list's secret
and bound to the bounce address: nobody can make one up to get someone else suppressed.
It is lower-case base36/base32 only, because some mail systems change the case of local
parts, and at most 30 octets, so with a 24-octet local part it stays within the 64 that
RFC 5321 allows.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import lru_cache
from typing import TYPE_CHECKING

from .settings import DeliverySettings

if TYPE_CHECKING:
    from ..config import Config

DELIMITER = "+"  # Postfix's and Exim's default recipient delimiter
_MAC_BYTES = 10  # 80 bits: 16 base32 characters


class Verp:
    """Encodes and reads the VERP addresses of one bounce address."""

    def __init__(self, bounce_address: str, secret: str) -> None:
        local, _, domain = bounce_address.rpartition("@")
        self.local, self.domain = local, domain
        label = f"publisher-verp {bounce_address.lower()}".encode()
        self._key = hmac.new(secret.encode(), label, hashlib.sha256).digest()

    def address(self, subscriber_id: int) -> str:
        return f"{self.local}{DELIMITER}{self.token(subscriber_id)}@{self.domain}"

    def token(self, subscriber_id: int) -> str:
        return f"{_base36(subscriber_id)}-{self._mac(subscriber_id)}"

    def is_ours(self, address: str) -> bool:
        """Addressed to the bounce address, with or without a token (a valid one or not)."""
        local, _, domain = address.strip().strip("<>").rpartition("@")
        if domain.lower() != self.domain.lower():
            return False
        local = local.lower()
        return local == self.local.lower() or local.startswith(self.local.lower() + DELIMITER)

    def subscriber(self, address: str) -> int | None:
        """The subscriber id a VERP address carries, or None if it is not one of ours or its
        token was not made with our key."""
        if not self.is_ours(address):
            return None
        local = address.strip().strip("<>").rpartition("@")[0].lower()
        token = local[len(self.local) + len(DELIMITER) :]
        number, _, mac = token.partition("-")
        try:
            subscriber_id = int(number, 36)
        except ValueError:
            return None
        if not hmac.compare_digest(mac, self._mac(subscriber_id)):
            return None
        return subscriber_id

    def _mac(self, subscriber_id: int) -> str:
        digest = hmac.new(self._key, str(subscriber_id).encode(), hashlib.sha256).digest()
        return base64.b32encode(digest[:_MAC_BYTES]).decode().lower()


def _base36(number: int) -> str:
    if number < 0:
        raise ValueError("subscriber ids are not negative")
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


def for_settings(settings: DeliverySettings) -> Verp | None:
    """The list's VERP, or None when [delivery] bounce_address is not set."""
    if not settings.bounce_address:
        return None
    return _verp(settings.bounce_address, settings.secret_key())


@lru_cache(maxsize=4)
def _verp(bounce_address: str, secret: str) -> Verp:
    return Verp(bounce_address, secret)


def default_envelope_sender(config: Config) -> str:
    """MAIL FROM without VERP: [delivery] envelope_from, or the From address."""
    return config.delivery.envelope_from or config.email_from.addr_spec


def returns_mailbox(config: Config) -> str:
    """Where returned mail arrives, which `publisher bounces` reads: the bounce address with
    VERP, the envelope sender without. Unsubscribe requests by mail are sent there too."""
    return config.delivery.bounce_address or default_envelope_sender(config)


def envelope_sender(settings: DeliverySettings, subscriber_id: int, default: str) -> str:
    """MAIL FROM for one subscriber's copy: their VERP address, or `default` without VERP."""
    verp = for_settings(settings)
    return verp.address(subscriber_id) if verp else default
