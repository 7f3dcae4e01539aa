"""Production: everything from the environment, secure defaults, refuse to start half-configured."""

import re

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, SECRET_KEY, env

DEBUG = False
if (not SECRET_KEY or SECRET_KEY.startswith("insecure-")) and not env.bool("ALLOW_INSECURE_SECRET_KEY", default=False):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

_FERNET_HOWTO = (
    "Fernet keys, newest first, comma-separated: python -c 'from cryptography.fernet import Fernet; "
    "print(Fernet.generate_key().decode())'"
)
_token_keys = [key.strip() for key in env.list("TOKEN_ENCRYPTION_KEYS", default=[]) if key.strip()]
if not _token_keys:
    raise ImproperlyConfigured(f"Set TOKEN_ENCRYPTION_KEYS in the environment for production ({_FERNET_HOWTO}).")
for _position, _key in enumerate(_token_keys, start=1):
    try:
        Fernet(_key.encode())
    except ValueError:
        # The key itself is never echoed: it is a secret even when malformed.
        raise ImproperlyConfigured(
            f"TOKEN_ENCRYPTION_KEYS: key {_position} is not a Fernet key ({_FERNET_HOWTO})."
        ) from None

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool inside each process; CONN_MAX_AGE must stay 0 with it.
    _options = dict(DATABASES["default"].get("OPTIONS", {}))  # options given in DATABASE_URL
    _role = _options.pop("assume_role", "")
    if _role:
        # With the pool, Django's assume_role would ask the pool for a connection while it
        # is still making one (every connection times out); libpq's startup options switch
        # the role as the session starts instead.
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", _role):
            raise ImproperlyConfigured("DATABASE_ROLE must be a plain role name (letters, digits, underscores).")
        _options["options"] = f"{_options.get('options', '')} -c role={_role}".strip()
    DATABASES["default"]["OPTIONS"] = {
        **_options,
        "pool": {"min_size": 2, "max_size": env.int("DB_POOL_MAX", default=10)},
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# HTTPS only for a year (sent on HTTPS responses only). Lower it while trying HTTPS out;
# subdomains and preload are opt-in because they bind every other site of the domain.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# nosniff, Referrer-Policy, X-Frame-Options, COOP, SameSite and HttpOnly cookies and the
# Content-Security-Policy are set for every environment in base.py.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
