"""Every write a browser session can make needs the CSRF token: walks every URL the resolver
knows (new endpoints join automatically) with a logged-in, CSRF-enforcing client.

Without the token: 403 ``{"code": "permission_denied", "detail": "CSRF Failed: ..."}``.
With it: the same request gets past the check (whatever the view then answers)."""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.views import APIView

from advocacy.accounts.models import Membership

WRITE_METHODS = ("post", "put", "patch", "delete")
# Writes that take no browser session on purpose, and why.
NO_SESSION_WRITES = {
    # RFC 8058 one-click unsubscribe from mail clients: the signed token in the link is the
    # credential; no cookie is read (authentication_classes = []).
    "digest-unsubscribe",
}
URL_KWARGS = {
    "org_slug": "acme",
    "pk": str(uuid.UUID(int=1)),
    "member_id": str(uuid.UUID(int=2)),
    "task_id": str(uuid.UUID(int=3)),
    "token": "some-token",
    "network": "sandbox",
}


def _patterns(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def _api_writes() -> list[tuple[str, str, str]]:
    """(route name, method, url) for every write on a DRF view under /api/v1/."""
    writes = []
    for route, pattern in _patterns(get_resolver().url_patterns):
        view = getattr(pattern.callback, "cls", None)
        if not (route.startswith("api/v1/") and view and issubclass(view, APIView)):
            continue
        actions = getattr(pattern.callback, "actions", None)
        methods = [m for m in (actions or {}) if m in WRITE_METHODS] if actions else []
        if not actions:
            methods = [m for m in WRITE_METHODS if hasattr(view, m)]
        names = set(pattern.pattern.regex.groupindex)
        url = reverse(pattern.name, kwargs={name: URL_KWARGS[name] for name in names})
        writes += [(pattern.name, method, url) for method in methods]
    return writes


def _allauth_browser_writes() -> list[tuple[str, str]]:
    return [
        (pattern.name or route, "/" + route)
        for route, pattern in _patterns(get_resolver().url_patterns)
        if route.startswith("_allauth/browser/")
    ]


API_WRITES = _api_writes()
ALLAUTH_WRITES = _allauth_browser_writes()


@pytest.fixture
def browser(admin: Membership) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin.user)
    client.get("/api/v1/csrf")
    return client


def _send(client: Client, method: str, url: str, **headers: Any) -> Any:
    return getattr(client, method)(url, data="{}", content_type="application/json", **headers)


def _is_csrf_refusal(response: Any) -> bool:
    return (
        response.status_code == 403
        and response["Content-Type"].startswith("application/json")
        and response.json().get("code") == "permission_denied"
        and response.json().get("detail", "").startswith("CSRF Failed")
    )


def test_the_walk_sees_the_writes_we_know_of() -> None:
    seen = {(name, method) for name, method, _ in API_WRITES}
    for write in [
        ("shares-list", "post"),
        ("shares-confirm", "post"),
        ("members-detail", "patch"),
        ("members-detail", "delete"),
        ("org-detail", "patch"),
        ("orgs", "post"),
        ("invitation-accept", "post"),
        ("voice-profile", "put"),
    ]:
        assert write in seen, write
    assert ("allauth", "login") in {("allauth", name) for name, _ in ALLAUTH_WRITES}


@pytest.mark.parametrize(("name", "method", "url"), API_WRITES, ids=[f"{m} {n}" for n, m, _ in API_WRITES])
def test_every_api_write_needs_the_csrf_token(browser: Client, name: str, method: str, url: str) -> None:
    view = get_resolver().resolve(url).func.cls  # type: ignore[attr-defined]
    if name in NO_SESSION_WRITES:
        assert view.authentication_classes == [], f"{name} reads a session: it must check CSRF"
        return

    without = _send(browser, method, url)
    with_token = _send(browser, method, url, HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value)

    assert _is_csrf_refusal(without), (without.status_code, without.content[:200])
    assert not _is_csrf_refusal(with_token), (with_token.status_code, with_token.content[:200])
    assert with_token.status_code < 500


def test_unlisted_unauthenticated_writes_do_not_exist() -> None:
    unauthenticated = {
        name
        for name, _method, url in API_WRITES
        if get_resolver().resolve(url).func.cls.authentication_classes == []  # type: ignore[attr-defined]
    }
    assert unauthenticated == NO_SESSION_WRITES


@pytest.mark.parametrize(("name", "url"), ALLAUTH_WRITES, ids=[n for n, _ in ALLAUTH_WRITES])
def test_every_allauth_browser_write_needs_the_csrf_token(browser: Client, name: str, url: str) -> None:
    without = browser.post(url, data="{}", content_type="application/json")
    with_token = browser.post(
        url, data="{}", content_type="application/json", HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value
    )

    assert _is_csrf_refusal(without), (without.status_code, without.content[:200])
    assert not _is_csrf_refusal(with_token)
    assert with_token.status_code < 500, (with_token.status_code, with_token.content[:200])


def test_allauths_phone_endpoints_refuse_phone_numbers_instead_of_failing(browser: Client) -> None:
    """allauth routes phone endpoints even though accounts have no phone: a valid number
    used to reach its unimplemented SMS hook (a 500)."""
    response = browser.post(
        "/_allauth/browser/v1/account/phone",
        data={"phone": "+15555550100"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=browser.cookies["csrftoken"].value,
    )

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "phone_not_supported"


def test_the_app_session_token_is_not_a_cookie_so_it_needs_no_csrf(admin: Membership) -> None:
    """API clients authenticate with X-Session-Token (a header a third-party page cannot set)."""
    client = Client(enforce_csrf_checks=True)
    login = client.post(
        "/_allauth/app/v1/auth/login",
        {"email": admin.user.email, "password": "correct horse battery staple"},
        content_type="application/json",
    )
    token = login.json()["meta"]["session_token"]

    created = Client(enforce_csrf_checks=True).post(
        "/api/v1/orgs/", {"name": "Second"}, content_type="application/json", HTTP_X_SESSION_TOKEN=token
    )

    assert created.status_code == 201
