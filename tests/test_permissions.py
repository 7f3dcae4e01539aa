"""Who may call what, per organisation role, on every tenant endpoint. The table is the
specification; a route missing from it fails test_every_route_is_in_the_table."""

import re
from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from config.urls import router
from tests.factories import ShareFactory, approved_content
from tests.tenant_objects import make_tenant_object

ADMIN, LEAD, REVIEWER, EMPLOYEE = "admin", "comms_lead", "reviewer", "employee"
EVERYONE = {ADMIN, LEAD, REVIEWER, EMPLOYEE}
COMMS = {ADMIN, LEAD}
LIBRARY = {ADMIN, LEAD, REVIEWER}
ROLE_BODY = {"name": "New role", "objectives": [{"name": "Clicks", "metric": "clicks", "target": 5, "period": "week"}]}

# (method, path under /api/v1/orgs/acme/, roles allowed, body)
TABLE: list[tuple[str, str, set[str], dict[str, Any]]] = [
    ("get", "", EVERYONE, {}),
    ("patch", "", {ADMIN}, {"settings": {"daily_share_cap": 4}}),
    ("patch", "", COMMS, {"settings": {"rollout_stage": "everyone"}}),
    ("get", "members/", EVERYONE, {}),
    ("get", "members/{membership}/", EVERYONE, {}),
    ("patch", "members/{membership}/", {ADMIN}, {"ambassador": True}),
    ("delete", "members/{membership}/", {ADMIN}, {}),
    ("get", "members/{membership}/data-export", {ADMIN}, {}),
    ("post", "members/{membership}/erase", {ADMIN}, {"confirm": "not-their-address@example.com"}),
    ("get", "me/data-export", EVERYONE, {}),
    ("delete", "", {ADMIN}, {"confirm": "not-the-slug"}),
    ("get", "invitations/", {ADMIN}, {}),
    ("post", "invitations/", {ADMIN}, {"email": "new@example.com", "org_role": "employee"}),
    ("get", "invitations/{invitation}/", {ADMIN}, {}),
    ("delete", "invitations/{invitation}/", {ADMIN}, {}),
    ("get", "sso/", {ADMIN}, {}),
    ("post", "sso/", {ADMIN}, {"kind": "oidc", "name": "X", "email_domains": ["a.example"]}),
    ("get", "sso/{ssoprovider}/", {ADMIN}, {}),
    ("patch", "sso/{ssoprovider}/", {ADMIN}, {"enabled": False}),
    ("delete", "sso/{ssoprovider}/", {ADMIN}, {}),
    ("get", "policies/", EVERYONE, {}),
    ("post", "policies/", {ADMIN}, {"title": "Policy", "body": "Be kind."}),
    ("get", "policies/{policy}/", EVERYONE, {}),
    ("post", "policies/{policy}/acknowledge", EVERYONE, {}),
    ("get", "policies/current", EVERYONE, {}),
    ("get", "roles/", EVERYONE, {}),
    ("post", "roles/", COMMS, ROLE_BODY),
    ("get", "roles/{advocacyrole}/", EVERYONE, {}),
    ("patch", "roles/{advocacyrole}/", COMMS, {"description": "Changed"}),
    ("delete", "roles/{advocacyrole}/", COMMS, {}),
    ("post", "roles/{advocacyrole}/restore", COMMS, {}),
    ("get", "roles/{advocacyrole}/grants", {ADMIN}, {}),
    ("post", "roles/{advocacyrole}/grants", {ADMIN}, {"member": "{membership}"}),
    ("delete", "roles/{advocacyrole}/grants/{membership}", {ADMIN}, {}),
    ("get", "audiences/", EVERYONE, {}),
    ("post", "audiences/", COMMS, {"name": "New audience", "topics": ["x"]}),
    ("get", "audiences/{audience}/", EVERYONE, {}),
    ("patch", "audiences/{audience}/", COMMS, {"description": "Changed"}),
    ("delete", "audiences/{audience}/", COMMS, {}),
    ("post", "audiences/{audience}/restore", COMMS, {}),
    ("get", "audiences/{audience}/grants", {ADMIN}, {}),
    ("post", "audiences/{audience}/grants", {ADMIN}, {"member": "{membership}"}),
    ("delete", "audiences/{audience}/grants/{membership}", {ADMIN}, {}),
    ("get", "role-audiences/", EVERYONE, {}),
    ("post", "role-audiences/", COMMS, {"role": "{advocacyrole}", "audience": "{audience}", "level": "lead"}),
    ("get", "role-audiences/{roleaudience}/", EVERYONE, {}),
    ("patch", "role-audiences/{roleaudience}/", COMMS, {"level": "avoid"}),
    ("delete", "role-audiences/{roleaudience}/", COMMS, {}),
    ("get", "role-audiences/matrix", EVERYONE, {}),
    ("get", "reserved-relationships/", EVERYONE, {}),
    ("post", "reserved-relationships/", COMMS, {"name": "Globex", "reason": "Exclusive client"}),
    ("get", "reserved-relationships/{reservedrelationship}/", EVERYONE, {}),
    ("patch", "reserved-relationships/{reservedrelationship}/", COMMS, {"reason": "Changed"}),
    ("delete", "reserved-relationships/{reservedrelationship}/", COMMS, {}),
    ("post", "reserved-relationships/check", EVERYONE, {"network": "x", "text": "hello"}),
    ("get", "content/", LIBRARY, {}),
    ("post", "content/", COMMS, {"title": "New", "url": "https://example.com/a"}),
    ("get", "content/{contentitem}/", LIBRARY, {}),
    ("patch", "content/{contentitem}/", COMMS, {"title": "Changed"}),
    ("delete", "content/{contentitem}/", COMMS, {}),
    ("post", "content/{contentitem}/submit", COMMS, {}),
    ("post", "content/{contentitem}/approve", {ADMIN, REVIEWER}, {}),
    ("post", "content/{contentitem}/reject", {ADMIN, REVIEWER}, {"reason": "Off-brand"}),
    ("post", "content/{contentitem}/retire", LIBRARY, {}),
    ("post", "content/{contentitem}/refresh-preview", COMMS, {}),
    ("get", "content/{contentitem}/history", LIBRARY, {}),
    ("get", "grid/", EVERYONE, {}),
    ("post", "grid/", COMMS, {"role": "{advocacyrole}", "content": "{gridcell_content}"}),
    ("get", "grid/{gridcell}/", EVERYONE, {}),
    ("patch", "grid/{gridcell}/", COMMS, {"note": "Frame it for CIOs"}),
    ("delete", "grid/{gridcell}/", COMMS, {}),
    ("post", "grid/reorder", COMMS, {"role": "{advocacyrole}", "cells": []}),
    ("get", "templates/", EVERYONE, {}),
    ("post", "templates/", COMMS, {"name": "T", "body": "I think ..."}),
    ("get", "templates/{messagetemplate}/", EVERYONE, {}),
    ("patch", "templates/{messagetemplate}/", COMMS, {"body": "Changed"}),
    ("delete", "templates/{messagetemplate}/", COMMS, {}),
    ("get", "suggestions/", EVERYONE, {}),
    ("post", "suggestions/", EVERYONE, {"url": "https://example.com/article", "why": "Good read"}),
    ("get", "suggestions/{contentitem}/", EVERYONE, {}),
    ("get", "connections/", EVERYONE, {}),
    ("get", "connections/{networkconnection}/", EVERYONE, {}),
    ("delete", "connections/{networkconnection}/", EVERYONE, {}),
    ("post", "connections/{network}/start", EVERYONE, {}),
    ("get", "shares/", EVERYONE, {}),
    ("post", "shares/", EVERYONE, {"content": "{contentitem}", "connection": "{networkconnection}", "text": "x"}),
    (
        "post",
        "shares/preview",
        EVERYONE,
        {"content": "{contentitem}", "connection": "{networkconnection}", "text": "x"},
    ),
    ("get", "shares/{share}/", EVERYONE, {}),
    ("patch", "shares/{share}/", EVERYONE, {"text": "Mine"}),
    ("post", "shares/{share}/confirm", EVERYONE, {"text_sha256": "0" * 64}),
    ("post", "shares/{share}/cancel", EVERYONE, {}),
    ("post", "shares/{share}/review", {ADMIN, REVIEWER}, {"decision": "pass"}),
    ("get", "audit/", {ADMIN}, {}),
    ("get", "audit/{auditevent}/", {ADMIN}, {}),
    ("get", "audit/verify", {ADMIN}, {}),
    ("get", "me/readiness", EVERYONE, {}),
    ("put", "me/readiness", EVERYONE, {"networks": [{"network": "linkedin", "posting_frequency": "weekly"}]}),
    ("get", "readiness/", COMMS, {}),
    ("get", "cohorts/", COMMS, {}),
    ("post", "cohorts/", COMMS, {"name": "First wave", "members": ["{membership}"]}),
    ("get", "cohorts/{cohort}/", COMMS, {}),
    ("patch", "cohorts/{cohort}/", COMMS, {"name": "Renamed wave"}),
    ("delete", "cohorts/{cohort}/", COMMS, {}),
    ("post", "cohorts/{cohort}/invite", COMMS, {}),
    ("get", "coaching/tasks/", EVERYONE, {}),
    ("post", "coaching/tasks/", COMMS, {"kind": "follow_company", "recurring": True}),
    ("get", "coaching/tasks/{coachingtask}/", EVERYONE, {}),
    ("patch", "coaching/tasks/{coachingtask}/", COMMS, {"active": False}),
    ("delete", "coaching/tasks/{coachingtask}/", COMMS, {}),
    ("get", "coaching/library", EVERYONE, {}),
    ("get", "me/coaching", EVERYONE, {}),
    ("post", "me/coaching/{coachingtask}/done", EVERYONE, {}),
    ("delete", "me/coaching/{coachingtask}/done", EVERYONE, {}),
    ("get", "insights/", COMMS, {}),
    ("get", "me/notifications", EVERYONE, {}),
    ("patch", "me/notifications", EVERYONE, {"digest_enabled": False}),
    ("get", "exports/analytics.csv", {ADMIN}, {}),
    ("get", "exports/archive.jsonl", {ADMIN}, {}),
    ("get", "exports/archive.csv", {ADMIN}, {}),
    # Everyone may read the summary: admins and comms leads see all, others their own numbers.
    ("get", "analytics/summary", EVERYONE, {}),
    ("get", "analytics/objectives", COMMS, {}),
    # Every member, once an admin turns the private view on (403 my_progress_disabled before).
    ("get", "me/progress", EVERYONE, {}),
]

