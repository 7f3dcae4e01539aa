"""Organisations: creating one makes you its admin; settings are admin-only and audited."""

from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization, User
from advocacy.core.models import AuditEvent
from tests.conftest import MakeMember


def test_creating_an_organisation_makes_the_creator_its_admin(user: User, client_for: Any) -> None:
    response = client_for(user).post("/api/v1/orgs/", {"name": "Globex Corporation"}, format="json")

    assert response.status_code == 201
    assert response.json()["slug"] == "globex-corporation"
    assert response.json()["settings"]["rollout_stage"] == "ambassadors_only"
    membership = Membership.objects.unscoped().get(user=user)
    assert membership.org_role == "admin"
    verbs = list(AuditEvent.objects.unscoped().order_by("seq").values_list("verb", flat=True))
    assert verbs == ["organization.created", "membership.created"]


def test_a_taken_slug_is_a_conflict(org: Organization, user: User, client_for: Any) -> None:
    response = client_for(user).post("/api/v1/orgs/", {"name": "Another", "slug": "acme"}, format="json")

    assert response.status_code == 409
    assert response.json()["code"] == "slug_taken"


def test_the_list_shows_only_my_organisations(
    org: Organization, outsider_org: Organization, employee: Membership, client_for: Any
) -> None:
    response = client_for(employee.user).get("/api/v1/orgs/")

    assert [o["slug"] for o in response.json()["results"]] == ["acme"]


def test_members_read_the_organisation_and_its_settings(employee: Membership, client_for: Any) -> None:
    body = client_for(employee.user).get("/api/v1/orgs/acme/").json()

    assert body["name"] == "Acme"
    assert set(body["settings"]) == {
        "regulated",
        "default_disclaimer",
        "networks_enabled",
        "two_step_approval",
        "originality_threshold",
        "daily_share_cap",
        "rollout_stage",
        "time_zone",
        "chat_webhook_kind",
        "chat_webhook_configured",
        "archive_retention_days",
        "my_progress_enabled",
    }
    assert body["settings"]["networks_enabled"] == ["sandbox", "linkedin", "x", "mastodon", "bluesky"]


def test_admin_changes_settings_and_the_change_is_audited(
    org: Organization, admin: Membership, client_for: Any
) -> None:
    response = client_for(admin.user).patch(
        "/api/v1/orgs/acme/",
        {"settings": {"daily_share_cap": 5, "regulated": True, "networks_enabled": ["x", "sandbox"]}},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["settings"]["daily_share_cap"] == 5
    assert response.json()["settings"]["networks_enabled"] == ["sandbox", "x"]
    event = AuditEvent.objects.unscoped().get(verb="organization.settings_changed")
    assert event.before == {
        "daily_share_cap": 3,
        "regulated": False,
        "networks_enabled": ["sandbox", "linkedin", "x", "mastodon", "bluesky"],
    }
    assert event.after == {"daily_share_cap": 5, "regulated": True, "networks_enabled": ["sandbox", "x"]}
    assert event.actor_email == admin.user.email


def test_a_patch_that_changes_nothing_writes_no_audit_event(admin: Membership, client_for: Any) -> None:
    client_for(admin.user).patch("/api/v1/orgs/acme/", {"settings": {"daily_share_cap": 3}}, format="json")

    assert not AuditEvent.objects.unscoped().filter(verb="organization.settings_changed").exists()


@pytest.mark.parametrize("role", ["comms_lead", "reviewer", "employee"])
def test_only_admins_change_settings(org: Organization, make_member: MakeMember, client_for: Any, role: str) -> None:
    response = client_for(make_member(org, role).user).patch(
        "/api/v1/orgs/acme/", {"settings": {"daily_share_cap": 9}}, format="json"
    )

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    org.refresh_from_db()
    assert org.daily_share_cap == 3


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"originality_threshold": 1.5}, "originality_threshold"),
        ({"daily_share_cap": 0}, "daily_share_cap"),
        ({"daily_share_cap": "many"}, "daily_share_cap"),
        ({"rollout_stage": "all_at_once"}, "rollout_stage"),
        ({"networks_enabled": ["myspace"]}, "networks_enabled"),
        ({"networks_enabled": []}, "networks_enabled"),
        ({"regulated": "perhaps"}, "regulated"),
    ],
)
def test_bad_settings_are_refused_field_by_field(
    org: Organization, admin: Membership, client_for: Any, settings: dict[str, Any], field: str
) -> None:
    response = client_for(admin.user).patch("/api/v1/orgs/acme/", {"settings": settings}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"
    assert field in response.json()["fields"]["settings"]
    org.refresh_from_db()
    assert org.daily_share_cap == 3


def test_strangers_get_404_for_the_organisation(org: Organization, outsider_admin: Membership, client_for: Any) -> None:
    client = client_for(outsider_admin.user)

    assert client.get("/api/v1/orgs/acme/").status_code == 404
    assert client.patch("/api/v1/orgs/acme/", {"name": "Pwned"}, format="json").status_code == 404
    assert client.get("/api/v1/orgs/does-not-exist/").status_code == 404
    org.refresh_from_db()
    assert org.name == "Acme"


def test_comms_leads_change_the_rollout_stage_and_nothing_else(
    org: Organization, make_member: Any, client_for: Any
) -> None:
    from advocacy.accounts.models import OrgRole

    client = client_for(make_member(org, OrgRole.COMMS_LEAD).user)

    stage = client.patch("/api/v1/orgs/acme/", {"settings": {"rollout_stage": "everyone"}}, format="json")
    other = client.patch("/api/v1/orgs/acme/", {"settings": {"daily_share_cap": 50}}, format="json")
    renamed = client.patch("/api/v1/orgs/acme/", {"name": "Hijacked"}, format="json")

    assert stage.status_code == 200
    assert stage.json()["settings"]["rollout_stage"] == "everyone"
    assert other.status_code == 403
    assert other.json()["code"] == "permission_denied"
    assert renamed.status_code == 403
    org.refresh_from_db()
    assert org.name != "Hijacked"
