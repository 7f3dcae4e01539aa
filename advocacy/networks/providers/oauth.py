"""OAuth 2.0 for the networks with one app of ours (LinkedIn, X): token endpoint calls go
through requests-oauthlib with our timeouts, no redirects, and errors mapped to provider
errors; plus reading a JSON object from an answer."""

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import requests
from django.conf import settings
from django.utils import timezone
from oauthlib.oauth2 import OAuth2Error  # type: ignore[import-untyped]
from requests_oauthlib import OAuth2Session  # type: ignore[import-untyped]

from advocacy.networks.providers.api_client import retry_after_seconds
from advocacy.networks.providers.base import (
    InvalidGrant,
    NetworkUnreachable,
    PostRejected,
    ProviderError,
    RateLimited,
    TokenSet,
)


class OAuthSession(OAuth2Session):  # type: ignore[misc]
    """An ``OAuth2Session`` for authorisation URLs and token endpoint calls: our timeouts,
    no redirects, no proxies from the environment; 429 and 5xx become provider errors
    before oauthlib reads the body (it maps the OAuth error codes of a 4xx itself)."""

    def __init__(self, network: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.network = network
        self.trust_env = False
        self.register_compliance_hook("access_token_response", self._check_response)
        self.register_compliance_hook("refresh_token_response", self._check_response)

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = (settings.NETWORK_CONNECT_TIMEOUT, settings.NETWORK_READ_TIMEOUT)
        kwargs["allow_redirects"] = False
        response: requests.Response = super().request(method, url, *args, **kwargs)
        return response

    def _check_response(self, response: requests.Response) -> requests.Response:
        status = response.status_code
        if status == 429:
            # Token endpoints are limited per application, not per employee.
            raise RateLimited(
                f"{self.network} asked us to slow down.", retry_after=retry_after_seconds(response.headers), scope="app"
            )
        if status >= 500:
            raise NetworkUnreachable(f"{self.network} answered HTTP {status} to the token request.")
        if 300 <= status < 400:
            raise PostRejected(f"{self.network} answered the token request with a redirect, which we do not follow.")
        return response


def oauth_tokens(
    network: str,
    call: Callable[[], dict[str, Any]],
    *,
    requested_scopes: str,
    dead_grant_errors: tuple[str, ...] = ("invalid_grant",),
) -> TokenSet:
    """Run one token endpoint call and turn its answer into a ``TokenSet``.
    ``dead_grant_errors``: the OAuth error codes that mean the grant is gone (reconnect)."""
    try:
        token = call()
    except OAuth2Error as exc:
        if exc.error in dead_grant_errors:
            raise InvalidGrant(f"{network} refused this authorisation: connect the account again.") from exc
        raise PostRejected(f"{network} refused the token request: {exc.description or exc.error}") from exc
    except requests.RequestException as exc:
        raise NetworkUnreachable(f"Could not reach {network} to get a token.") from exc
    expires_in = token.get("expires_in")
    expires_at = timezone.now() + timedelta(seconds=int(expires_in)) if expires_in else None
    granted = token.get("scope")
    scopes = " ".join(granted) if isinstance(granted, list) else str(granted or requested_scopes)
    return TokenSet(
        access_token=str(token["access_token"]),
        refresh_token=str(token.get("refresh_token") or ""),
        expires_at=expires_at,
        # LinkedIn separates granted scopes with commas, X with spaces: store them spaced.
        scopes=" ".join(scopes.replace(",", " ").split()),
    )


def json_object(response: requests.Response, network: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError as exc:
        raise ProviderError(f"{network} answered with something that is not JSON.") from exc
    if not isinstance(body, dict):
        raise ProviderError(f"{network} answered with an unexpected shape.")
    return body