# Routes that answer only once an organisation setting turns them on: the table checks them so.
SETTINGS_FOR = {"me/progress": {"my_progress_enabled": True}}


def _route_signatures() -> set[tuple[str, str]]:
    """(method, path template) of every route the router serves."""
    signatures = set()
    for prefix, viewset, _ in router.registry:
        base = re.sub(r"^orgs/\(\?P<org_slug>[^)]*\)/", "", prefix) + "/"
        placeholder = "{" + viewset.model._meta.model_name + "}/"
        for method, action in (("get", "list"), ("post", "create")):
            if hasattr(viewset, action):
                signatures.add((method, base))
        for method, action in (("get", "retrieve"), ("patch", "partial_update"), ("delete", "destroy")):
            if hasattr(viewset, action):
                signatures.add((method, base + placeholder))
        for extra in viewset.get_extra_actions():
            url_path = re.sub(r"\(\?P<member_id>[^)]*\)", "{membership}", extra.url_path)
            url_path = re.sub(r"\(\?P<network>[^)]*\)", "{network}", url_path)
            for method in extra.mapping:
                signatures.add((method, base + (placeholder if extra.detail else "") + url_path))
    return signatures


def test_every_route_is_in_the_table() -> None:
    covered = {(method, path) for method, path, _, _ in TABLE}

    assert _route_signatures() - covered == set()


