"""Stricter rate limits for a few sensitive actions, on top of the per-user default.

A view names them in ``throttle_scopes``: ``{action or lower-case HTTP method: scope}``; the
rate of each scope is ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"][scope]`` (from the
environment, see config/settings/base.py). A refused request is a 429 ``{"code":
"throttled", "detail", "retry_after"}`` with a ``Retry-After`` header (core/api.py).
"""

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class ActionScopedRateThrottle(SimpleRateThrottle):
    """Counts one caller's requests to one scope in one organisation: the user (the client
    address when anonymous) and the ``{org_slug}`` of tenant routes, so other people and
    other organisations never share a budget. Counters live in the default cache, which is
    Redis, shared by every web process, whenever ``REDIS_URL`` is set."""

    scope: str | None = None

    def __init__(self) -> None:
        # The scope (hence the rate) is known per request; rates are read from the settings
        # then, not frozen at import, so they follow the environment and test overrides.
        pass

    def allow_request(self, request: Request, view: Any) -> bool:
        scopes: dict[str, str] = getattr(view, "throttle_scopes", None) or {}
        name = getattr(view, "action", None) or (request.method or "").lower()
        scope = scopes.get(name)
        if scope is None:
            return True
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
        if not isinstance(rate, str):
            raise ImproperlyConfigured(f"No rate for throttle scope {scope!r} in DEFAULT_THROTTLE_RATES.")
        self.scope, self.rate = scope, rate
        self.num_requests, self.duration = self.parse_rate(rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request: Request, view: Any) -> str:
        user = request.user
        ident = f"user:{user.pk}" if user and user.is_authenticated else f"ip:{self.get_ident(request)}"
        organization = (getattr(view, "kwargs", None) or {}).get("org_slug", "")
        return self.cache_format % {"scope": self.scope, "ident": f"{organization}:{ident}"}
