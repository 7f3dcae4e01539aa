"""Content-Security-Policy on every response (django-csp), without rebuilding the header
for each one.

The policy is ``CONTENT_SECURITY_POLICY`` in the settings. django-csp builds the header
string from it on every response (about 50 µs); the site-wide policy never changes while
the process runs, so it is built once. Responses that adjust the policy (``csp_update``,
``csp_replace``, ``csp_exempt``) or use a nonce still go through django-csp itself. This
keeps the tracked-link redirect (``/l/{code}``, the hottest path) at the cost of one header.
"""

from functools import lru_cache
from typing import Any

from csp.constants import HEADER
from csp.decorators import csp_update
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.views.csrf import csrf_failure as default_csrf_failure
from drf_spectacular.views import SpectacularSwaggerSplitView

_PER_RESPONSE = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


@lru_cache(maxsize=1)
def site_policy() -> str:
    return build_policy()


@receiver(setting_changed)
def _policy_changed(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policy.cache_clear()


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if (
            getattr(request, "_csp_nonce", None) is None
            and not any(hasattr(response, name) for name in _PER_RESPONSE)
            and not getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            and not (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("EXCLUDE_URL_PREFIXES")
            and not (settings.DEBUG and response.status_code in (404, 500))
        ):
            if HEADER not in response:
                response[HEADER] = site_policy()
            return response
        return super().process_response(request, response)


# The interactive API docs load Swagger UI from its CDN; the split view serves their start-up
# script from our origin, so the page needs no inline script either.
SWAGGER_UI_ORIGIN = "https://cdn.jsdelivr.net"
api_docs_view = csp_update({"script-src": [SWAGGER_UI_ORIGIN], "style-src": [SWAGGER_UI_ORIGIN]})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused CSRF check (CSRF_FAILURE_VIEW). API and allauth clients get the same JSON
    error DRF gives for its views; anything else gets Django's page."""
    if request.path_info.startswith(("/api/", "/_allauth/")):
        return JsonResponse({"code": "permission_denied", "detail": f"CSRF Failed: {reason}"}, status=403)
    return default_csrf_failure(request, reason=reason)
