"""Data rights (docs/data-rights.md): a member's data export, erasing a member (tokens
revoked at the real networks' local stand-ins, over HTTP), and deleting an organisation."""

import json
import logging
from datetime import timedelta
from typing import Any, cast

import pytest
from django.apps import apps
from django.test import TestCase
from django.utils import timezone

from advocacy.accounts.data_rights import erased_archives_purge
from advocacy.accounts.models import Membership, Organization, PolicyAcknowledgement, User, VoiceProfile
from advocacy.coaching.models import CoachingCompletion, SocialPresence
from advocacy.core.models import AuditEvent, TenantModel
from advocacy.networks.models import NetworkConnection
from advocacy.networks.providers.mastodon import MastodonProvider
from advocacy.networks.services import callback_url
from advocacy.networks.tokens import encrypt_token
from advocacy.shares.models import Share
from tests.conftest import MakeMember
from tests.factories import (
    AdvocacyRoleFactory,
    CoachingTaskFactory,
    MembershipFactory,
    NetworkConnectionFactory,
    PolicyFactory,
    ShareFactory,
    SocialPresenceFactory,
    assign_roles,
    cohort_with_members,
    posted_share,
)
from tests.networks.servers.bluesky import BlueskyServer
from tests.networks.servers.mastodon import MastodonServer
from tests.networks.servers.x import XServer
from tests.tenant_objects import TENANT_OBJECT_MAKERS

MEMBERS = "/api/v1/orgs/acme/members/"


def _rich_member(org: Organization, membership: Membership) -> dict[str, Any]:
    """A member with something in every section of the export."""
    VoiceProfile.objects.unscoped().create(organization=org, membership=membership, tone="Dry, precise")
    policy = PolicyFactory(organization=org)
    PolicyAcknowledgement.objects.unscoped().create(organization=org, policy=policy, membership=membership)
    presence = SocialPresenceFactory(organization=org, membership=membership, audience_description="CIOs in Lyon")
    task = CoachingTaskFactory(organization=org)
    CoachingCompletion.objects.unscoped().create(
        organization=org, task=task, membership=membership, week=timezone.localdate() - timedelta(days=7)
    )
    cohort_with_members(org, membership, name="First wave")
    assign_roles(membership, AdvocacyRoleFactory(organization=org, name="Engineer"))
    sandbox = NetworkConnectionFactory(organization=org, membership=membership)
    draft = ShareFactory(organization=org, membership=membership, connection=sandbox, text="My unfinished draft")
    posted = posted_share(org, membership=membership, connection=sandbox, text="What I posted, in my words")
    return {"presence": presence, "draft": draft, "posted": posted}


# --- Export ---------------------------------------------------------------------------------


def test_a_member_downloads_everything_held_about_them(
    org: Organization, outsider_org: Organization, employee: Membership, client_for: Any
) -> None:
    made = _rich_member(org, employee)
    elsewhere = MembershipFactory(organization=outsider_org, user=employee.user)
    secret_connection = NetworkConnectionFactory(
        organization=org,
        membership=employee,
        network="linkedin",
        access_token=encrypt_token("very-secret-access-token"),
    )

    response = client_for(employee.user).get("/api/v1/orgs/acme/me/data-export")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["format"] == "advocacy-member-data/1"
    assert body["profile"]["email"] == employee.user.email
    assert {m["organization"] for m in body["memberships"]} == {"acme", "outsider"}
    assert body["voice_profile"]["tone"] == "Dry, precise"
    assert [a["policy_version"] for a in body["policy_acknowledgements"]] == [1]
    assert body["readiness"][0]["audience_description"] == "CIOs in Lyon"
    assert len(body["coaching_progress"]) == 1
    assert [c["name"] for c in body["cohorts"]] == ["First wave"]
    assert [r["name"] for r in body["advocacy_roles"]] == ["Engineer"]
    texts = {share["text"]: share["status"] for share in body["shares"]}
    assert texts == {"My unfinished draft": "draft", "What I posted, in my words": "posted"}
    assert str(secret_connection.pk) in {c["id"] for c in body["connections"]}
    # Connections are metadata: neither the token nor its encrypted form ever leaves.
    raw = response.content.decode()
    assert "very-secret-access-token" not in raw
    assert secret_connection.access_token not in raw
    assert not any("token" in key for c in body["connections"] for key in c if key != "scopes")
    event = AuditEvent.objects.unscoped().get(verb="member.data_exported", organization=org)
    assert event.after == {"member": str(employee.pk), "by_member": True}
    assert str(made["posted"].pk) in {share["id"] for share in body["shares"]}
    assert elsewhere.organization_id == outsider_org.pk


