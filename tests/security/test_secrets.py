"""Production settings take their secrets from the environment only and refuse to start
without them; their security defaults (HSTS, secure cookies) hold without any variable.

Each case loads config.settings.production in a fresh interpreter, with an environment that
sets every secret explicitly (empty when missing), so a developer's .env cannot fill a gap."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent.parent
SECRET = "a-long-random-production-secret-key-0123456789abcdef"
PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
names = ["SECRET_KEY", "SECURE_HSTS_SECONDS", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY",
         "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "X_FRAME_OPTIONS", "SECURE_REFERRER_POLICY",
         "SECURE_CONTENT_TYPE_NOSNIFF", "SECURE_CROSS_ORIGIN_OPENER_POLICY", "DEBUG", "TOKEN_ENCRYPTION_KEYS"]
print(json.dumps({name: getattr(settings, name) for name in names}))
"""


def _load(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": "/nonexistent",
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": "sqlite:////tmp/never-opened.sqlite3",
        "REDIS_URL": "",
        "SECRET_KEY": "",
        "TOKEN_ENCRYPTION_KEYS": "",
        **environment,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key() -> None:
    result = _load(TOKEN_ENCRYPTION_KEYS=Fernet.generate_key().decode())

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY in the environment for production." in result.stderr


def test_production_refuses_the_development_default_secret_key() -> None:
    result = _load(
        SECRET_KEY="insecure-local-development-key-change-me", TOKEN_ENCRYPTION_KEYS=Fernet.generate_key().decode()
    )

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_token_encryption_keys() -> None:
    result = _load(SECRET_KEY=SECRET)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set TOKEN_ENCRYPTION_KEYS in the environment for production" in result.stderr
    assert "Fernet.generate_key()" in result.stderr  # tells how to make one


@pytest.mark.parametrize("keys", ["not-a-key", "{good},short"])
def test_production_refuses_malformed_token_keys_without_echoing_them(keys: str) -> None:
    result = _load(SECRET_KEY=SECRET, TOKEN_ENCRYPTION_KEYS=keys.format(good=Fernet.generate_key().decode()))

    assert result.returncode != 0
    assert "is not a Fernet key" in result.stderr
    assert "not-a-key" not in result.stderr
    assert "short" not in result.stderr.replace("is not a Fernet key", "")


def test_production_starts_with_secrets_from_the_environment_and_secure_defaults() -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()

    result = _load(SECRET_KEY=SECRET, TOKEN_ENCRYPTION_KEYS=f"{new},{old}")

    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["SECRET_KEY"] == SECRET
    assert loaded["TOKEN_ENCRYPTION_KEYS"] == [new, old]
    assert loaded["DEBUG"] is False
    assert loaded["SECURE_HSTS_SECONDS"] == 31_536_000
    assert loaded["SESSION_COOKIE_SECURE"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True
    assert loaded["SESSION_COOKIE_HTTPONLY"] is True
    assert loaded["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert loaded["CSRF_COOKIE_SAMESITE"] == "Lax"
    assert loaded["X_FRAME_OPTIONS"] == "DENY"
    assert loaded["SECURE_REFERRER_POLICY"] == "same-origin"
    assert loaded["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert loaded["SECURE_CROSS_ORIGIN_OPENER_POLICY"] == "same-origin"


def test_hsts_can_be_lowered_from_the_environment() -> None:
    result = _load(SECRET_KEY=SECRET, TOKEN_ENCRYPTION_KEYS=Fernet.generate_key().decode(), SECURE_HSTS_SECONDS="300")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["SECURE_HSTS_SECONDS"] == 300


def test_no_secret_is_written_in_the_settings() -> None:
    """No Fernet key in the settings, and SECRET_KEY is only ever read from the environment
    (its development default is refused by production, above)."""
    for path in (ROOT / "config" / "settings").glob("*.py"):
        text = path.read_text()
        assert not re.search(r"[A-Za-z0-9_-]{43}=", text), path
        assignments = re.findall(r"^SECRET_KEY\s*=\s*(.+)$", text, flags=re.MULTILINE)
        assert all(value.startswith('env("SECRET_KEY"') for value in assignments), (path, assignments)
