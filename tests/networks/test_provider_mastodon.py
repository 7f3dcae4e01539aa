"""The Mastodon provider against a strict local Mastodon over real HTTP: the instance the
employee names, the SSRF guard, app registration once per instance, OAuth with PKCE,
posting with Idempotency-Key through every failure, delete, engagement and the length rule."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection

from advocacy.core import safe_http
from advocacy.networks.models import MastodonApp
from advocacy.networks.providers.base import (
    ConnectRequest,
    Credentials,
    InvalidGrant,
    InvalidInstance,
    OutcomeUnknown,
    PostRejected,
    RateLimited,
    TokenRejected,
)
from advocacy.networks.providers.mastodon import MastodonProvider, code_challenge, normalize_instance
from advocacy.networks.tokens import decrypt_token
from tests.networks.servers.base import Fault

if TYPE_CHECKING:
    from tests.networks.servers.mastodon import MastodonServer


REDIRECT = "https://advocacy.example.com/api/v1/connections/mastodon/callback"
VERIFIER = "v" * 64
LONG_URL = "https://example.com/reports/2025/annual?utm_source=advocacy&utm_medium=social&utm_campaign=q3"


@pytest.fixture
def provider() -> MastodonProvider:
    return MastodonProvider()


def _start(provider: MastodonProvider, instance: str, state: str = "state-1") -> tuple[str, dict[str, Any]]:
    return provider.authorization_url(
        state=state, redirect_uri=REDIRECT, code_verifier=VERIFIER, request=ConnectRequest(instance=instance)
    )


def _credentials(server: MastodonServer, token: str) -> Credentials:
    return Credentials(
        connection_id="connection-1",
        organization_id="org-1",
        account_id=f"{server.login_as}@{server.instance}",
        access_token=token,
        instance=server.instance,
    )


# --- the instance the employee names ------------------------------------------------------
@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("mastodon.social", "mastodon.social"),
        ("https://mastodon.social", "mastodon.social"),
        ("https://mastodon.social/", "mastodon.social"),
        ("  HTTPS://Mastodon.Social/  ", "mastodon.social"),
        ("mastodon.social.", "mastodon.social"),
        ("https://mastodon.social:443", "mastodon.social"),
        ("social.example.org:8443", "social.example.org:8443"),
        ("http://127.0.0.1:3000", "127.0.0.1:3000"),
        ("bücher.example", "xn--bcher-kva.example"),
    ],
)
def test_an_instance_is_normalised_to_a_lower_case_host(typed: str, expected: str) -> None:
    assert normalize_instance(typed) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "mastodon",
        "mastodon.social/@alice",
        "https://mastodon.social/about",
        "mastodon.social?next=/evil",
        "mastodon.social#top",
        "alice@mastodon.social",
        "@alice@mastodon.social",
        "https://user:secret@mastodon.social",
        "ftp://mastodon.social",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "mastodon.social:99999",
        "mast odon.social",
        "-bad-.example",
    ],
)
def test_anything_but_a_server_name_is_refused(typed: str, provider: MastodonProvider) -> None:
    with pytest.raises(InvalidInstance):
        normalize_instance(typed)
    with pytest.raises(InvalidInstance):
        _start(provider, typed)


# --- the SSRF guard -----------------------------------------------------------------------
@pytest.mark.django_db
def test_a_loopback_instance_is_refused_without_a_request_reaching_it(
    mastodon_server: MastodonServer, provider: MastodonProvider, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False

    with pytest.raises(InvalidInstance, match="private or reserved"):
        _start(provider, mastodon_server.instance)

    assert mastodon_server.requests == []
    assert not MastodonApp.objects.exists()


@pytest.mark.django_db
def test_a_name_resolving_to_a_private_address_is_refused(
    provider: MastodonProvider, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
    resolved: list[str] = []

    def fake_dns(host: str, port: int) -> list[str]:
        resolved.append(host)
        return ["10.20.30.40"]

    monkeypatch.setattr(safe_http, "resolve", fake_dns)

    with pytest.raises(InvalidInstance, match="private or reserved"):
        _start(provider, "mastodon.internal.example")

    assert resolved == ["mastodon.internal.example"]
    assert not MastodonApp.objects.exists()


# --- app registration -----------------------------------------------------------------------
@pytest.mark.django_db
def test_the_app_registers_once_per_instance_and_is_reused(
    mastodon_server: MastodonServer, provider: MastodonProvider, settings: Any
) -> None:
    settings.MASTODON_APP_NAME = "Acme Advocacy"
    settings.MASTODON_APP_WEBSITE = "https://advocacy.example.com"

    first_url, first = _start(provider, mastodon_server.instance)
    second_url, second = _start(provider, f"http://{mastodon_server.instance}/")

    assert mastodon_server.calls("POST", "/api/v1/apps") == 1
    registration = next(r for r in mastodon_server.requests if r.path == "/api/v1/apps").form()
    assert registration == {
        "client_name": "Acme Advocacy",
        "redirect_uris": REDIRECT,
        "scopes": "read write:statuses",
        "website": "https://advocacy.example.com",
    }
    (app,) = MastodonApp.objects.all()
    server_app = mastodon_server.apps[app.client_id]
    assert app.instance == mastodon_server.instance
    assert app.client_secret.startswith("gAAAA")  # encrypted at rest
    assert decrypt_token(app.client_secret) == server_app.client_secret
    assert first == second == {"instance": mastodon_server.instance, "client_id": app.client_id}
    assert parse_qs(urlsplit(first_url).query)["client_id"] == parse_qs(urlsplit(second_url).query)["client_id"]


@pytest.mark.django_db
def test_a_new_callback_url_registers_the_app_again(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    _start(provider, mastodon_server.instance)
    provider.authorization_url(
        state="s",
        redirect_uri="https://new.example.com/callback",
        code_verifier=VERIFIER,
        request=ConnectRequest(instance=mastodon_server.instance),
    )

    assert mastodon_server.calls("POST", "/api/v1/apps") == 2
    (app,) = MastodonApp.objects.all()
    assert app.redirect_uri == "https://new.example.com/callback"


@pytest.mark.django_db(transaction=True)
def test_two_first_registrations_at_once_do_not_crash(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    both_in_flight = threading.Barrier(2, timeout=5)
    mastodon_server.before_app_registered = both_in_flight.wait
    results: list[dict[str, Any]] = []
    errors: list[BaseException] = []

    def connect() -> None:
        try:
            results.append(_start(provider, mastodon_server.instance)[1])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=connect) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert mastodon_server.calls("POST", "/api/v1/apps") == 2
    (app,) = MastodonApp.objects.all()
    assert [r["client_id"] for r in results] == [app.client_id, app.client_id]


# --- OAuth ------------------------------------------------------------------------------------
@pytest.mark.django_db
def test_the_full_oauth_exchange_and_identity(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    url, remembered = _start(provider, mastodon_server.instance, state="signed-state")
    query = parse_qs(urlsplit(url).query)
    callback = mastodon_server.authorize(url)

    tokens = provider.exchange_code(
        code=callback["code"], redirect_uri=REDIRECT, code_verifier=VERIFIER, remembered=remembered
    )
    identity = provider.fetch_identity(tokens=tokens, instance=mastodon_server.instance)

    assert url.startswith(f"http://{mastodon_server.instance}/oauth/authorize?")
    assert query["response_type"] == ["code"]
    assert query["scope"] == ["read write:statuses"]
    assert query["code_challenge"] == [code_challenge(VERIFIER)]
    assert query["code_challenge_method"] == ["S256"]
    assert callback["state"] == "signed-state"
    assert tokens.access_token in mastodon_server.tokens
    assert tokens.refresh_token == ""
    assert tokens.expires_at is None
    assert tokens.scopes == "read write:statuses"
    assert identity.account_id == f"1@{mastodon_server.instance}"
    assert identity.account_name == "Alice Example"
    assert identity.account_url == f"{mastodon_server.url}/@alice"


@pytest.mark.django_db
def test_a_wrong_pkce_verifier_or_a_reused_code_is_refused(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    url, remembered = _start(provider, mastodon_server.instance)
    code = mastodon_server.authorize(url)["code"]

    with pytest.raises(InvalidGrant):
        provider.exchange_code(code=code, redirect_uri=REDIRECT, code_verifier="w" * 64, remembered=remembered)

    code = mastodon_server.authorize(url)["code"]
    provider.exchange_code(code=code, redirect_uri=REDIRECT, code_verifier=VERIFIER, remembered=remembered)
    with pytest.raises(InvalidGrant):
        provider.exchange_code(code=code, redirect_uri=REDIRECT, code_verifier=VERIFIER, remembered=remembered)


@pytest.mark.django_db
def test_an_instance_that_forgot_our_app_makes_us_register_again(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    url, remembered = _start(provider, mastodon_server.instance)
    code = mastodon_server.authorize(url)["code"]
    mastodon_server.apps.clear()

    with pytest.raises(InvalidGrant, match="no longer knows this app"):
        provider.exchange_code(code=code, redirect_uri=REDIRECT, code_verifier=VERIFIER, remembered=remembered)

    assert not MastodonApp.objects.exists()
    _start(provider, mastodon_server.instance)
    assert mastodon_server.calls("POST", "/api/v1/apps") == 2


def test_mastodon_tokens_cannot_be_refreshed(provider: MastodonProvider) -> None:
    with pytest.raises(InvalidGrant):
        provider.refresh(refresh_token="", instance="mastodon.social")


# --- posting ----------------------------------------------------------------------------------
def test_a_post_carries_the_idempotency_key(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    token = mastodon_server.issue_token()

    result = provider.post(
        credentials=_credentials(mastodon_server, token), text="Hello Fediverse", idempotency_key="share-1"
    )

    (status,) = mastodon_server.statuses_of()
    request = next(r for r in mastodon_server.requests if r.path == "/api/v1/statuses")
    assert request.headers["idempotency-key"] == "share-1"
    assert request.bearer() == token
    assert status.text == "Hello Fediverse"
    assert result.external_id == status.id
    assert result.external_url == f"{mastodon_server.url}/@alice/{status.id}"


def test_the_same_idempotency_key_twice_makes_one_status(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    credentials = _credentials(mastodon_server, mastodon_server.issue_token())

    first = provider.post(credentials=credentials, text="Once", idempotency_key="share-2")
    second = provider.post(credentials=credentials, text="Once", idempotency_key="share-2")
    other = provider.post(credentials=credentials, text="Another share", idempotency_key="share-3")

    assert first == second
    assert other.external_id != first.external_id
    assert len(mastodon_server.statuses_of()) == 2


def test_a_429_is_rate_limited_with_retry_after(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=429, headers={"Retry-After": "30"}))

    with pytest.raises(RateLimited) as caught:
        provider.post(
            credentials=_credentials(mastodon_server, mastodon_server.issue_token()), text="Hi", idempotency_key="k"
        )

    assert caught.value.retry_after == 30
    assert mastodon_server.statuses_of() == []


def test_a_500_leaves_the_outcome_unknown(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    mastodon_server.inject(Fault("status", path="/api/v1/statuses", status=500))

    with pytest.raises(OutcomeUnknown):
        provider.post(
            credentials=_credentials(mastodon_server, mastodon_server.issue_token()), text="Hi", idempotency_key="k"
        )


def test_a_hang_after_posting_is_unknown_and_the_retry_does_not_duplicate(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    credentials = _credentials(mastodon_server, mastodon_server.issue_token())
    mastodon_server.inject(Fault("hang_after", path="/api/v1/statuses", hang_seconds=2.0))

    with pytest.raises(OutcomeUnknown):
        provider.post(credentials=credentials, text="Posted, but no answer", idempotency_key="share-9")
    (posted,) = mastodon_server.statuses_of()  # the instance did the work
    retried = provider.post(credentials=credentials, text="Posted, but no answer", idempotency_key="share-9")

    assert retried.external_id == posted.id
    assert len(mastodon_server.statuses_of()) == 1


def test_a_dropped_connection_before_reading_is_unknown(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    mastodon_server.inject(Fault("drop", path="/api/v1/statuses"))

    with pytest.raises(OutcomeUnknown):
        provider.post(
            credentials=_credentials(mastodon_server, mastodon_server.issue_token()), text="Hi", idempotency_key="k"
        )


def test_a_revoked_token_is_rejected(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    token = mastodon_server.issue_token()
    credentials = _credentials(mastodon_server, token)
    posted = provider.post(credentials=credentials, text="Before", idempotency_key="k1")
    mastodon_server.revoke(token)

    with pytest.raises(TokenRejected):
        provider.post(credentials=credentials, text="After", idempotency_key="k2")
    with pytest.raises(TokenRejected):
        provider.engagement(credentials=credentials, external_id=posted.external_id)

    assert len(mastodon_server.statuses_of()) == 1


def test_a_redirect_is_never_followed(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    mastodon_server.inject(
        Fault(
            "status",
            path="/api/v1/statuses",
            status=307,
            headers={"Location": f"{mastodon_server.url}/api/v1/statuses"},
        )
    )

    with pytest.raises(PostRejected, match="redirect"):
        provider.post(
            credentials=_credentials(mastodon_server, mastodon_server.issue_token()), text="Hi", idempotency_key="k"
        )

    assert mastodon_server.calls("POST", "/api/v1/statuses") == 1


# --- delete and engagement --------------------------------------------------------------------
def test_delete_removes_the_status_and_tolerates_it_being_gone(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    credentials = _credentials(mastodon_server, mastodon_server.issue_token())
    posted = provider.post(credentials=credentials, text="Short-lived", idempotency_key="k")

    provider.delete(credentials=credentials, external_id=posted.external_id)
    provider.delete(credentials=credentials, external_id=posted.external_id)

    assert mastodon_server.statuses_of() == []
    assert mastodon_server.calls("DELETE", f"/api/v1/statuses/{posted.external_id}") == 2


def test_engagement_reads_the_status_counters(mastodon_server: MastodonServer, provider: MastodonProvider) -> None:
    credentials = _credentials(mastodon_server, mastodon_server.issue_token())
    posted = provider.post(credentials=credentials, text="Popular", idempotency_key="k")
    status = mastodon_server.statuses[posted.external_id]
    status.favourites_count, status.replies_count, status.reblogs_count = 12, 3, 5

    engagement = provider.engagement(credentials=credentials, external_id=posted.external_id)

    assert (engagement.reactions, engagement.comments, engagement.reposts, engagement.impressions) == (12, 3, 5, None)


# --- the length rule --------------------------------------------------------------------------
def test_links_count_as_23_characters(provider: MastodonProvider) -> None:
    assert provider.max_length == 500
    assert provider.text_length(f"Read this: {LONG_URL}") == len("Read this: ") + 23
    assert provider.text_length("See https://a.co.") == len("See ") + 23 + 1
    assert provider.text_length("Thanks @bob@example.social!") == len("Thanks @bob!")
    assert provider.text_length("Family 👩\u200d👩\u200d👧\u200d👦") == len("Family ") + 1


def test_the_500_character_limit_matches_the_instance(
    mastodon_server: MastodonServer, provider: MastodonProvider
) -> None:
    credentials = _credentials(mastodon_server, mastodon_server.issue_token())
    fits = "x" * (500 - 24) + " " + LONG_URL
    too_long = "x" + fits

    assert len(fits) > 500
    assert provider.text_length(fits) == 500
    assert provider.text_length(too_long) == 501
    provider.post(credentials=credentials, text=fits, idempotency_key="fits")
    with pytest.raises(PostRejected, match="character limit"):
        provider.post(credentials=credentials, text=too_long, idempotency_key="too-long")
    with pytest.raises(PostRejected, match="blank"):
        provider.post(credentials=credentials, text="   ", idempotency_key="blank")
    assert len(mastodon_server.statuses_of()) == 1
