"""The X provider against a strict local X, over real HTTP: the PKCE dance, rotating refresh
tokens, who the account is, posting and every way it can fail, deleting, engagement; and
X's weighted text length."""

from __future__ import annotations

import base64
import hashlib
import secrets
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import requests
from django.utils import timezone
from pytest_django.fixtures import Settings

from advocacy.accounts.models import Membership
from advocacy.networks.models import NetworkConnection
from advocacy.networks.providers import get_provider, text_length_provider
from advocacy.networks.providers.base import (
    ConnectRequest,
    Credentials,
    Engagement,
    InvalidGrant,
    NetworkProvider,
    OutcomeUnknown,
    PostRejected,
    RateLimited,
    TokenRejected,
    TokenSet,
)
from advocacy.networks.providers.x import weighted_length
from advocacy.networks.services import callback_url
from advocacy.networks.tokens import decrypt_token
from tests.networks.servers.base import Fault

if TYPE_CHECKING:
    from tests.networks.servers.x import IssuedToken, XServer

# The x_server fixture.


@pytest.fixture
def provider(x_server: XServer) -> NetworkProvider:
    return get_provider("x")


def _challenge(verifier: str) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()


def _callback_params(authorization_url: str) -> dict[str, str]:
    """Follow the authorize endpoint as a browser would, up to our callback."""
    response = requests.get(authorization_url, allow_redirects=False, timeout=5)
    assert response.status_code == 302, response.text
    return dict(parse_qsl(urlsplit(response.headers["Location"]).query))


def _connect(provider: NetworkProvider, verifier: str) -> tuple[str, str]:
    """(code, redirect_uri) after the account holder consents."""
    redirect_uri = callback_url("x")
    url, _remembered = provider.authorization_url(
        state="state-123", redirect_uri=redirect_uri, code_verifier=verifier, request=ConnectRequest()
    )
    params = _callback_params(url)
    assert "error" not in params, params
    assert params["state"] == "state-123"
    return params["code"], redirect_uri


def _credentials(server: XServer, token: IssuedToken, account_id: str | None = None) -> Credentials:
    return Credentials(
        connection_id="connection-1",
        organization_id="org-1",
        account_id=account_id or server.signed_in,
        access_token=token.access_token,
        scopes=token.scopes,
    )


# --- OAuth -------------------------------------------------------------------------------
def test_the_authorization_url_carries_the_pkce_challenge(
    settings: Settings, x_server: XServer, provider: NetworkProvider
) -> None:
    verifier = secrets.token_urlsafe(48)

    url, remembered = provider.authorization_url(
        state="s-1", redirect_uri=callback_url("x"), code_verifier=verifier, request=ConnectRequest()
    )

    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == settings.X_AUTH_URL
    assert dict(parse_qsl(parts.query)) == {
        "response_type": "code",
        "client_id": x_server.client_id,
        "redirect_uri": callback_url("x"),
        "scope": "tweet.read tweet.write users.read offline.access",
        "state": "s-1",
        "code_challenge": _challenge(verifier),
        "code_challenge_method": "S256",
    }
    assert verifier not in url
    assert remembered == {}


def test_the_code_is_exchanged_with_the_verifier_and_the_account_identified(
    x_server: XServer, provider: NetworkProvider
) -> None:
    verifier = secrets.token_urlsafe(48)
    code, redirect_uri = _connect(provider, verifier)

    tokens = provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier=verifier, remembered={})
    identity = provider.fetch_identity(tokens=tokens, instance="")

    assert tokens.access_token in x_server.grants
    assert tokens.refresh_token  # offline.access
    assert tokens.scopes == "offline.access tweet.read tweet.write users.read"
    assert tokens.expires_at is not None
    assert abs(tokens.expires_at - (timezone.now() + timedelta(hours=2))) < timedelta(minutes=1)
    token_request = next(r for r in x_server.requests if r.path == "/2/oauth2/token")
    assert token_request.headers["authorization"].startswith("Basic ")
    assert "client_secret" not in token_request.form()
    assert token_request.form()["code_verifier"] == verifier
    assert (identity.account_id, identity.account_name, identity.account_url) == (
        x_server.signed_in,
        "Ada Lovelace",
        "https://x.com/ada_l",
    )


def test_a_wrong_code_verifier_is_refused(x_server: XServer, provider: NetworkProvider) -> None:
    code, redirect_uri = _connect(provider, secrets.token_urlsafe(48))

    with pytest.raises(InvalidGrant):
        provider.exchange_code(
            code=code, redirect_uri=redirect_uri, code_verifier=secrets.token_urlsafe(48), remembered={}
        )
    assert x_server.grants == {}


