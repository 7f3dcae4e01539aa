"""Network tokens encrypted at rest with MultiFernet.

Keys come from ``TOKEN_ENCRYPTION_KEYS`` (comma-separated Fernet keys, newest first). New
values are encrypted with the first key; any listed key decrypts, so keys rotate by
prepending a new one and running ``manage.py rotate_token_keys``, then removing the old.
"""

import base64
import hashlib
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


class TokenDecryptionError(Exception):
    """A stored token cannot be decrypted with any configured key."""


@lru_cache(maxsize=8)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def configured_keys() -> tuple[str, ...]:
    keys = tuple(key.strip() for key in settings.TOKEN_ENCRYPTION_KEYS if key.strip())
    if keys:
        return keys
    # Development fallback: a key derived from SECRET_KEY (production settings require keys).
    digest = hashlib.sha256(f"tokens:{settings.SECRET_KEY}".encode()).digest()
    return (base64.urlsafe_b64encode(digest).decode(),)


def encrypt_token(value: str) -> str:
    if not value:
        return ""
    return _fernet(configured_keys()).encrypt(value.encode()).decode()


def decrypt_token(value: str) -> str:
    if not value:
        return ""
    try:
        return _fernet(configured_keys()).decrypt(value.encode()).decode()
    except InvalidToken as exc:
        raise TokenDecryptionError("The token was encrypted with a key that is no longer configured.") from exc


def rotate_token(value: str) -> str:
    """Re-encrypt with the newest key (no-op for empty values)."""
    if not value:
        return ""
    try:
        return _fernet(configured_keys()).rotate(value.encode()).decode()
    except InvalidToken as exc:
        raise TokenDecryptionError("The token was encrypted with a key that is no longer configured.") from exc
