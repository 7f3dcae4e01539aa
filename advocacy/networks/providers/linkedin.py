"""LinkedIn: 3-legged OAuth 2.0 ("Sign In with LinkedIn using OpenID Connect" for who the
member is, "Share on LinkedIn" to post) and the versioned Posts API.
"""

import re
from typing import Any
from urllib.parse import quote

from django.conf import settings

from advocacy.networks.providers.api_client import new_session, send
from advocacy.networks.providers.base import (
    AccountIdentity,
    ConnectRequest,
    Credentials,
    Engagement,
    InvalidGrant,
    OutcomeUnknown,
    PostResult,
    ProviderError,
    TokenSet,
)
from advocacy.networks.providers.oauth import OAuthSession, json_object, oauth_tokens

SCOPES = ["openid", "profile", "w_member_social"]
# Granted only to apps approved for LinkedIn's Community Management API.
ANALYTICS_SCOPE = "r_member_postAnalytics"
# Characters with a meaning in LinkedIn's "little" text format (mentions, hashtags,
# templates, emphasis): unescaped, LinkedIn cuts or reshapes the post.
_LITTLE_RESERVED = re.compile(r"[\\|{}@\[\]()<>#*_~]")
_ANALYTICS_METRICS = ("REACTION", "COMMENT", "RESHARE", "IMPRESSION")


def escape_little_text(text: str) -> str:
    """The text as LinkedIn's little format shows it literally."""
    return _LITTLE_RESERVED.sub(lambda match: "\\" + match.group(0), text)


class LinkedInProvider:
    name = "linkedin"
    max_length = 3000
    idempotent = False

    def text_length(self, text: str) -> int:
        return len(text)

    def authorization_url(
        self, *, state: str, redirect_uri: str, code_verifier: str, request: ConnectRequest
    ) -> tuple[str, dict[str, Any]]:
        session = OAuthSession(
            "LinkedIn", client_id=settings.LINKEDIN_CLIENT_ID, redirect_uri=redirect_uri, scope=SCOPES
        )
        url, _state = session.authorization_url(settings.LINKEDIN_AUTH_URL, state=state)
        return str(url), {}

    def exchange_code(
        self, *, code: str, redirect_uri: str, code_verifier: str, remembered: dict[str, Any]
    ) -> TokenSet:
        # No scope on this session: oauthlib would raise when LinkedIn reports the granted
        # scopes in its own (comma separated) way.
        session = OAuthSession("LinkedIn", client_id=settings.LINKEDIN_CLIENT_ID, redirect_uri=redirect_uri)
        return oauth_tokens(
            "LinkedIn",
            lambda: session.fetch_token(
                settings.LINKEDIN_TOKEN_URL,
                code=code,
                include_client_id=True,
                client_secret=settings.LINKEDIN_CLIENT_SECRET,
            ),
            requested_scopes=" ".join(SCOPES),
        )

    def refresh(self, *, refresh_token: str, instance: str) -> TokenSet:
        """Only apps approved for programmatic refresh receive refresh tokens; the others'
        members reconnect when the 60-day access token ends."""
        if not refresh_token:
            raise InvalidGrant("LinkedIn gave no refresh token: reconnect the account.")
        session = OAuthSession("LinkedIn", client_id=settings.LINKEDIN_CLIENT_ID)
        return oauth_tokens(
            "LinkedIn",
            lambda: session.refresh_token(
                settings.LINKEDIN_TOKEN_URL,
                refresh_token=refresh_token,
                client_id=settings.LINKEDIN_CLIENT_ID,
                client_secret=settings.LINKEDIN_CLIENT_SECRET,
            ),
            requested_scopes=" ".join(SCOPES),
        )

    def fetch_identity(self, *, tokens: TokenSet, instance: str) -> AccountIdentity:
        response = send(
            new_session(),
            "GET",
            f"{settings.LINKEDIN_API_BASE}/v2/userinfo",
            writes=False,
            network="LinkedIn",
            headers={"Authorization": f"Bearer {tokens.access_token}"},
        )
        body = json_object(response, "LinkedIn")
        sub = body.get("sub")
        if not isinstance(sub, str) or not sub:
            raise ProviderError("LinkedIn did not say which member this is.")
        return AccountIdentity(account_id=sub, account_name=str(body.get("name") or ""))

    def post(self, *, credentials: Credentials, text: str, idempotency_key: str) -> PostResult:
        body = {
            "author": f"urn:li:person:{credentials.account_id}",
            "commentary": escape_little_text(text),
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        response = send(
            new_session(),
            "POST",
            f"{settings.LINKEDIN_API_BASE}/rest/posts",
            writes=True,
            network="LinkedIn",
            headers=self._headers(credentials),
            json=body,
        )
        urn = response.headers.get("x-restli-id", "").strip()
        if not urn:
            # Accepted, so it exists: without its id we cannot show or reconcile it.
            raise OutcomeUnknown("LinkedIn accepted the post without saying which post it is.")
        return PostResult(external_id=urn, external_url=f"https://www.linkedin.com/feed/update/{urn}/")

    def delete(self, *, credentials: Credentials, external_id: str) -> None:
        send(
            new_session(),
            "DELETE",
            f"{settings.LINKEDIN_API_BASE}/rest/posts/{quote(external_id, safe='')}",
            writes=False,  # deleting twice is harmless: a lost answer may be retried
            network="LinkedIn",
            headers={**self._headers(credentials), "X-RestLi-Method": "DELETE"},
        )

    def revoke(self, *, access_token: str, refresh_token: str, instance: str) -> bool:
        # LinkedIn offers no API to revoke a member's token: the member removes the app in
        # their LinkedIn settings, and the token ends after its 60 days.
        return False

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        if ANALYTICS_SCOPE not in credentials.scopes.replace(",", " ").split():
            return Engagement()
        counts = {metric: self._metric(credentials, external_id, metric) for metric in _ANALYTICS_METRICS}
        return Engagement(
            reactions=counts["REACTION"],
            comments=counts["COMMENT"],
            reposts=counts["RESHARE"],
            impressions=counts["IMPRESSION"],
        )

    def _metric(self, credentials: Credentials, urn: str, metric: str) -> int:
        kind = "ugc" if urn.startswith("urn:li:ugcPost:") else "share"
        # Rest.li 2.0 syntax: the parentheses and the colon after the kind stay literal,
        # the URN inside is percent-encoded (so the query string is built by hand).
        query = f"q=entity&entity=({kind}:{quote(urn, safe='')})&queryType={metric}&aggregation=TOTAL"
        response = send(
            new_session(),
            "GET",
            f"{settings.LINKEDIN_API_BASE}/rest/memberCreatorPostAnalytics?{query}",
            writes=False,
            network="LinkedIn",
            headers=self._headers(credentials),
        )
        elements = json_object(response, "LinkedIn").get("elements") or []
        return sum(int(element.get("count") or 0) for element in elements if isinstance(element, dict))

    @staticmethod
    def _headers(credentials: Credentials) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {credentials.access_token}",
            "LinkedIn-Version": settings.LINKEDIN_VERSION,
            "X-Restli-Protocol-Version": "2.0.0",
        }