def test_the_client_must_authenticate(settings: Settings, x_server: XServer, provider: NetworkProvider) -> None:
    verifier = secrets.token_urlsafe(48)
    code, redirect_uri = _connect(provider, verifier)
    settings.X_CLIENT_SECRET = "not-the-secret"

    with pytest.raises(PostRejected, match="Missing valid authorization header"):
        provider.exchange_code(code=code, redirect_uri=redirect_uri, code_verifier=verifier, remembered={})


def test_the_authorize_endpoint_is_strict(settings: Settings, x_server: XServer) -> None:
    base = {
        "response_type": "code",
        "client_id": x_server.client_id,
        "redirect_uri": callback_url("x"),
        "scope": "tweet.read users.read",
        "state": "s",
        "code_challenge": _challenge("v" * 50),
        "code_challenge_method": "S256",
    }

    def ask(**changes: str) -> requests.Response:
        params = {key: value for key, value in {**base, **changes}.items() if value}
        return requests.get(settings.X_AUTH_URL, params=params, allow_redirects=False, timeout=5)

    assert "code=" in ask().headers["Location"]
    assert ask(redirect_uri="https://evil.example/cb").status_code == 400
    assert ask(client_id="someone-else").status_code == 400
    assert "error=invalid_scope" in ask(scope="tweet.read dm.everything").headers["Location"]
    assert "error=invalid_request" in ask(code_challenge="").headers["Location"]
    assert "error=invalid_request" in ask(code_challenge_method="plain").headers["Location"]
    assert "error=invalid_request" in ask(state="").headers["Location"]


def test_refresh_tokens_rotate(x_server: XServer, provider: NetworkProvider) -> None:
    first = x_server.issue_token()

    second = provider.refresh(refresh_token=first.refresh_token, instance="")
    third = provider.refresh(refresh_token=second.refresh_token, instance="")

    assert len({first.refresh_token, second.refresh_token, third.refresh_token}) == 3
    assert third.access_token in x_server.grants
    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token=first.refresh_token, instance="")
    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token=second.refresh_token, instance="")


def test_a_used_refresh_token_is_a_dead_grant_in_xs_own_words(x_server: XServer, provider: NetworkProvider) -> None:
    x_server.dead_refresh_error = "invalid_request"  # what X itself answers
    first = x_server.issue_token()
    provider.refresh(refresh_token=first.refresh_token, instance="")

    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token=first.refresh_token, instance="")


def test_a_rate_limited_token_endpoint_is_the_apps_limit(x_server: XServer, provider: NetworkProvider) -> None:
    x_server.inject(Fault("status", "POST", "/2/oauth2/token", status=429, headers={"Retry-After": "30"}))

    with pytest.raises(RateLimited) as caught:
        provider.refresh(refresh_token=x_server.issue_token().refresh_token, instance="")
    assert (caught.value.retry_after, caught.value.scope) == (30, "app")


# --- posting -----------------------------------------------------------------------------
def test_a_post_is_created(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())

    result = provider.post(credentials=credentials, text="My take on the report 📈", idempotency_key="share-1")

    [tweet] = x_server.live_tweets()
    assert tweet.text == "My take on the report 📈"
    assert result.external_id == tweet.id
    assert result.external_url == f"https://x.com/i/web/status/{tweet.id}"


def test_429_is_rate_limited_until_xs_reset_time(x_server: XServer, provider: NetworkProvider) -> None:
    reset = int(time.time()) + 120
    x_server.inject(
        Fault("status", "POST", "/2/tweets", status=429, headers={"x-rate-limit-reset": str(reset)}, body={})
    )
    credentials = _credentials(x_server, x_server.issue_token())

    with pytest.raises(RateLimited) as caught:
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert 115 <= caught.value.retry_after <= 120
    assert x_server.live_tweets() == []


def test_a_500_on_post_is_an_unknown_outcome(x_server: XServer, provider: NetworkProvider) -> None:
    x_server.inject(Fault("status", "POST", "/2/tweets", status=503))
    credentials = _credentials(x_server, x_server.issue_token())

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")


def test_a_hang_after_accepting_is_an_unknown_outcome_and_one_post_exists(
    x_server: XServer, provider: NetworkProvider
) -> None:
    x_server.inject(Fault("hang_after", "POST", "/2/tweets"))
    credentials = _credentials(x_server, x_server.issue_token())

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert len(x_server.live_tweets()) == 1


def test_a_connection_dropped_before_reading_posts_nothing(x_server: XServer, provider: NetworkProvider) -> None:
    x_server.inject(Fault("drop", "POST", "/2/tweets"))
    credentials = _credentials(x_server, x_server.issue_token())

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    assert x_server.live_tweets() == []


def test_an_expired_token_is_rejected(x_server: XServer, provider: NetworkProvider) -> None:
    expired = x_server.issue_token(expires_in=-1)

    with pytest.raises(TokenRejected):
        provider.post(credentials=_credentials(x_server, expired), text="Hello", idempotency_key="share-1")
    with pytest.raises(TokenRejected):
        provider.fetch_identity(tokens=TokenSet(access_token=expired.access_token), instance="")
    assert x_server.live_tweets() == []


