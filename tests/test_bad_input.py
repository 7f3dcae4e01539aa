"""Bad input to every write endpoint is a JSON error with a stable code: never a 500, never
HTML, and nothing is half-written."""

import json
import re
from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.core.models import AuditEvent
from config.urls import router
from tests.tenant_objects import make_tenant_object

GARBAGE_JSON: list[Any] = [
    [],
    "a string",
    12345,
    {
        "email": 5,
        "name": {"nested": [1]},
        "org_role": ["admin"],
        "settings": "x",
        "kind": None,
        "email_domains": "acme.example",
        "ambassador": "maybe",
        "is_active": [],
        "slug": "!!!",
    },
    {"name": "x" * 100_000, "email": "a@" + "b" * 300 + ".com", "settings": {"default_disclaimer": "y" * 5000}},
    {"name": "\u0000nul", "email": "nul\u0000@example.com", "settings": {"default_disclaimer": "\u0000"}},
    {"settings": {"daily_share_cap": 10**30, "originality_threshold": "NaN", "networks_enabled": [None]}},
]


def _write_paths(org: Organization) -> list[tuple[str, str]]:
    """Every endpoint that takes a body: creates, updates and POST actions."""
    paths = [
        ("post", "/api/v1/orgs/"),
        ("patch", "/api/v1/orgs/acme/"),
        ("patch", "/api/v1/orgs/acme/me/notifications"),
        ("delete", "/api/v1/orgs/acme/"),
    ]
    for prefix, viewset, _ in router.registry:
        collection = "/api/v1/" + re.sub(r"\(\?P<org_slug>[^)]*\)", org.slug, prefix)
        obj = make_tenant_object(viewset.model, org)
        if hasattr(viewset, "create"):
            paths.append(("post", f"{collection}/"))
        if hasattr(viewset, "partial_update"):
            paths.append(("patch", f"{collection}/{obj.pk}/"))
        for extra in viewset.get_extra_actions():
            url_path = re.sub(r"\(\?P<network>[^)]*\)", "sandbox", extra.url_path)
            url_path = re.sub(r"\(\?P<member_id>[^)]*\)", str(obj.pk), url_path)
            if "post" in extra.mapping:
                paths.append(
                    (
                        "post",
                        f"{collection}/{obj.pk}/{url_path}" if extra.detail else f"{collection}/{url_path}",
                    )
                )
    return paths


BODYLESS_ACTIONS = (
    "/submit",
    "/approve",
    "/retire",
    "/restore",
    "/acknowledge",
    "/refresh-preview",
    "/start",
    "/cancel",
    "/invite",
)


def _takes_a_body(path: str) -> bool:
    return not path.endswith(BODYLESS_ACTIONS)


def _assert_json_error(response: Any, path: str = "") -> None:
    assert 400 <= response.status_code < 500, (path, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body.get("code"), str)
    assert body["code"]
    assert isinstance(body.get("detail"), str)


def test_garbage_json_bodies_get_json_errors(
    org: Organization, admin: Membership, client_for: Any, make_member: Any
) -> None:
    make_member(org, "admin")
    client = client_for(admin.user)
    paths = _write_paths(org)
    audit_before = AuditEvent.objects.unscoped().count()
    for method, path in paths:
        if not _takes_a_body(path):
            continue
        for body in GARBAGE_JSON:
            response = client.generic(method.upper(), path, json.dumps(body), content_type="application/json")
            _assert_json_error(response, path)
    assert AuditEvent.objects.unscoped().count() == audit_before

    # Actions without a body (submit, approve, ...) ignore what is sent, and never fail with a 5xx.
    for method, path in paths:
        if not _takes_a_body(path):
            for body in GARBAGE_JSON:
                response = client.generic(method.upper(), path, json.dumps(body), content_type="application/json")
                assert response.status_code < 500, (path, response.content[:300])


@pytest.mark.parametrize(
    ("content_type", "payload", "code"),
    [
        ("application/json", b"{not json", "parse_error"),
        ("application/json", b"\xff\xfe\x00", "parse_error"),
        ("application/x-www-form-urlencoded", b"name=x", "unsupported_media_type"),
        ("text/plain", b"hello", "unsupported_media_type"),
    ],
)
def test_malformed_bodies_get_json_errors(
    org: Organization, admin: Membership, client_for: Any, content_type: str, payload: bytes, code: str
) -> None:
    client = client_for(admin.user)

    for method, path in _write_paths(org):
        response = client.generic(method.upper(), path, payload, content_type=content_type)
        if not _takes_a_body(path) and response.status_code < 500:
            continue
        _assert_json_error(response, path)
        assert response.json()["code"] == code


def test_unknown_api_paths_and_methods_get_json(admin: Membership, client_for: Any) -> None:
    client = client_for(admin.user)

    unknown = client.get("/api/v1/nothing-here")
    bad_id = client.get("/api/v1/orgs/acme/members/not-a-uuid/")
    wrong_method = client.put("/api/v1/orgs/acme/audit/verify", {}, format="json")
    page_out_of_range = client.get("/api/v1/orgs/acme/members/?page=999")

    for response, status, code in [
        (unknown, 404, "not_found"),
        (bad_id, 404, "not_found"),
        (wrong_method, 405, "method_not_allowed"),
        (page_out_of_range, 404, "not_found"),
    ]:
        assert response.status_code == status
        assert response.json()["code"] == code


@pytest.mark.parametrize("path", ["analytics.csv", "archive.jsonl", "archive.csv"])
@pytest.mark.parametrize(
    "query",
    ["?from=%00", "?to=" + "9" * 5000, "?from=2026-02-29", "?from=-2026-01-01", "?to=2026-01-01&to=x", "?from=1e9"],
)
def test_bad_export_ranges_get_json_errors(admin: Membership, client_for: Any, path: str, query: str) -> None:
    response = client_for(admin.user).get(f"/api/v1/orgs/acme/exports/{path}{query}")

    _assert_json_error(response, path + query)


@pytest.mark.parametrize("path", ["analytics/summary", "analytics/objectives"])
@pytest.mark.parametrize(
    "query",
    [
        "?from=%00",
        "?to=" + "9" * 5000,
        "?from=2026-02-29",
        "?from=-2026-01-01",
        "?from=2026-03-02&to=2026-03-01",
        "?from=0001-01-01&to=9999-12-31",
        "?to=0001-01-01",
        "?group_by=%00",
        "?group_by=" + "x" * 5000,
        "?group_by[]=role",
    ],
)
def test_bad_analytics_queries_get_json_errors_or_are_ignored(
    admin: Membership, client_for: Any, path: str, query: str
) -> None:
    response = client_for(admin.user).get(f"/api/v1/orgs/acme/{path}{query}")

    # Objectives take no query: they ignore it; the summary refuses it with a JSON error.
    if path == "analytics/objectives" or query == "?group_by[]=role":
        assert response.status_code == 200
    else:
        _assert_json_error(response, path + query)


@pytest.mark.parametrize(
    "path",
    ["/l/", "/l/../x", "/l/%2e%2e/x", "/l/%2e", "/l/" + "a" * 10_000, "/l/caf%C3%A9", "/l/%00", "/l/%ff", "/l/a/b"],
)
def test_tracked_link_path_tricks_are_404_never_500(db: Any, client: Any, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 404
    assert "Location" not in response
