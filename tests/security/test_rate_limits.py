"""Rate limits on login, invitation acceptance, share creation and confirmation: a 429 JSON
``{"code": "throttled", "detail", "retry_after"}`` with ``Retry-After``, per person and
organisation, counted in the shared cache (Redis in production)."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.test import Client
from django.urls import get_resolver
from rest_framework.settings import api_settings
from rest_framework.throttling import UserRateThrottle

from advocacy.accounts.models import Membership, Organization, OrgRole
from advocacy.accounts.selectors import token_hash
from advocacy.core.throttling import ActionScopedRateThrottle
from tests.conftest import MakeMember
from tests.factories import PASSWORD, InvitationFactory, UserFactory
from tests.security.test_csrf import _patterns

SHARES = "/api/v1/orgs/{slug}/shares/"


@pytest.fixture
def rates(settings: Any) -> Any:
    """Sets the rates of some scopes (the rest stay as test.py raised them)."""

    def set_rates(**scopes: str) -> None:
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], **scopes},
        }

    return set_rates


def assert_throttled(response: Any) -> None:
    assert response.status_code == 429, (response.status_code, response.content[:200])
    body = response.json()
    assert body["code"] == "throttled"
    assert body["detail"]
    assert 0 < body["retry_after"] <= 60
    assert response["Retry-After"] == str(body["retry_after"])


def test_every_scope_a_view_names_has_a_rate() -> None:
    """A scope without a rate would be a 500 at the first request: every view's
    throttle_scopes, found through the URL resolver, name configured scopes."""
    named = set()
    for _route, pattern in _patterns(get_resolver().url_patterns):
        view = getattr(pattern.callback, "cls", None)
        named |= set((getattr(view, "throttle_scopes", None) or {}).values())
    assert named == {"invitation_accept", "share_create", "share_confirm"}
    assert named <= set(api_settings.DEFAULT_THROTTLE_RATES)
    # The production defaults, not the test overrides, are finite and parse.
    from config.settings.base import API_THROTTLE_RATES

    for scope in named:
        count, seconds = ActionScopedRateThrottle().parse_rate(API_THROTTLE_RATES[scope])
        assert count
        assert seconds


def test_share_creation_is_limited_per_member_and_organisation(
    org: Organization, outsider_org: Organization, make_member: MakeMember, client_for: Any, rates: Any
) -> None:
    rates(share_create="2/min")
    member, colleague = make_member(org), make_member(org)
    outsider = make_member(outsider_org)
    # Refused drafts count too: the budget is for attempts, so probing is limited as well.
    attempts = [client_for(member.user).post(SHARES.format(slug="acme"), {}, format="json") for _ in range(3)]

    assert [a.status_code for a in attempts[:2]] == [400, 400]
    assert_throttled(attempts[2])
    assert client_for(colleague.user).post(SHARES.format(slug="acme"), {}, format="json").status_code == 400
    assert client_for(outsider.user).post(SHARES.format(slug="outsider"), {}, format="json").status_code == 400
    # Reading and previewing are not creation.
    assert client_for(member.user).get(SHARES.format(slug="acme")).status_code == 200
    assert client_for(member.user).post(SHARES.format(slug="acme") + "preview", {}, format="json").status_code == 400


def test_the_same_person_in_another_organisation_has_their_own_budget(
    org: Organization, outsider_org: Organization, make_member: MakeMember, client_for: Any, rates: Any
) -> None:
    rates(share_create="1/min")
    member = make_member(org)
    make_member(outsider_org, user=member.user)
    client = client_for(member.user)

    client.post(SHARES.format(slug="acme"), {}, format="json")

    assert_throttled(client.post(SHARES.format(slug="acme"), {}, format="json"))
    assert client.post(SHARES.format(slug="outsider"), {}, format="json").status_code == 400


def test_share_confirmation_is_limited(
    employee: Membership, make_member: MakeMember, client_for: Any, rates: Any
) -> None:
    rates(share_confirm="2/min")
    confirm = SHARES.format(slug="acme") + f"{uuid.uuid4()}/confirm"
    client = client_for(employee.user)

    answers = [client.post(confirm, {"text_sha256": "0" * 64}, format="json") for _ in range(3)]
    colleague = client_for(make_member(employee.organization).user).post(confirm, {}, format="json")

    assert [a.status_code for a in answers[:2]] == [404, 404]
    assert_throttled(answers[2])
    assert colleague.status_code == 404


def test_invitation_acceptance_is_limited_per_user(org: Organization, client_for: Any, rates: Any) -> None:
    rates(invitation_accept="3/min")
    guesser = client_for(UserFactory())
    guesses = [guesser.post(f"/api/v1/invitations/guess-{n}/accept") for n in range(4)]
    InvitationFactory(organization=org, email="new.hire@example.com", token_hash=token_hash("real-token"))
    invitee = UserFactory(email="new.hire@example.com")

    accepted = client_for(invitee).post("/api/v1/invitations/real-token/accept")

    assert [g.status_code for g in guesses[:3]] == [404, 404, 404]
    assert_throttled(guesses[3])
    # Someone else is not held up by the guesser.
    assert accepted.status_code == 200
    assert accepted.json()["org_role"] == OrgRole.EMPLOYEE


def test_invitation_preview_keeps_a_limit_for_signed_in_callers(
    db: Any, client_for: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The preview's anonymous throttle skips signed-in callers; the per-user default applies."""
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "2/min"})
    client = client_for(UserFactory())

    answers = [client.get(f"/api/v1/invitations/guess-{n}") for n in range(3)]

    assert [a.status_code for a in answers[:2]] == [404, 404]
    assert_throttled(answers[2])


