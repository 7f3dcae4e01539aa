"""pytest: PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set (CI), SQLite otherwise."""

from config.settings.base import *  # noqa: F403
from config.settings.base import REDIS_URL

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
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": "100000/min"}}
WHITENOISE_AUTOREFRESH = True
# Local network test servers answer at once; a test that makes one hang waits this long.
NETWORK_READ_TIMEOUT = 1.0
