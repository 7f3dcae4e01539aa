"""Headless authentication as API.md describes it: app session tokens, browser sessions with
CSRF, logout, throttling, signup with email verification and password reset."""

import re
from typing import Any
from urllib.parse import unquote

import pytest
from django.core import mail
from django.test import Client

from advocacy.accounts.models import Membership, User
from tests.factories import PASSWORD

APP = "/_allauth/app/v1"
BROWSER = "/_allauth/browser/v1"


def _app_login(client: Client, email: str, password: str) -> Any:
    return client.post(f"{APP}/auth/login", {"email": email, "password": password}, content_type="application/json")


def test_app_login_returns_a_session_token_that_authenticates_api_calls(employee: Membership) -> None:
    client = Client()

    response = _app_login(client, employee.user.email, PASSWORD)
    token = response.json()["meta"]["session_token"]
    me = Client().get("/api/v1/me", HTTP_X_SESSION_TOKEN=token)

    assert response.status_code == 200
    assert me.status_code == 200
    assert me.json()["email"] == employee.user.email
    assert me.json()["memberships"] == [
        {
            "org_slug": "acme",
            "org_name": "Acme",
            "org_role": "employee",
            "advocacy_roles": [],
            "advocacy_role_names": [],
            "ambassador": False,
            "policy_acknowledged": True,
        }
    ]


def test_wrong_password_is_refused_with_json(employee: Membership) -> None:
    response = _app_login(Client(), employee.user.email, "not the password")

    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "email_password_mismatch"


def test_repeated_wrong_passwords_are_throttled(employee: Membership) -> None:
    client = Client()
    answers = [_app_login(client, employee.user.email, "wrong password!") for _ in range(6)]
    right_password = _app_login(client, employee.user.email, PASSWORD)

    assert [a.json()["errors"][0]["code"] for a in answers[:5]] == ["email_password_mismatch"] * 5
    assert answers[5].json()["errors"][0]["code"] == "too_many_login_attempts"
    # Even the right password is refused while the lock-out lasts.
    assert right_password.status_code == 400
    assert right_password.json()["errors"][0]["code"] == "too_many_login_attempts"


def test_many_logins_from_one_address_get_429(db: Any) -> None:
    client = Client()
    codes = [_app_login(client, f"nobody{n}@example.com", "wrong password!").status_code for n in range(35)]

    assert codes[0] == 400
    assert codes[-1] == 429


def test_unauthenticated_api_requests_get_a_json_401() -> None:
    response = Client().get("/api/v1/me")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_authenticated"


def test_an_invalid_session_token_is_refused(db: Any) -> None:
    response = Client().get("/api/v1/me", HTTP_X_SESSION_TOKEN="made-up")

    assert response.status_code == 401
    assert response.json()["code"] in {"not_authenticated", "authentication_failed"}


def test_app_logout_ends_the_session(employee: Membership) -> None:
    token = _app_login(Client(), employee.user.email, PASSWORD).json()["meta"]["session_token"]

    logout = Client().delete(f"{APP}/auth/session", HTTP_X_SESSION_TOKEN=token)

    assert logout.status_code == 401  # allauth answers "not authenticated any more"
    assert Client().get("/api/v1/me", HTTP_X_SESSION_TOKEN=token).status_code == 401


def test_browser_flow_needs_csrf_and_then_uses_the_session_cookie(employee: Membership) -> None:
    client = Client(enforce_csrf_checks=True)
    client.get(f"{BROWSER}/auth/session")  # sets the csrftoken cookie
    csrf = client.cookies["csrftoken"].value

    without_csrf = client.post(
        f"{BROWSER}/auth/login", {"email": employee.user.email, "password": PASSWORD}, content_type="application/json"
    )
    login = client.post(
        f"{BROWSER}/auth/login",
        {"email": employee.user.email, "password": PASSWORD},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=csrf,
    )
    csrf = client.cookies["csrftoken"].value  # rotated at login
    me = client.get("/api/v1/me")
    unsafe_without_csrf = client.post("/api/v1/orgs/", {"name": "New"}, content_type="application/json")
    logout = client.delete(f"{BROWSER}/auth/session", HTTP_X_CSRFTOKEN=csrf)

    assert without_csrf.status_code == 403
    assert login.status_code == 200
    assert me.status_code == 200
    assert unsafe_without_csrf.status_code == 403
    assert unsafe_without_csrf.json()["code"] == "permission_denied"
    assert logout.status_code == 401
    assert client.get("/api/v1/me").status_code in (401, 403)


def test_csrf_endpoint_sets_the_cookie(db: Any) -> None:
    client = Client()

    response = client.get("/api/v1/csrf")

    assert response.status_code == 204
    assert client.cookies["csrftoken"].value


def test_signup_requires_email_verification_before_login(db: Any) -> None:
    client = Client()

    signup = client.post(
        f"{APP}/auth/signup",
        {"email": "New.Person@Example.com", "password": "a long new password"},
        content_type="application/json",
    )
    pending_token = signup.json()["meta"]["session_token"]
    link = re.search(r"/account/verify-email/([^\s]+)", mail.outbox[-1].body)
    assert link is not None
    key = unquote(link.group(1))
    verify = client.post(
        f"{APP}/auth/email/verify", {"key": key}, content_type="application/json", HTTP_X_SESSION_TOKEN=pending_token
    )

    assert signup.status_code == 401
    assert any(flow.get("is_pending") and flow["id"] == "verify_email" for flow in signup.json()["data"]["flows"])
    assert verify.status_code == 200
    assert User.objects.get(email="new.person@example.com")
    assert _app_login(Client(), "new.person@example.com", "a long new password").status_code == 200


def test_an_unverified_address_cannot_log_in(db: Any) -> None:
    User.objects.create_user("unverified@example.com", "a long new password")

    response = _app_login(Client(), "unverified@example.com", "a long new password")

    assert response.status_code == 401
    assert any(flow.get("is_pending") for flow in response.json()["data"]["flows"])


def test_password_reset_by_email_link(employee: Membership) -> None:
    client = Client()

    request = client.post(
        f"{APP}/auth/password/request", {"email": employee.user.email}, content_type="application/json"
    )
    link = re.search(r"/account/password/reset/key/([^\s]+)", mail.outbox[-1].body)
    assert link is not None
    key = unquote(link.group(1))
    reset = client.post(
        f"{APP}/auth/password/reset", {"key": key, "password": "a brand new password"}, content_type="application/json"
    )

    assert request.status_code == 200
    assert reset.status_code in (200, 401)
    assert _app_login(Client(), employee.user.email, PASSWORD).status_code == 400
    assert _app_login(Client(), employee.user.email, "a brand new password").status_code == 200


@pytest.mark.parametrize("path", ["/api/v1/orgs/acme/", "/api/v1/orgs/acme/members/", "/api/v1/orgs/acme/audit/"])
def test_session_token_reaches_tenant_endpoints(admin: Membership, path: str) -> None:
    token = _app_login(Client(), admin.user.email, PASSWORD).json()["meta"]["session_token"]

    assert Client().get(path, HTTP_X_SESSION_TOKEN=token).status_code == 200
