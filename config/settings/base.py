"""Settings shared by every environment. Everything that differs comes from the environment.

The embedded default (no DATABASE_URL / REDIS_URL) is SQLite, a file-based cache and a
file-backed Celery broker under ``var/``, so a fresh clone runs with nothing installed.
"""

import os
from pathlib import Path

import django_stubs_ext
import environ
from celery.schedules import crontab

# Lets models, admins and querysets be subscripted at runtime (``ModelAdmin[User]``).
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-local-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# Absolute base URL of the SPA, used in links we email (invitations, verification).
FRONTEND_URL = env("FRONTEND_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "guardian",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.headless",
    "allauth.usersessions",
    "csp",
    "advocacy.core",
    "advocacy.accounts",
    "advocacy.roles",
    "advocacy.audiences",
    "advocacy.content",
    "advocacy.networks",
    "advocacy.shares",
    "advocacy.analytics",
    "advocacy.coaching",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response, tracked-link redirects included (a cached header).
    "advocacy.core.security.ContentSecurityPolicyMiddleware",
    # Tracked links (/l/{code}) are answered here, without sessions, CSRF or auth.
    "advocacy.analytics.middleware.TrackedLinkMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "advocacy.accounts.middleware.IdentityProviderErrorMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Security headers and cookies (every environment; production.py adds HTTPS-only parts) ---
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The SPA reads the csrftoken cookie to send X-CSRFToken: it cannot be HttpOnly.
CSRF_COOKIE_HTTPONLY = False
# A refused CSRF check on /api/ or /_allauth/ is a JSON error like every other.
CSRF_FAILURE_VIEW = "advocacy.core.security.csrf_failure"
# No CORS middleware is installed: cross-origin reads of the API get no
# Access-Control-Allow-Origin and browsers refuse them (tests/security/test_headers.py).
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        # The built SPA is module scripts from /assets/; no inline script, no eval.
        "script-src": [_SELF],
        # Mantine writes <style> elements and style attributes at run time.
        "style-src": [_SELF, "'unsafe-inline'"],
        # Content images and link previews come from any https site; the favicon is a data: URI.
        "img-src": [_SELF, "data:", "https:"],
        "font-src": [_SELF, "data:"],
        "connect-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_SELF],
        "frame-ancestors": [_NONE],
        # No form-action: single sign-on is a form POST that redirects to the identity
        # provider, which form-action would block.
    }
}

# --- Database -------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and IMMEDIATE transactions let the web process, the worker and beat share the
    # embedded database without "database is locked" errors under light concurrency.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Row-level security (advocacy.core.rls) binds no superuser and no BYPASSRLS role: when
# the login is one, name here the role each connection switches to (SET ROLE), a
# non-superuser that owns the tables. See docs/architecture.md "Three tenancy locks".
DATABASE_ROLE = env("DATABASE_ROLE", default="")
if DATABASE_ROLE and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["assume_role"] = DATABASE_ROLE
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker, click buffer -----------------------------------------
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {"visibility_timeout": 3600}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    # kombu's filesystem transport: messages are files in one folder shared by all processes.
    CELERY_BROKER_URL = "filesystem://"
    _queue_dir = str(VAR_DIR / "queue")
    # The web process enqueues before any worker has started: the folders must exist.
    (VAR_DIR / "queue").mkdir(parents=True, exist_ok=True)
    (VAR_DIR / "queue-processed").mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": _queue_dir,
        "data_folder_out": _queue_dir,
        "processed_folder": str(VAR_DIR / "queue-processed"),
        "store_processed": False,
        # Broadcast (worker control) messages; the default is ./control in the working directory.
        "control_folder": str(VAR_DIR / "control"),
    }

CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# Posting waits on networks: it has its own queue, served by a threads pool (Procfile
# "poster"), so slow networks never hold up clicks, digests or housekeeping.
CELERY_TASK_ROUTES = {"advocacy.shares.tasks.share_publish_task": {"queue": "posting"}}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = env.int("CELERY_WORKER_PREFETCH_MULTIPLIER", default=1)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# The shares beat job (advocacy/shares/services.py shares_dispatch): how often it runs; when
# a queued share's message counts as lost; when a share claimed by a worker that never
# finished counts as stuck (keep it well above the longest network call); the first retry's
# backoff after a transient failure (doubled per attempt). Seconds.
SHARES_DISPATCH_INTERVAL = env.float("SHARES_DISPATCH_INTERVAL", default=60.0)
SHARES_REDISPATCH_AFTER = env.float("SHARES_REDISPATCH_AFTER", default=300.0)
SHARES_STUCK_AFTER = env.float("SHARES_STUCK_AFTER", default=600.0)
SHARES_RETRY_BACKOFF = env.float("SHARES_RETRY_BACKOFF", default=30.0)
# A posting worker claims up to this many due shares of an organisation at once, re-checks
# them together and posts them one after another (the messages of the others then find
# nothing to claim): fewer queries per share. 1 claims only the share of the message.
SHARES_PUBLISH_BATCH = env.int("SHARES_PUBLISH_BATCH", default=20)
# Confirmed shares are posted by drains: a posting worker claims the organisation's due
# shares batch after batch for up to SHARES_DRAIN_SECONDS; an organisation has at most
# SHARES_DRAINS_PER_ORGANIZATION of them in flight (about the posting threads of all
# workers), so a burst of confirmations is a few messages, not one per share. 0: one
# message per share.
SHARES_DRAINS_PER_ORGANIZATION = env.int("SHARES_DRAINS_PER_ORGANIZATION", default=32)
SHARES_DRAIN_SECONDS = env.float("SHARES_DRAIN_SECONDS", default=10.0)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    # Due scheduled shares, lost messages, shares whose worker died while posting.
    "shares-dispatch": {
        "task": "advocacy.shares.tasks.shares_dispatch_task",
        "schedule": SHARES_DISPATCH_INTERVAL,
    },
    # Weekly digests go out at 8am on Monday in each member's time zone: an hourly pass
    # finds whoever is in that hour (half-hour zones included).
    "digests-dispatch": {"task": "advocacy.content.tasks.digests_dispatch_task", "schedule": crontab(minute=0)},
    "connections-check-expiry": {
        "task": "advocacy.networks.tasks.connections_check_expiry_task",
        "schedule": 6 * 3600.0,
    },
    # Buffered clicks into the database and rollups: dashboards lag clicks by seconds. A run
    # that could not start before the next one is due is dropped, not queued.
    "analytics-clicks-flush": {
        "task": "advocacy.analytics.tasks.clicks_flush_task",
        "schedule": 5.0,
        "options": {"expires": 5.0},
    },
    "analytics-engagement-read": {
        "task": "advocacy.analytics.tasks.engagement_read_task",
        "schedule": 600.0,
        "options": {"expires": 600.0},
    },
    "analytics-shares-posted-reconcile": {
        "task": "advocacy.analytics.tasks.shares_posted_reconcile_task",
        "schedule": 300.0,
    },
    "analytics-visitors-prune": {"task": "advocacy.analytics.tasks.daily_visitors_prune_task", "schedule": 6 * 3600.0},
    "erased-archives-purge": {"task": "advocacy.accounts.tasks.erased_archives_purge_task", "schedule": 24 * 3600.0},
}

# --- Auth ------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# guardian's anonymous user assumes a username field; we have none and need no anonymous grants.
ANONYMOUS_USER_NAME = None