def test_an_admin_exports_one_member_without_their_other_organisations(
    org: Organization, outsider_org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    _rich_member(org, employee)
    MembershipFactory(organization=outsider_org, user=employee.user)

    response = client_for(admin.user).get(f"{MEMBERS}{employee.pk}/data-export")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["member"] == str(employee.pk)
    assert [m["organization"] for m in body["memberships"]] == ["acme"]
    event = AuditEvent.objects.unscoped().get(verb="member.data_exported")
    assert (event.actor_id, event.after) == (admin.user.pk, {"member": str(employee.pk), "by_member": False})


def test_an_employee_cannot_export_a_colleague(org: Organization, employee: Membership, client_for: Any) -> None:
    colleague = MembershipFactory(organization=org)

    response = client_for(employee.user).get(f"{MEMBERS}{colleague.pk}/data-export")

    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


# --- Erasure --------------------------------------------------------------------------------


def _mastodon_connection(org: Organization, membership: Membership, server: MastodonServer) -> tuple[Any, str]:
    client_id, _secret = MastodonProvider()._app(server.instance, callback_url("mastodon"))
    token = server.issue_token(client_id=client_id)
    connection = NetworkConnectionFactory(
        organization=org,
        membership=membership,
        network="mastodon",
        instance=server.instance,
        account_id=f"1@{server.instance}",
        access_token=encrypt_token(token),
    )
    return connection, token


def _erase(client: Any, membership: Membership, confirm: str | None = None) -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            f"{MEMBERS}{membership.pk}/erase", {"confirm": confirm or membership.user.email}, format="json"
        )


def test_erasing_a_member_revokes_their_tokens_at_each_network_and_keeps_only_the_archive(
    org: Organization,
    admin: Membership,
    employee: Membership,
    client_for: Any,
    x_server: XServer,
    mastodon_server: MastodonServer,
    bluesky_server: BlueskyServer,
) -> None:
    user = cast(User, employee.user)
    email, user_id = user.email, user.pk
    made = _rich_member(org, employee)
    x_token = x_server.issue_token()
    x_connection = NetworkConnectionFactory(
        organization=org, membership=employee, **{**x_server.connection_fields(), "access_token": ""}
    )
    NetworkConnection.objects.unscoped().filter(pk=x_connection.pk).update(
        access_token=encrypt_token(x_token.access_token), refresh_token=encrypt_token(x_token.refresh_token)
    )
    mastodon_connection, mastodon_token = _mastodon_connection(org, employee, mastodon_server)
    account = bluesky_server.add_account("alice.bsky.test")
    session = bluesky_server.issue_session(account.did)
    NetworkConnectionFactory(
        organization=org,
        membership=employee,
        network="bluesky",
        account_id=account.did,
        access_token=encrypt_token(session["accessJwt"]),
        refresh_token=encrypt_token(session["refreshJwt"]),
    )
    NetworkConnectionFactory(
        organization=org, membership=employee, network="linkedin", access_token=encrypt_token("li-token")
    )
    archive_connection = made["posted"].connection

    response = _erase(client_for(admin.user), employee)

    assert response.status_code == 200, response.content
    assert response.json()["is_active"] is False
    # Revoked at the networks, over HTTP.
    assert x_token.access_token in x_server.revoked_tokens
    assert x_token.refresh_token in x_server.revoked_tokens
    assert x_token.access_token not in x_server.grants
    assert mastodon_token not in mastodon_server.tokens
    assert mastodon_server.calls("POST", "/oauth/revoke") == 1
    assert bluesky_server.calls("POST", "com.atproto.server.deleteSession") == 1
    refresh = bluesky_server.requests[-1].bearer()
    assert refresh == session["refreshJwt"]
    # Our copies: deleted, except the connection the archive's posted share points at.
    assert list(NetworkConnection.objects.unscoped().filter(membership=employee)) == [archive_connection]
    archive_connection.refresh_from_db()
    assert (archive_connection.access_token, archive_connection.account_name) == ("", "")
    assert mastodon_connection.pk not in NetworkConnection.objects.unscoped().values_list("pk", flat=True)
    # Personal data gone; the posted share stays, under a pseudonym.
    assert not VoiceProfile.objects.unscoped().filter(membership=employee).exists()
    assert not SocialPresence.objects.unscoped().filter(membership=employee).exists()
    assert not CoachingCompletion.objects.unscoped().filter(membership=employee).exists()
    assert list(Share.objects.unscoped().filter(membership=employee)) == [made["posted"]]
    user = User.objects.get(pk=user_id)
    assert user.email.endswith("@erased.invalid")
    assert user.name == "Erased member"
    assert not user.is_active
    assert not user.has_usable_password()
    employee.refresh_from_db()
    assert employee.erased_at is not None
    archive = client_for(admin.user).get("/api/v1/orgs/acme/exports/archive.jsonl")
    record = json.loads(b"".join(archive.streaming_content).decode().splitlines()[-1])  # type: ignore[attr-defined]
    assert email not in json.dumps(record["member"])
    assert record["member"]["email"] == user.email
    # Audited, without the erased data.
    event = AuditEvent.objects.unscoped().get(verb="membership.erased")
    assert email not in json.dumps(event.after)
    assert event.actor_id == admin.user.pk


