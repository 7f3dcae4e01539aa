"""Rotating the key that encrypts network secrets at rest (``manage.py rotate_token_keys``),
end to end: deploy a new key in front of the old one, rotate, drop the old key; every
organisation's tokens and every Mastodon app secret stay usable, and are now readable
with the new key only."""

from io import StringIO
from typing import Any

import pytest
from cryptography.fernet import Fernet, InvalidToken
from django.core.management import CommandError, call_command

from advocacy.accounts.models import Organization
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import MastodonApp, NetworkConnection
from advocacy.networks.providers import get_provider
from advocacy.networks.services import connection_credentials
from advocacy.networks.tokens import TokenDecryptionError, decrypt_token, encrypt_token
from tests.factories import NetworkConnectionFactory

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


@pytest.fixture
def stored(settings: Any, org: Organization, outsider_org: Organization) -> dict[str, Any]:
    """Secrets written while only the old key was configured."""
    settings.TOKEN_ENCRYPTION_KEYS = [OLD]
    return {
        "acme": NetworkConnectionFactory(
            organization=org, access_token=encrypt_token("acme-access"), refresh_token=encrypt_token("acme-refresh")
        ),
        "outsider": NetworkConnectionFactory(
            organization=outsider_org, access_token=encrypt_token("outsider-access"), refresh_token=""
        ),
        "mastodon": MastodonApp.objects.create(
            instance="mastodon.example",
            client_id="client",
            client_secret=encrypt_token("mastodon-secret"),
            redirect_uri="https://advocacy.example/api/v1/connections/mastodon/callback",
            scopes="read write",
        ),
    }


def _rotate() -> str:
    out = StringIO()
    call_command("rotate_token_keys", stdout=out)
    return out.getvalue()


def _fresh(stored: dict[str, Any]) -> dict[str, Any]:
    return {
        name: (type(obj).objects.unscoped() if isinstance(obj, NetworkConnection) else MastodonApp.objects).get(
            pk=obj.pk
        )
        for name, obj in stored.items()
    }


def test_rotation_end_to_end(settings: Any, stored: dict[str, Any], org: Organization) -> None:
    before = _fresh(stored)

    # 1. Deploy the new key in front of the old one: old secrets still read, new ones use it.
    settings.TOKEN_ENCRYPTION_KEYS = [NEW, OLD]
    assert decrypt_token(before["acme"].access_token) == "acme-access"
    assert Fernet(NEW.encode()).decrypt(encrypt_token("fresh").encode()) == b"fresh"

    # 2. Rotate.
    output = _rotate()
    after = _fresh(stored)

    assert output.strip() == "Re-encrypted the tokens of 2 connection(s) and the secrets of 1 Mastodon app(s)."
    assert after["acme"].access_token != before["acme"].access_token
    assert after["mastodon"].client_secret != before["mastodon"].client_secret
    assert after["outsider"].refresh_token == ""  # nothing to encrypt stays nothing
    for ciphertext, plain in [
        (after["acme"].access_token, b"acme-access"),
        (after["acme"].refresh_token, b"acme-refresh"),
        (after["outsider"].access_token, b"outsider-access"),
        (after["mastodon"].client_secret, b"mastodon-secret"),
    ]:
        assert Fernet(NEW.encode()).decrypt(ciphertext.encode()) == plain
        with pytest.raises(InvalidToken):
            Fernet(OLD.encode()).decrypt(ciphertext.encode())

    # 3. Drop the old key: everything is still usable, through the code that posts.
    settings.TOKEN_ENCRYPTION_KEYS = [NEW]
    with tenant_context(org):
        credentials = connection_credentials(after["acme"])
        posted = get_provider("sandbox").post(credentials=credentials, text="After rotation", idempotency_key="k1")
    assert credentials.access_token == "acme-access"
    assert posted.external_id
    assert decrypt_token(after["acme"].refresh_token) == "acme-refresh"
    assert decrypt_token(after["outsider"].access_token) == "outsider-access"
    assert decrypt_token(after["mastodon"].client_secret) == "mastodon-secret"
    # And the old ciphertexts are now dead.
    with pytest.raises(TokenDecryptionError):
        decrypt_token(before["acme"].access_token)


def test_rotating_twice_is_harmless(settings: Any, stored: dict[str, Any]) -> None:
    settings.TOKEN_ENCRYPTION_KEYS = [NEW, OLD]
    _rotate()
    _rotate()
    settings.TOKEN_ENCRYPTION_KEYS = [NEW]

    assert decrypt_token(_fresh(stored)["acme"].access_token) == "acme-access"


def test_a_secret_under_an_unknown_key_is_reported_and_the_rest_rotated(
    settings: Any, stored: dict[str, Any], org: Organization
) -> None:
    settings.TOKEN_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    lost = NetworkConnectionFactory(organization=org, access_token=encrypt_token("lost"))
    settings.TOKEN_ENCRYPTION_KEYS = [NEW, OLD]

    with pytest.raises(CommandError, match=f"1 secret\\(s\\) could not be decrypted.*connection {lost.pk}"):
        _rotate()

    settings.TOKEN_ENCRYPTION_KEYS = [NEW]
    assert decrypt_token(_fresh(stored)["acme"].access_token) == "acme-access"
    assert decrypt_token(_fresh(stored)["mastodon"].client_secret) == "mastodon-secret"
    unchanged = NetworkConnection.objects.unscoped().get(pk=lost.pk)
    assert unchanged.access_token == lost.access_token
