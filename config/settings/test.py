"""pytest: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI), SQLite otherwise."""

from config.settings.base import *  # noqa: F403
from config.settings.base import API_THROTTLE_RATES, REDIS_URL, REST_FRAMEWORK

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run in-process through Celery's real task machinery; tests that need a real worker
# over the broker start one (tests/core/test_celery_worker.py).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
# Rate-limit counters must not leak between tests: one in-memory cache per test process.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TEST_REDIS_URL = REDIS_URL
# Every throttle scope, raised out of the way; tests/security/test_rate_limits.py lowers them.
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": dict.fromkeys(API_THROTTLE_RATES, "100000/min"),
}
WHITENOISE_AUTOREFRESH = True
# Local network test servers answer at once; a test that makes one hang waits this long.
NETWORK_READ_TIMEOUT = 1.0

# On PostgreSQL the whole suite runs as a non-superuser role that owns the tables (created
# by tests/conftest.py), as production should, so row-level security binds in every test.
# TEST_DATABASE_ROLE= (empty) runs as the login user instead.
from config.settings.base import DATABASE_ROLE, DATABASES, env  # noqa: E402

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not DATABASE_ROLE:
    DATABASE_ROLE = env("TEST_DATABASE_ROLE", default="advocacy_app")
    if DATABASE_ROLE:
        DATABASES["default"].setdefault("OPTIONS", {})["assume_role"] = DATABASE_ROLE