# django-allauth, headless: the SPA and API clients use /_allauth/{browser,app}/v1/...
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_ADAPTER = "advocacy.accounts.adapters.AccountAdapter"
ACCOUNT_RATE_LIMITS = {
    # Repeated wrong passwords lock the pair (ip, email) out for a while.
    "login_failed": env("LOGIN_FAILED_RATE_LIMIT", default="10/m/ip,5/5m/key"),
    "login": env("LOGIN_RATE_LIMIT", default="30/m/ip"),
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
SOCIALACCOUNT_ADAPTER = "advocacy.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_ONLY = False
HEADLESS_ONLY = True
HEADLESS_FRONTEND_URLS = {
    "account_confirm_email": "/account/verify-email/{key}",
    "account_reset_password": "/account/password/reset",
    "account_reset_password_from_key": "/account/password/reset/key/{key}",
    "account_signup": "/account/signup",
    "socialaccount_login_error": "/account/provider/callback",
}
LOGIN_REDIRECT_URL = "/"

# Networks the product knows; organisations enable a subset.
NETWORKS = ["sandbox", "linkedin", "x", "mastodon", "bluesky"]
# Each network's endpoints and our app's credentials there (API.md "Network settings").
# A network whose client id is empty cannot be connected (Mastodon registers itself on
# each instance and Bluesky uses app passwords, so both need no credentials here).
LINKEDIN_CLIENT_ID = env("LINKEDIN_CLIENT_ID", default="")
LINKEDIN_CLIENT_SECRET = env("LINKEDIN_CLIENT_SECRET", default="")
LINKEDIN_AUTH_URL = env("LINKEDIN_AUTH_URL", default="https://www.linkedin.com/oauth/v2/authorization")
LINKEDIN_TOKEN_URL = env("LINKEDIN_TOKEN_URL", default="https://www.linkedin.com/oauth/v2/accessToken")
LINKEDIN_API_BASE = env("LINKEDIN_API_BASE", default="https://api.linkedin.com").rstrip("/")
# The LinkedIn-Version header (YYYYMM) of the Posts API we speak.
LINKEDIN_VERSION = env("LINKEDIN_VERSION", default="202510")
X_CLIENT_ID = env("X_CLIENT_ID", default="")
X_CLIENT_SECRET = env("X_CLIENT_SECRET", default="")
X_AUTH_URL = env("X_AUTH_URL", default="https://x.com/i/oauth2/authorize")
X_TOKEN_URL = env("X_TOKEN_URL", default="https://api.x.com/2/oauth2/token")
X_API_BASE = env("X_API_BASE", default="https://api.x.com").rstrip("/")
BLUESKY_SERVICE_URL = env("BLUESKY_SERVICE_URL", default="https://bsky.social").rstrip("/")
# Seconds to wait for a network API to accept a connection, and then to answer.
NETWORK_CONNECT_TIMEOUT = env.float("NETWORK_CONNECT_TIMEOUT", default=3.05)
NETWORK_READ_TIMEOUT = env.float("NETWORK_READ_TIMEOUT", default=10.0)
# Mastodon: the name our app registers under on each instance.
MASTODON_APP_NAME = env("MASTODON_APP_NAME", default="Advocacy")
MASTODON_APP_WEBSITE = env("MASTODON_APP_WEBSITE", default="")

# --- API -------------------------------------------------------------------------------
# Requests per user: "user" for every API call, the others for the actions that name them
# (advocacy/core/throttling.py). DRF rate syntax: N/sec, N/min, N/hour, N/day.
API_THROTTLE_RATES: dict[str, str] = {
    "user": env("API_USER_RATE", default="600/min"),
    "invitation_accept": env("INVITATION_ACCEPT_RATE", default="20/hour"),
    "share_create": env("SHARE_CREATE_RATE", default="60/hour"),
    "share_confirm": env("SHARE_CONFIRM_RATE", default="60/hour"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "advocacy.core.authentication.SessionTokenAuthentication",
        "advocacy.core.authentication.BrowserSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "advocacy.core.pagination.PageNumberPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "advocacy.core.schema.AutoSchema",
    "EXCEPTION_HANDLER": "advocacy.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.UserRateThrottle",
        # Views name stricter scopes per action (``throttle_scopes``); see core/throttling.py.
        "advocacy.core.throttling.ActionScopedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Advocacy platform API",
    "DESCRIPTION": (
        "Employee advocacy: roles, audiences, approved content, own-voice shares. "
        "Authenticate with a browser session (CSRF) or `X-Session-Token` from "
        "`POST /_allauth/app/v1/auth/login`. Errors are JSON `{code, detail}`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrgRoleEnum": "advocacy.accounts.models.OrgRole",
        "RolloutStageEnum": "advocacy.accounts.models.RolloutStage",
        "NetworkEnum": NETWORKS,
        "HandleNetworkEnum": [*NETWORKS, "any"],
        "EngagementLevelEnum": "advocacy.audiences.models.EngagementLevel",
        "ObjectiveMetricEnum": "advocacy.roles.models.ObjectiveMetric",
        "ObjectivePeriodEnum": "advocacy.roles.models.ObjectivePeriod",
        "ContentStatusEnum": "advocacy.content.models.ContentStatus",
        "ConnectionStatusEnum": "advocacy.networks.models.ConnectionStatus",
        "ShareStatusEnum": "advocacy.shares.models.ShareStatus",
        "CoachingTaskKindEnum": "advocacy.coaching.models.CoachingTaskKind",
        "UnreachedReasonEnum": "advocacy.coaching.insights.UnreachedReason",
        # The SSO provider kind keeps the name it had before coaching tasks also had a "kind".
        "KindEnum": "advocacy.accounts.models.SsoKind",
    },
}

# --- Internationalisation, static files -------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The built SPA (frontend/dist) is served from the site root: /assets/..., /favicon.svg.
SPA_DIST_DIR = Path(env("SPA_DIST_DIR", default=str(BASE_DIR / "frontend" / "dist")))
WHITENOISE_ROOT = SPA_DIST_DIR if SPA_DIST_DIR.exists() else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Email -----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Advocacy <no-reply@advocacy.local>")

# --- Product ---------------------------------------------------------------------------
# Tests and local demos point network APIs and link previews at loopback servers.
ALLOW_PRIVATE_NETWORK_HOSTS = env.bool("ALLOW_PRIVATE_NETWORK_HOSTS", default=False)
if ALLOW_PRIVATE_NETWORK_HOSTS:
    # The same local servers speak plain http; oauthlib refuses that unless told otherwise.
    os.environ.setdefault("OAUTHLIB_INSECURE_TRANSPORT", "1")
# Fernet keys (comma-separated, newest first) for network tokens at rest. Empty: a key
# derived from SECRET_KEY, for development only (production settings require keys).
TOKEN_ENCRYPTION_KEYS = env.list("TOKEN_ENCRYPTION_KEYS", default=[])
# Dotted paths of functions called with (content=..., actor=...) when content is retired;
# the shares app registers the one that cancels unposted shares.
CONTENT_RETIRED_HANDLERS: list[str] = ["advocacy.shares.services.shares_cancel_for_content"]
# Called with (membership=..., actor=...) when a member is deactivated: their unposted
# shares are cancelled and their network tokens revoked (apps above accounts own those).
MEMBERSHIP_DEACTIVATED_HANDLERS: list[str] = [
    "advocacy.shares.services.shares_cancel_for_member",
    "advocacy.networks.services.connections_revoke_for_member",
]
# Called with (invitation=..., membership=...) when an invitation is accepted, in the same
# transaction (the coaching app puts someone invited with a rollout cohort into that cohort).
INVITATION_ACCEPTED_HANDLERS: list[str] = ["advocacy.coaching.services.cohort_join_on_invitation_accepted"]
# Data rights (docs/data-rights.md): the apps above accounts that hold personal data about
# a member. Each module may define member_export(membership) -> {section: data} (a fixed
# number of queries), member_erase(membership, actor) (inside the erasure transaction),
# member_erase_finish(organization_id, membership_id) and organization_delete_prepare(
# organization_id) (in Celery tasks: network calls), erased_archive_purge(organization, now).
DATA_RIGHTS_MODULES: list[str] = [
    "advocacy.networks.data_rights",
    "advocacy.shares.data_rights",
    "advocacy.roles.data_rights",
    "advocacy.coaching.data_rights",
]
# Called with (shares=[...]) once a posting transaction commits, with the shares it
# recorded (the analytics app warms their tracked links and counts them).
SHARE_POSTED_HANDLERS: list[str] = ["advocacy.analytics.services.share_posted_record"]
# Gives the feed the networks a member already shared each item to (the shares app).
FEED_SHARED_NETWORKS = "advocacy.shares.selectors.shared_networks_by_content"
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=7)
# The weekly digest lists at most this many items, then points at the feed.
DIGEST_MAX_ITEMS = env.int("DIGEST_MAX_ITEMS", default=10)
# Seconds a Slack/Teams webhook gets to answer.
CHAT_WEBHOOK_TIMEOUT = env.float("CHAT_WEBHOOK_TIMEOUT", default=5.0)
# Exports stream shares from a server-side cursor this many at a time, with one query per
# chunk for their approvals and one for their audit trail: memory stays flat at any range.
EXPORT_CHUNK_SIZE = env.int("EXPORT_CHUNK_SIZE", default=1000)

# --- Analytics: tracked links, clicks, engagement ---------------------------------------
# The cache holding code -> redirect target (Redis on the real stack). Targets never change.
TRACKED_LINK_CACHE = "default"
TRACKED_LINK_CACHE_SECONDS = env.int("TRACKED_LINK_CACHE_SECONDS", default=30 * 24 * 3600)
# Clicks wait in a Redis list (REDIS_URL) or, on the embedded default, in this spool folder.
CLICK_BUFFER_PREFIX = env("CLICK_BUFFER_PREFIX", default="advocacy:clicks")
CLICK_SPOOL_DIR = VAR_DIR / "clicks"
CLICK_FLUSH_BATCH_SIZE = env.int("CLICK_FLUSH_BATCH_SIZE", default=1000)
# A claimed batch not written after this long lost its worker and is put back.
CLICK_CLAIM_TIMEOUT_SECONDS = env.int("CLICK_CLAIM_TIMEOUT_SECONDS", default=300)
# Behind a proxy, the request header (META name, e.g. HTTP_X_REAL_IP) holding the client's
# address; only used to tell visitors apart, never stored. Empty: REMOTE_ADDR.
CLICK_CLIENT_IP_HEADER = env("CLICK_CLIENT_IP_HEADER", default="")
# Engagement read-back: first read after posting, then every few hours while the share is
# recent, weekly after that, never past the maximum age.
ENGAGEMENT_FIRST_READ_AFTER_SECONDS = env.int("ENGAGEMENT_FIRST_READ_AFTER_SECONDS", default=3600)
ENGAGEMENT_RECENT_DAYS = env.int("ENGAGEMENT_RECENT_DAYS", default=30)
ENGAGEMENT_RECENT_EVERY_HOURS = env.int("ENGAGEMENT_RECENT_EVERY_HOURS", default=6)
ENGAGEMENT_OLD_EVERY_HOURS = env.int("ENGAGEMENT_OLD_EVERY_HOURS", default=7 * 24)
ENGAGEMENT_MAX_AGE_DAYS = env.int("ENGAGEMENT_MAX_AGE_DAYS", default=365)
ENGAGEMENT_READS_PER_RUN = env.int("ENGAGEMENT_READS_PER_RUN", default=500)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
