"""Production: everything from the environment, secure defaults, refuse to start half-configured."""

from django.core.exceptions import ImproperlyConfigured

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES, SECRET_KEY, env

DEBUG = False
if SECRET_KEY.startswith("insecure-") and not env.bool("ALLOW_INSECURE_SECRET_KEY", default=False):
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

if not env.list("TOKEN_ENCRYPTION_KEYS", default=[]):
    raise ImproperlyConfigured(
        "Set TOKEN_ENCRYPTION_KEYS (Fernet keys: python -c 'from cryptography.fernet import Fernet; "
        "print(Fernet.generate_key().decode())')."
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # psycopg 3's pool inside each process; CONN_MAX_AGE must stay 0 with it.
    DATABASES["default"]["OPTIONS"] = {"pool": {"min_size": 2, "max_size": env.int("DB_POOL_MAX", default=10)}}
    DATABASES["default"]["CONN_MAX_AGE"] = 0

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