def _app_login(email: str, password: str) -> Any:
    return Client().post(
        "/_allauth/app/v1/auth/login", {"email": email, "password": password}, content_type="application/json"
    )


def test_login_rate_limit_comes_from_the_settings(employee: Membership, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip", "login_failed": "100/m/ip"}

    answers = [_app_login(employee.user.email, "wrong password!") for _ in range(2)]
    third = _app_login(employee.user.email, PASSWORD)

    assert [a.status_code for a in answers] == [400, 400]
    assert third.status_code == 429
    assert third.json()["status"] == 429


def test_browser_login_is_throttled_too(employee: Membership, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "1/m/ip"}
    client = Client()
    client.get("/_allauth/browser/v1/auth/session")

    def login() -> Any:
        return client.post(
            "/_allauth/browser/v1/auth/login",
            {"email": employee.user.email, "password": "wrong password!"},
            content_type="application/json",
        )

    assert login().status_code == 400
    assert login().status_code == 429


@pytest.fixture
def redis_cache(settings: Any) -> Iterator[redis.Redis]:
    """The cache configured as in production: Redis at REDIS_URL (its own key prefix)."""
    url = django_settings.TEST_REDIS_URL
    if not url:
        pytest.skip("REDIS_URL is not set")
    prefix = f"test-throttle-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": prefix}
    }
    client = redis.Redis.from_url(url)
    yield client
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


def test_throttle_counters_live_in_the_shared_redis_cache(
    employee: Membership, client_for: Any, rates: Any, redis_cache: redis.Redis
) -> None:
    rates(share_create="2/min")
    prefix = django_settings.CACHES["default"]["KEY_PREFIX"]

    # Two separate clients (as two web processes would see them) share one budget.
    client_for(employee.user).post(SHARES.format(slug="acme"), {}, format="json")
    client_for(employee.user).post(SHARES.format(slug="acme"), {}, format="json")
    third = client_for(employee.user).post(SHARES.format(slug="acme"), {}, format="json")

    assert_throttled(third)
    keys = [key.decode() for key in redis_cache.scan_iter(f"{prefix}:*share_create*")]
    assert keys == [f"{prefix}:1:throttle_share_create_acme:user:{employee.user.pk}"]
    assert isinstance(caches["default"], RedisCache)
    assert len(cache.get(f"throttle_share_create_acme:user:{employee.user.pk}")) == 2
