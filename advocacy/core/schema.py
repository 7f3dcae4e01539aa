"""OpenAPI descriptions of our authentication classes (drf-spectacular extensions)."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SessionTokenScheme(OpenApiAuthenticationExtension):
    target_class = "advocacy.core.authentication.SessionTokenAuthentication"
    name = "sessionToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "X-Session-Token",
            "description": "`meta.session_token` from `POST /_allauth/app/v1/auth/login`.",
        }


class BrowserSessionScheme(OpenApiAuthenticationExtension):
    target_class = "advocacy.core.authentication.BrowserSessionAuthentication"
    name = "browserSession"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "The SPA's session cookie; unsafe methods also need `X-CSRFToken`.",
        }
