"""OpenAPI descriptions of our authentication classes (drf-spectacular extensions) and of the
errors every operation may answer."""

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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


class ApiErrorSerializer(serializers.Serializer[Any]):
    """The body of every API error (``advocacy.core.api.exception_handler``)."""

    code = serializers.CharField(help_text="Stable machine-readable code, e.g. `validation_error`, `not_found`.")
    detail = serializers.CharField(help_text="Human-readable message.")
    fields = serializers.DictField(  # type: ignore[assignment]  # a field named like Serializer.fields
        required=False, help_text="`validation_error`: the message(s) per input field."
    )
    retry_after = serializers.IntegerField(required=False, help_text="`throttled`: seconds to wait.")


# Any request may be malformed, unauthenticated, forbidden, aimed at something missing or
# throttled; requests that change something may also break a rule or conflict with the state.
_ANY_REQUEST = {"400": "Invalid input", "401": "Not authenticated", "403": "Not allowed", "404": "Not found"}
_ANY_REQUEST |= {"429": "Throttled"}
_UNSAFE_REQUEST = {"409": "Conflicts with the current state", "410": "Gone", "422": "Breaks a rule"}


class AutoSchema(openapi.AutoSchema):
    """Documents the JSON errors next to each operation's own responses."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        errors = dict(_ANY_REQUEST)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors |= _UNSAFE_REQUEST
        for status_code, description in errors.items():
            if status_code not in responses:
                responses[status_code] = self._get_response_for_code(
                    OpenApiResponse(ApiErrorSerializer, description=description), status_code, direction=direction
                )
        return responses
