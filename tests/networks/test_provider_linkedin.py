"""The LinkedIn provider against a strict local LinkedIn, over real HTTP: the OAuth dance,
who the member is, posting (escaped commentary), every way a post can fail, deleting and
analytics."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.utils import timezone
from pytest_django.fixtures import Settings

from advocacy.accounts.models import Membership
from advocacy.networks.models import NetworkConnection
from advocacy.networks.providers import get_provider
from advocacy.networks.providers.base import (
    ConnectRequest,
    Credentials,
    Engagement,
    InvalidGrant,
    NetworkProvider,
    NetworkUnreachable,
    OutcomeUnknown,
    PostRejected,
    RateLimited,
    TokenRejected,
    TokenSet,
)
from advocacy.networks.providers.linkedin import escape_little_text
from advocacy.networks.services import callback_url
from advocacy.networks.tokens import decrypt_token
from tests.networks.servers.base import Fault

if TYPE_CHECKING:
    from tests.networks.servers.linkedin import IssuedToken, LinkedInServer

# The linkedin_server fixture.


RESERVED_TEXT = r"Q3 \ results | {draft} @team [notes] (final) <b> #launch *bold* _it_ ~strike~ done"


@pytest.fixture
def provider(linkedin_server: LinkedInServer) -> NetworkProvider:
    return get_provider("linkedin")


def _callback_params(authorization_url: str) -> dict[str, str]:
    """Follow the authorize endpoint as a browser would, up to our callback."""
    response = requests.get(authorization_url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return dict(parse_qsl(urlsplit(response.headers["Location"]).query))


def _credentials(server: LinkedInServer, token: IssuedToken, account_id: str | None = None) -> Credentials:
    return Credentials(
        connection_id="connection-1",
        organization_id="org-1",
        account_id=account_id or server.signed_in,
        access_token=token.access_token,
        scopes=token.scopes,
    )


def _connect(provider: NetworkProvider, server: LinkedInServer) -> tuple[str, str]:
    """(code, redirect_uri) after the member consents."""
    redirect_uri = callback_url("linkedin")
    url, _remembered = provider.authorization_url(
        state="state-123", redirect_uri=redirect_uri, code_verifier="unused", request=ConnectRequest()
    )
    params = _callback_params(url)
    assert params["state"] == "state-123"
    return params["code"], redirect_uri


def test_the_authorization_url_asks_for_what_we_need(
    settings: Settings, linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    url, remembered = provider.authorization_url(
        state="s-1", redirect_uri=callback_url("linkedin"), code_verifier="v" * 64, request=ConnectRequest()
    )

    parts = urlsplit(url)
    params = dict(parse_qsl(parts.query))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == settings.LINKEDIN_AUTH_URL
    assert params == {
        "response_type": "code",
        "client_id": linkedin_server.client_id,
        "redirect_uri": callback_url("linkedin"),
        "scope": "openid profile w_member_social",
        "state": "s-1",
    }
    assert remembered == {}


def test_the_code_is_exchanged_and_the_member_identified(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    code, redirect_uri = _connect(provider, linkedin_server)

    tokens = provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier="unused", remembered={})
    identity = provider.fetch_identity(tokens=tokens, instance="")

    assert tokens.access_token in linkedin_server.grants
    assert tokens.refresh_token == ""  # only approved partners get one
    assert tokens.scopes == "openid profile w_member_social"  # LinkedIn's commas, normalised
    assert tokens.expires_at is not None
    assert abs(tokens.expires_at - (timezone.now() + timedelta(days=60))) < timedelta(minutes=1)
    token_request = next(r for r in linkedin_server.requests if r.path == "/oauth/v2/accessToken")
    assert token_request.form()["client_secret"] == linkedin_server.client_secret
    assert "authorization" not in token_request.headers
    assert (identity.account_id, identity.account_name, identity.account_url) == (
        linkedin_server.signed_in,
        "Ada Lovelace",
        "",
    )


def test_a_code_works_once(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    code, redirect_uri = _connect(provider, linkedin_server)
    provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier="unused", remembered={})

    with pytest.raises(InvalidGrant):
        provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier="unused", remembered={})


def test_a_wrong_client_secret_is_refused(
    settings: Settings, linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    code, redirect_uri = _connect(provider, linkedin_server)
    settings.LINKEDIN_CLIENT_SECRET = "not-the-secret"

    with pytest.raises(PostRejected, match="Client authentication failed"):
        provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier="unused", remembered={})


def test_the_authorize_endpoint_is_strict(settings: Settings, linkedin_server: LinkedInServer) -> None:
    base = {
        "response_type": "code",
        "client_id": linkedin_server.client_id,
        "redirect_uri": callback_url("linkedin"),
        "state": "s",
        "scope": "openid profile",
    }

    def ask(**changes: str) -> requests.Response:
        params = {key: value for key, value in {**base, **changes}.items() if value}
        return requests.get(settings.LINKEDIN_AUTH_URL, params=params, allow_redirects=False, timeout=5)

    assert ask().status_code == 302
    assert ask(redirect_uri="https://evil.example/cb").status_code == 400
    assert ask(client_id="someone-else").status_code == 400
    assert "error=invalid_scope" in ask(scope="openid r_everything").headers["Location"]
    assert "error=unsupported_response_type" in ask(response_type="token").headers["Location"]
    assert "error=invalid_request" in ask(state="").headers["Location"]


def test_a_refresh_token_is_used_when_linkedin_issued_one(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    linkedin_server.issue_refresh_tokens = True
    code, redirect_uri = _connect(provider, linkedin_server)
    first = provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier="unused", remembered={})

    refreshed = provider.refresh(refresh_token=first.refresh_token, instance="")

    assert first.refresh_token
    assert refreshed.access_token != first.access_token
    assert refreshed.refresh_token == first.refresh_token  # LinkedIn does not rotate
    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token="AQX-unknown", instance="")
    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token="", instance="")


def test_a_post_is_created_with_the_documented_request(
    settings: Settings, linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    result = provider.post(credentials=credentials, text="What I took from the report.", idempotency_key="share-1")

    [post] = linkedin_server.live_posts()
    assert result.external_id == post.urn
    assert result.external_id.startswith("urn:li:share:")
    assert result.external_url == f"https://www.linkedin.com/feed/update/{post.urn}/"
    assert post.body == {
        "author": f"urn:li:person:{linkedin_server.signed_in}",
        "commentary": "What I took from the report.",
        "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED", "targetEntities": [], "thirdPartyDistributionChannels": []},
        "lifecycleState": "PUBLISHED",
        "isReshareDisabledByAuthor": False,
    }
    sent = next(r for r in linkedin_server.requests if r.path == "/rest/posts")
    assert sent.headers["linkedin-version"] == settings.LINKEDIN_VERSION
    assert sent.headers["x-restli-protocol-version"] == "2.0.0"


def test_reserved_characters_are_escaped_and_shown_exactly(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    result = provider.post(credentials=credentials, text=RESERVED_TEXT, idempotency_key="share-1")

    post = linkedin_server.posts[result.external_id]
    assert post.text == RESERVED_TEXT
    assert post.commentary == escape_little_text(RESERVED_TEXT)
    assert r"\(final\)" in post.commentary
    assert r"\\ results" in post.commentary


def test_unescaped_commentary_would_be_cut(settings: Settings, linkedin_server: LinkedInServer) -> None:
    """The server's check is real: sent as is, LinkedIn shows the text only up to "("."""
    token = linkedin_server.issue_token()
    response = requests.post(
        f"{settings.LINKEDIN_API_BASE}/rest/posts",
        json={
            "author": f"urn:li:person:{linkedin_server.signed_in}",
            "commentary": "Before (after",
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "MAIN_FEED"},
            "lifecycleState": "PUBLISHED",
        },
        headers={
            "Authorization": f"Bearer {token.access_token}",
            "LinkedIn-Version": "202510",
            "X-Restli-Protocol-Version": "2.0.0",
        },
        timeout=5,
    )

    assert response.status_code == 201
    assert linkedin_server.posts[response.headers["x-restli-id"]].text == "Before "