@pytest.mark.parametrize("role", sorted(EVERYONE))
@pytest.mark.parametrize(("method", "path", "allowed", "body"), TABLE, ids=[f"{m} {p}" for m, p, _, _ in TABLE])
def test_role_permissions(
    org: Organization,
    make_member: Any,
    client_for: Any,
    role: str,
    method: str,
    path: str,
    allowed: set[str],
    body: dict[str, Any],
) -> None:
    if path in SETTINGS_FOR:
        Organization.objects.filter(pk=org.pk).update(**SETTINGS_FOR[path])
    caller = make_member(org, role)
    make_member(org, ADMIN)  # so an admin caller is never the last admin
    objects = {name: make_tenant_object(model, org) for name, model in (("membership", Membership),)}
    if "{share}" in path:
        # Share actions are the author's: check them on the caller's own share.
        objects["share"] = ShareFactory(organization=org, membership=caller)
    for match in re.findall(r"\{(\w+)\}", path):
        if match not in objects and match != "network":
            model = next(v.model for _, v, _ in router.registry if v.model._meta.model_name == match)
            objects[match] = make_tenant_object(model, org)
    if "{gridcell_content}" in str(body):
        objects["gridcell_content"] = approved_content(org)
    for match in re.findall(r"\{(\w+)\}", str(body)):
        if match not in objects:
            model = next(v.model for _, v, _ in router.registry if v.model._meta.model_name == match)
            objects[match] = make_tenant_object(model, org)

    def fill(text: str) -> str:
        text = text.replace("{network}", "sandbox")
        return re.sub(r"\{(\w+)\}", lambda m: str(objects[m.group(1)].pk), text)

    url = "/api/v1/orgs/acme/" + fill(path)
    body = {key: fill(value) if isinstance(value, str) else value for key, value in body.items()}

    response = getattr(client_for(caller.user), method)(url, body, format="json")

    if role in allowed:
        assert response.status_code != 403, response.content
        assert response.status_code < 500
    else:
        assert response.status_code == 403, (response.status_code, response.content)
        assert response.json()["code"] == "permission_denied"
