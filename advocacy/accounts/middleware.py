"""Errors from an organisation's identity provider, as the API's JSON errors."""

from collections.abc import Callable

import requests
from django.http import HttpRequest, HttpResponse, JsonResponse

from advocacy.core.safe_http import AddressRefusedError


class IdentityProviderErrorMiddleware:
    """allauth handles a failing identity provider at the callback, not while it builds the
    login redirect (OIDC discovery). An unreachable provider, or one whose address the SSRF
    guard refuses, is then an error the SPA can show, not a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path_info.startswith("/_allauth/"):
            return None
        if not isinstance(exception, requests.RequestException | AddressRefusedError):
            return None
        return JsonResponse(
            {
                "code": "identity_provider_unreachable",
                "detail": "Your organisation's sign-in service did not answer. Try again later or ask your admin.",
            },
            status=502,
        )
