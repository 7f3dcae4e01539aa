"""The Bluesky provider against a strict local PDS over real HTTP: sessions from an app
password, rotating refresh, expired tokens, posts with exact UTF-8 link facets written
under a record key derived from the idempotency key (so a retry overwrites itself), failure
modes, grapheme counting, delete and engagement."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.utils import timezone

from advocacy.networks.providers.base import (
    ConnectRequest,
    Credentials,
    InvalidGrant,
    OutcomeUnknown,
    PostRejected,
    RateLimited,
    TokenRejected,
)
from advocacy.networks.providers.bluesky import BlueskyProvider, link_facets, record_key
from tests.networks.servers.base import Fault

if TYPE_CHECKING:
    from tests.networks.servers.bluesky import BlueskyServer


# The bluesky_server fixture.


REDIRECT = "https://advocacy.example.com/api/v1/connections/bluesky/callback"
APP_PASSWORD = "abcd-efgh-ijkl-mnop"
TID = re.compile(r"[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}")


@pytest.fixture
def provider() -> BlueskyProvider:
    return BlueskyProvider()


@pytest.fixture
def alice(bluesky_server: BlueskyServer) -> str:
    return bluesky_server.add_account("alice.bsky.social", app_password=APP_PASSWORD, password="main-password").did


def _credentials(session: dict[str, str]) -> Credentials:
    return Credentials(
        connection_id="connection-1",
        organization_id="org-1",
        account_id=session["did"],
        access_token=session["accessJwt"],
    )


def _start(provider: BlueskyProvider, handle: str, password: str) -> tuple[str, dict[str, Any]]:
    return provider.authorization_url(
        state="signed-state",
        redirect_uri=REDIRECT,
        code_verifier="unused",
        request=ConnectRequest(handle=handle, app_password=password),
    )


# --- connecting -------------------------------------------------------------------------------
def test_an_app_password_creates_a_session(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    url, remembered = _start(provider, "@Alice.bsky.social", APP_PASSWORD)
    query = parse_qs(urlsplit(url).query)

    tokens = provider.exchange_code(
        code=query["code"][0], redirect_uri=REDIRECT, code_verifier="", remembered=remembered
    )
    identity = provider.fetch_identity(tokens=tokens, instance="")

    assert url.startswith(f"{REDIRECT}?")
    assert query["state"] == ["signed-state"]
    assert "instance" not in remembered
    assert tokens.access_token == remembered["accessJwt"]
    assert tokens.refresh_token == remembered["refreshJwt"]
    assert tokens.expires_at is not None
    assert abs(tokens.expires_at - (timezone.now() + timedelta(hours=2))) < timedelta(seconds=10)
    assert identity.account_id == alice
    assert identity.account_name == "alice.bsky.social"
    assert identity.account_url == "https://bsky.app/profile/alice.bsky.social"
    assert bluesky_server.calls("POST", "com.atproto.server.createSession") == 1


def test_the_one_time_code_must_match(bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider) -> None:
    _url, remembered = _start(provider, "alice.bsky.social", APP_PASSWORD)

    with pytest.raises(InvalidGrant):
        provider.exchange_code(code="forged", redirect_uri=REDIRECT, code_verifier="", remembered=remembered)


def test_a_wrong_password_is_an_invalid_grant_with_a_clear_detail(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    with pytest.raises(InvalidGrant, match="app password") as caught:
        _start(provider, "alice.bsky.social", "wrong-pass-word-here")

    assert "handle" in caught.value.detail
    with pytest.raises(InvalidGrant, match="Enter your Bluesky handle"):
        _start(provider, "alice.bsky.social", "  ")


def test_an_account_password_needing_an_email_code_asks_for_an_app_password(
    bluesky_server: BlueskyServer, provider: BlueskyProvider
) -> None:
    bluesky_server.add_account("bob.bsky.social", password="main-password", email_2fa=True)

    with pytest.raises(InvalidGrant, match="email sign-in code"):
        _start(provider, "bob.bsky.social", "main-password")


def test_refresh_rotates_the_tokens(bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider) -> None:
    session = bluesky_server.issue_session(alice)

    renewed = provider.refresh(refresh_token=session["refreshJwt"], instance="")

    assert renewed.access_token != session["accessJwt"]
    assert renewed.refresh_token != session["refreshJwt"]
    assert provider.fetch_identity(tokens=renewed, instance="").account_id == alice
    with pytest.raises(InvalidGrant):  # the old refresh token was used up
        provider.refresh(refresh_token=session["refreshJwt"], instance="")
    with pytest.raises(InvalidGrant):  # an access token is not a refresh token
        provider.refresh(refresh_token=renewed.access_token, instance="")


def test_an_expired_access_token_is_rejected_then_refresh_fixes_it(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    session = bluesky_server.issue_session(alice, access_lifetime=-60)

    with pytest.raises(TokenRejected):
        provider.post(credentials=_credentials(session), text="Too late", idempotency_key="share-1")
    expired = bluesky_server.requests[-1]
    renewed = provider.refresh(refresh_token=session["refreshJwt"], instance="")
    result = provider.post(
        credentials=Credentials("connection-1", "org-1", alice, renewed.access_token),
        text="Now",
        idempotency_key="share-1",
    )

    assert expired.path == "/xrpc/com.atproto.repo.putRecord"
    assert [p.uri for p in bluesky_server.posts()] == [result.external_id]


# --- posting ----------------------------------------------------------------------------------
def test_a_post_has_link_facets_at_exact_utf8_byte_offsets(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    session = bluesky_server.issue_session(alice)
    text = "Déjà vu 🎉 https://example.com/a. Et https://exemple.fr/é?x=(1) !"

    result = provider.post(credentials=_credentials(session), text=text, idempotency_key="share-1")

    (record,) = bluesky_server.posts(alice)
    rkey = record_key("share-1")
    assert record.value["$type"] == "app.bsky.feed.post"
    assert record.value["text"] == text
    assert record.value["facets"] == [
        {
            # "Déjà vu 🎉 " is 15 bytes: é and à take 2, the emoji 4.
            "index": {"byteStart": 15, "byteEnd": 36},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com/a"}],
        },
        {
            # ". Et " adds 5 bytes; the second link is 26 characters, 27 bytes (é).
            "index": {"byteStart": 41, "byteEnd": 68},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://exemple.fr/é?x=(1)"}],
        },
    ]
    encoded = text.encode()
    assert encoded[15:36].decode() == "https://example.com/a"
    assert encoded[41:68].decode() == "https://exemple.fr/é?x=(1)"
    assert record.rkey == rkey
    assert result.external_id == f"at://{alice}/app.bsky.feed.post/{rkey}"
    assert result.external_url == f"https://bsky.app/profile/{alice}/post/{rkey}"


def test_a_text_without_links_has_no_facets(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    provider.post(credentials=_credentials(bluesky_server.issue_session(alice)), text="Plain", idempotency_key="k")

    assert "facets" not in bluesky_server.posts()[0].value
    assert link_facets("(see https://example.com)") == [
        {
            "index": {"byteStart": 5, "byteEnd": 24},
            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"}],
        }
    ]


def test_the_record_key_is_a_tid_derived_from_the_idempotency_key() -> None:
    keys = {record_key(f"share-{n}") for n in range(500)}

    assert len(keys) == 500
    assert all(TID.fullmatch(key) for key in keys)
    assert record_key("share-1") == record_key("share-1")


def test_a_retry_with_the_same_key_overwrites_instead_of_duplicating(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    credentials = _credentials(bluesky_server.issue_session(alice))

    first = provider.post(credentials=credentials, text="Once", idempotency_key="share-7")
    second = provider.post(credentials=credentials, text="Once", idempotency_key="share-7")
    provider.post(credentials=credentials, text="Another share", idempotency_key="share-8")

    assert first == second
    assert bluesky_server.calls("POST", "com.atproto.repo.putRecord") == 3
    assert len(bluesky_server.posts(alice)) == 2


def test_a_429_is_rate_limited_until_the_reset(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    reset = int(time.time()) + 120
    bluesky_server.inject(
        Fault(
            "status",
            path="/xrpc/com.atproto.repo.putRecord",
            status=429,
            headers={"ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": str(reset)},
            body={"error": "RateLimitExceeded", "message": "Rate Limit Exceeded"},
        )
    )

    with pytest.raises(RateLimited) as caught:
        provider.post(credentials=_credentials(bluesky_server.issue_session(alice)), text="Hi", idempotency_key="k")

    assert 110 <= caught.value.retry_after <= 121
    assert bluesky_server.posts() == []


def test_a_hang_after_writing_is_unknown_and_the_retry_does_not_duplicate(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    credentials = _credentials(bluesky_server.issue_session(alice))
    bluesky_server.inject(Fault("hang_after", path="/xrpc/com.atproto.repo.putRecord", hang_seconds=2.0))

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Written, no answer", idempotency_key="share-5")
    (written,) = bluesky_server.posts()
    retried = provider.post(credentials=credentials, text="Written, no answer", idempotency_key="share-5")

    assert retried.external_id == written.uri
    assert len(bluesky_server.posts()) == 1


def test_a_5xx_on_a_post_is_unknown(bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider) -> None:
    bluesky_server.inject(Fault("status", path="/xrpc/com.atproto.repo.putRecord", status=502))

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=_credentials(bluesky_server.issue_session(alice)), text="Hi", idempotency_key="k")


# --- graphemes --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "graphemes"),
    [
        ("hello", 5),
        ("👩\u200d👩\u200d👧\u200d👦", 1),  # a family: four people joined by ZWJ
        ("👍🏽", 1),  # skin tone modifier
        ("🇫🇷🇩🇪", 2),  # two flags, four regional indicators
        ("e\u0301a\u0301\u0302", 2),  # combining accents
        ("\u1100\u1161\u11a8", 1),  # a Hangul syllable from jamo
        ("a\r\nb", 3),
    ],
)
def test_text_length_counts_grapheme_clusters(text: str, graphemes: int, provider: BlueskyProvider) -> None:
    assert provider.text_length(text) == graphemes


def test_the_300_grapheme_limit_matches_the_service(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    credentials = _credentials(bluesky_server.issue_session(alice))
    fits = "🇫🇷" * 300

    assert len(fits) == 600
    assert provider.text_length(fits) == provider.max_length == 300
    provider.post(credentials=credentials, text=fits, idempotency_key="fits")
    with pytest.raises(PostRejected, match="300 graphemes"):
        provider.post(credentials=credentials, text=fits + "!", idempotency_key="too-long")
    assert len(bluesky_server.posts()) == 1


# --- delete and engagement --------------------------------------------------------------------
def test_delete_removes_the_record_and_tolerates_it_being_gone(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    credentials = _credentials(bluesky_server.issue_session(alice))
    posted = provider.post(credentials=credentials, text="Short-lived", idempotency_key="k")

    provider.delete(credentials=credentials, external_id=posted.external_id)
    provider.delete(credentials=credentials, external_id=posted.external_id)

    assert bluesky_server.posts() == []
    with pytest.raises(PostRejected):
        provider.delete(credentials=credentials, external_id="https://bsky.app/profile/x/post/y")


def test_engagement_reads_likes_replies_reposts_and_quotes(
    bluesky_server: BlueskyServer, alice: str, provider: BlueskyProvider
) -> None:
    credentials = _credentials(bluesky_server.issue_session(alice))
    posted = provider.post(credentials=credentials, text="Popular", idempotency_key="k")
    (record,) = bluesky_server.posts()
    record.like_count, record.reply_count, record.repost_count, record.quote_count = 40, 6, 7, 2

    engagement = provider.engagement(credentials=credentials, external_id=posted.external_id)
    provider.delete(credentials=credentials, external_id=posted.external_id)
    gone = provider.engagement(credentials=credentials, external_id=posted.external_id)

    assert (engagement.reactions, engagement.comments, engagement.reposts) == (40, 6, 9)
    assert (gone.reactions, gone.comments, gone.reposts) == (0, 0, 0)


# --- the server is strict ---------------------------------------------------------------------
@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"rkey": "not-a-tid"}, "InvalidRequest"),
        ({"collection": "app.bsky.feed.like"}, "InvalidRequest"),
        (
            {"record": {"$type": "app.bsky.feed.like", "text": "x", "createdAt": "2025-01-01T00:00:00.000Z"}},
            "InvalidRecord",
        ),
        ({"record": {"$type": "app.bsky.feed.post", "text": "x", "createdAt": "yesterday"}}, "InvalidRecord"),
        (
            {
                "record": {
                    "$type": "app.bsky.feed.post",
                    "text": "é",
                    "createdAt": "2025-01-01T00:00:00.000Z",
                    "facets": [
                        {
                            "index": {"byteStart": 0, "byteEnd": 3},
                            "features": [{"$type": "app.bsky.richtext.facet#link", "uri": "https://x.y"}],
                        }
                    ],
                }
            },
            "InvalidRecord",
        ),
    ],
)
def test_the_server_refuses_what_bluesky_refuses(
    bluesky_server: BlueskyServer, alice: str, change: dict[str, Any], error: str
) -> None:
    session = bluesky_server.issue_session(alice)
    body = {
        "repo": alice,
        "collection": "app.bsky.feed.post",
        "rkey": record_key("k"),
        "record": {"$type": "app.bsky.feed.post", "text": "ok", "createdAt": "2025-01-01T00:00:00.000Z"},
        **change,
    }

    response = requests.post(
        f"{bluesky_server.url}/xrpc/com.atproto.repo.putRecord",
        json=body,
        headers={"Authorization": f"Bearer {session['accessJwt']}"},
        timeout=5,
    )

    assert response.status_code == 400
    assert response.json()["error"] == error
    assert bluesky_server.posts() == []
