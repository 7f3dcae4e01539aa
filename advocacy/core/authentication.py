"""API authentication: allauth's headless session token (apps) and the browser session (SPA)."""

from allauth.headless.contrib.rest_framework.authentication import XSessionTokenAuthentication
from rest_framework.authentication import SessionAuthentication
from rest_framework.request import Request


class SessionTokenAuthentication(XSessionTokenAuthentication):
    """``X-Session-Token`` from ``POST /_allauth/app/v1/auth/login``.

    Declaring a ``WWW-Authenticate`` value makes DRF answer unauthenticated requests with
    401 rather than 403, which tells a client to log in rather than that it lacks a right.
    """

    def authenticate_header(self, request: Request) -> str:
        return 'Session-Token realm="api"'


class BrowserSessionAuthentication(SessionAuthentication):
    """The SPA's session cookie; DRF enforces CSRF for unsafe methods."""