def test_the_author_must_be_the_tokens_member(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token(), account_id="someone-else")

    with pytest.raises(PostRejected, match="403"):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert linkedin_server.live_posts() == []


def test_a_malformed_version_header_is_refused(
    settings: Settings, linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    settings.LINKEDIN_VERSION = "2025-10"
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    with pytest.raises(PostRejected, match="400"):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert linkedin_server.live_posts() == []


def test_429_is_rate_limited_with_the_servers_retry_after(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    linkedin_server.inject(Fault("status", "POST", "/rest/posts", status=429, headers={"Retry-After": "42"}))
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    with pytest.raises(RateLimited) as caught:
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert caught.value.retry_after == 42
    assert linkedin_server.live_posts() == []


def test_a_500_on_post_is_an_unknown_outcome(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    linkedin_server.inject(Fault("status", "POST", "/rest/posts", status=500))
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")


def test_a_hang_after_accepting_is_an_unknown_outcome_and_one_post_exists(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    linkedin_server.inject(Fault("hang_after", "POST", "/rest/posts"))
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert len(linkedin_server.live_posts()) == 1


def test_a_connection_dropped_before_reading_posts_nothing(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    linkedin_server.inject(Fault("drop", "POST", "/rest/posts"))
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())

    # We cannot know the request was not read, so the outcome is unknown to us...
    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    # ...but nothing was posted.
    assert linkedin_server.live_posts() == []


def test_an_unreachable_network_posts_nothing(
    settings: Settings, linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())
    settings.LINKEDIN_API_BASE = "http://127.0.0.1:9"  # nothing listens on the discard port

    with pytest.raises(NetworkUnreachable):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")


def test_an_expired_token_is_rejected(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    expired = linkedin_server.issue_token(expires_in=-1)

    with pytest.raises(TokenRejected):
        provider.post(credentials=_credentials(linkedin_server, expired), text="Hello", idempotency_key="share-1")
    with pytest.raises(TokenRejected):
        provider.fetch_identity(tokens=TokenSet(access_token=expired.access_token), instance="")
    assert linkedin_server.live_posts() == []


def test_a_post_is_deleted(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")

    provider.delete(credentials=credentials, external_id=result.external_id)
    provider.delete(credentials=credentials, external_id=result.external_id)  # already gone: fine

    assert linkedin_server.posts[result.external_id].deleted
    assert linkedin_server.live_posts() == []


def test_engagement_without_the_analytics_scope_is_zero_and_asks_nothing(
    linkedin_server: LinkedInServer, provider: NetworkProvider
) -> None:
    credentials = _credentials(linkedin_server, linkedin_server.issue_token())
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    linkedin_server.set_metrics(result.external_id, REACTION=5)

    assert provider.engagement(credentials=credentials, external_id=result.external_id) == Engagement()
    assert not any(r.path == "/rest/memberCreatorPostAnalytics" for r in linkedin_server.requests)


def test_engagement_with_the_analytics_scope(linkedin_server: LinkedInServer, provider: NetworkProvider) -> None:
    token = linkedin_server.issue_token(scopes=("openid", "profile", "w_member_social", "r_member_postAnalytics"))
    credentials = _credentials(linkedin_server, token)
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    linkedin_server.set_metrics(result.external_id, REACTION=7, COMMENT=2, RESHARE=3, IMPRESSION=410)

    engagement = provider.engagement(credentials=credentials, external_id=result.external_id)

    assert engagement == Engagement(reactions=7, comments=2, reposts=3, impressions=410)


def test_limits(provider: NetworkProvider) -> None:
    assert (provider.max_length, provider.idempotent) == (3000, False)
    assert provider.text_length("日本語 and (brackets)") == 18


@pytest.mark.django_db
def test_an_employee_connects_linkedin_end_to_end(
    linkedin_server: LinkedInServer, employee: Membership, client_for: Any
) -> None:
    client = client_for(employee.user)

    started = client.post("/api/v1/orgs/acme/connections/linkedin/start")
    params = _callback_params(started.json()["authorization_url"])
    done = client.get("/api/v1/connections/linkedin/callback", params, HTTP_ACCEPT="application/json")

    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["account_name"]) == ("active", "Ada Lovelace")
    stored = NetworkConnection.objects.unscoped().get()
    assert decrypt_token(stored.access_token) in linkedin_server.grants
    assert (stored.account_id, stored.scopes) == (linkedin_server.signed_in, "openid profile w_member_social")