def test_erasing_someone_who_belongs_elsewhere_leaves_their_own_account(
    org: Organization, outsider_org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    user = cast(User, employee.user)
    elsewhere = MembershipFactory(organization=outsider_org, user=user)

    response = _erase(client_for(admin.user), employee)

    assert response.status_code == 200, response.content
    employee.refresh_from_db()
    user.refresh_from_db()
    assert employee.user_id != user.pk
    assert employee.user.email.endswith("@erased.invalid")
    assert user.is_active
    assert user.has_usable_password()
    assert Membership.objects.unscoped().get(pk=elsewhere.pk).user_id == user.pk
    assert client_for(user).get("/api/v1/orgs/acme/").status_code in (403, 404)
    assert client_for(user).get("/api/v1/orgs/outsider/").status_code == 200


@pytest.mark.parametrize(
    ("confirm", "status", "code"),
    [("someone-else@example.com", 422, "confirmation_mismatch"), ("", 400, "validation_error")],
)
def test_erasure_needs_the_members_address_repeated(
    org: Organization, admin: Membership, employee: Membership, client_for: Any, confirm: str, status: int, code: str
) -> None:
    response = client_for(admin.user).post(f"{MEMBERS}{employee.pk}/erase", {"confirm": confirm}, format="json")

    assert response.status_code == status
    assert response.json()["code"] == code
    employee.refresh_from_db()
    assert employee.erased_at is None


def test_erasure_happens_once_and_never_to_the_last_admin(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    client = client_for(admin.user)
    assert _erase(client, employee).status_code == 200

    again = client.post(f"{MEMBERS}{employee.pk}/erase", {"confirm": "x@example.com"}, format="json")
    last_admin = _erase(client, admin)

    assert (again.status_code, again.json()["code"]) == (409, "already_erased")
    assert (last_admin.status_code, last_admin.json()["code"]) == (409, "last_admin")


def test_the_archive_keeps_an_erased_members_posts_for_the_retention_period(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    Organization.objects.filter(pk=org.pk).update(archive_retention_days=30)
    sandbox = NetworkConnectionFactory(organization=org, membership=employee)
    old = posted_share(org, membership=employee, connection=sandbox, posted_at=timezone.now() - timedelta(days=31))
    recent = posted_share(org, membership=employee, connection=sandbox, posted_at=timezone.now() - timedelta(days=29))
    colleagues_old = posted_share(org, posted_at=timezone.now() - timedelta(days=400))
    _erase(client_for(admin.user), employee)

    purged = erased_archives_purge()

    assert purged == 1
    remaining = set(Share.objects.unscoped().values_list("pk", flat=True))
    assert remaining == {recent.pk, colleagues_old.pk}
    assert old.pk not in remaining


def test_retention_is_an_organisation_setting(admin: Membership, client_for: Any) -> None:
    response = client_for(admin.user).patch(
        "/api/v1/orgs/acme/", {"settings": {"archive_retention_days": 365}}, format="json"
    )
    refused = client_for(admin.user).patch(
        "/api/v1/orgs/acme/", {"settings": {"archive_retention_days": 0}}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["settings"]["archive_retention_days"] == 365
    assert refused.status_code == 400


# --- Organisation deletion ------------------------------------------------------------------


def _fill(organization: Organization) -> None:
    for make in TENANT_OBJECT_MAKERS.values():
        make(organization)
    member = MembershipFactory(organization=organization)
    _rich_member(organization, member)


def _tenant_rows(organization_id: Any) -> dict[str, int]:
    counts = {}
    for model in apps.get_models():
        if issubclass(model, TenantModel):
            counts[model._meta.label] = model._base_manager.filter(organization_id=organization_id).count()
    return counts


def test_an_admin_deletes_the_organisation_and_every_row_it_owns(
    org: Organization,
    outsider_org: Organization,
    admin: Membership,
    client_for: Any,
    x_server: XServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _fill(org)
    _fill(outsider_org)
    token = x_server.issue_token()
    NetworkConnectionFactory(
        organization=org,
        network="x",
        account_id=x_server.signed_in,
        access_token=encrypt_token(token.access_token),
        refresh_token=encrypt_token(token.refresh_token),
    )
    outsider_before = _tenant_rows(outsider_org.pk)
    assert sum(1 for count in _tenant_rows(org.pk).values() if count) >= 20
    client = client_for(admin.user)

    with (
        caplog.at_level(logging.WARNING, logger="advocacy.accounts.data_rights"),
        TestCase.captureOnCommitCallbacks(execute=True),
    ):
        response = client.generic(
            "DELETE", "/api/v1/orgs/acme/", json.dumps({"confirm": "acme"}), content_type="application/json"
        )

    assert response.status_code == 202, response.content
    assert not Organization.objects.filter(pk=org.pk).exists()
    assert {label: n for label, n in _tenant_rows(org.pk).items() if n} == {}
    assert _tenant_rows(outsider_org.pk) == outsider_before
    assert token.access_token in x_server.revoked_tokens
    assert "Organisation deleted: acme" in caplog.text
    assert client.get("/api/v1/orgs/acme/").status_code == 404


@pytest.mark.parametrize(("body", "status"), [({}, 400), ({"confirm": "Acme"}, 422), ({"confirm": "outsider"}, 422)])
def test_deleting_an_organisation_needs_its_short_name(
    org: Organization, admin: Membership, client_for: Any, body: dict[str, Any], status: int
) -> None:
    response = client_for(admin.user).generic(
        "DELETE", "/api/v1/orgs/acme/", json.dumps(body), content_type="application/json"
    )

    assert response.status_code == status
    assert response.json()["code"] == ("validation_error" if status == 400 else "confirmation_mismatch")
    assert Organization.objects.filter(pk=org.pk).exists()
    assert Membership.objects.unscoped().get(pk=admin.pk).is_active


def test_only_an_admin_deletes_the_organisation(org: Organization, make_member: MakeMember, client_for: Any) -> None:
    lead = make_member(org, "comms_lead")

    response = client_for(lead.user).generic(
        "DELETE", "/api/v1/orgs/acme/", json.dumps({"confirm": "acme"}), content_type="application/json"
    )

    assert response.status_code == 403
    assert Organization.objects.filter(pk=org.pk).exists()