def test_the_same_text_twice_is_refused_by_x(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())
    provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")

    with pytest.raises(PostRejected, match="duplicate content"):
        provider.post(credentials=credentials, text="Hello", idempotency_key="share-2")
    assert len(x_server.live_tweets()) == 1


def test_a_text_over_280_weighted_characters_is_refused(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())
    text = "日本" * 70 + "!"  # 141 characters, 281 weighted

    assert provider.text_length(text) == 281 > provider.max_length
    with pytest.raises(PostRejected, match="too long"):
        provider.post(credentials=credentials, text=text, idempotency_key="share-1")


def test_a_post_is_deleted(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")

    provider.delete(credentials=credentials, external_id=result.external_id)

    assert x_server.tweets[result.external_id].deleted
    with pytest.raises(PostRejected):
        provider.delete(credentials=credentials, external_id=result.external_id)


def test_engagement_comes_from_public_metrics(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    x_server.set_metrics(
        result.external_id, like_count=9, reply_count=2, retweet_count=3, quote_count=1, impression_count=512
    )

    engagement = provider.engagement(credentials=credentials, external_id=result.external_id)

    assert engagement == Engagement(reactions=9, comments=2, reposts=4, impressions=512)
    read = [r for r in x_server.requests if r.method == "GET" and r.path.startswith("/2/tweets/")]
    assert read[-1].query == {"tweet.fields": "public_metrics"}


def test_engagement_of_a_deleted_post_is_refused(x_server: XServer, provider: NetworkProvider) -> None:
    credentials = _credentials(x_server, x_server.issue_token())
    result = provider.post(credentials=credentials, text="Hello", idempotency_key="share-1")
    provider.delete(credentials=credentials, external_id=result.external_id)

    with pytest.raises(PostRejected, match="Could not find tweet"):
        provider.engagement(credentials=credentials, external_id=result.external_id)


# --- weighted length ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hello", 5),
        ("", 0),
        ("x" * 280, 280),
        # Every link counts 23, short or long.
        ("https://example.com/a/very/long/path/that/goes/on/and/on?utm_source=advocacy", 23),
        ("see https://a.co", 4 + 23),
        ("Read example.com now", 5 + 23 + 4),
        ("t.co", 23),
        ("example.io/report", 23),
        ("Read example.io now", 19),  # a bare two-letter domain without a path is not a link
        ("www.bbc.co.uk", 23),
        ("Look: https://example.com/page. Next", 6 + 23 + 6),  # the full stop is not the link's
        ("https://en.wikipedia.org/wiki/Primer_(film)", 23),
        ("(https://example.com)", 1 + 23 + 1),
        ("jane@example.com", 16),  # an e-mail address is not a link
        ("https://example.com日本語", 23 + 6),
        # CJK and other code points past U+10FF weigh 2.
        ("日本語", 6),
        ("한국", 4),
        ("€", 2),
        ("…", 2),
        ("“quote”", 7),  # U+2018..U+201F weigh 1
        ("café", 4),
        ("cafe\u0301", 4),  # normalised to NFC first
        # Every emoji weighs 2, however many code points it is made of.
        ("😀", 2),
        ("👍🏽", 2),
        ("👨\u200d👩\u200d👧\u200d👦", 2),
        ("🇫🇷", 2),
        ("1\ufe0f\u20e3", 2),
        ("❤\ufe0f", 2),
        ("🏳\ufe0f\u200d🌈", 2),
        ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", 2),
        ("©", 1),
        ("Great quarter 🎉 https://acme.example.com/q3 #results", 14 + 2 + 1 + 23 + 9),
    ],
)
def test_weighted_length(text: str, expected: int) -> None:
    assert weighted_length(text) == expected


def test_the_length_rules_apply_without_x_credentials() -> None:
    provider = text_length_provider("x")

    assert (provider.max_length, provider.idempotent) == (280, False)
    assert provider.text_length("日" * 140) == 280
    assert provider.text_length("日" * 140 + "a") == 281


@pytest.mark.django_db
def test_an_employee_connects_x_end_to_end(x_server: XServer, employee: Membership, client_for: Any) -> None:
    client = client_for(employee.user)

    started = client.post("/api/v1/orgs/acme/connections/x/start")
    params = _callback_params(started.json()["authorization_url"])
    done = client.get("/api/v1/connections/x/callback", params, HTTP_ACCEPT="application/json")

    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["account_name"]) == ("active", "Ada Lovelace")
    stored = NetworkConnection.objects.unscoped().get()
    assert decrypt_token(stored.access_token) in x_server.grants
    assert decrypt_token(stored.refresh_token) in x_server.refresh_grants
    assert (stored.account_id, stored.account_url) == (x_server.signed_in, "https://x.com/ada_l")
