"""Invitations: emailed once, accepted once, by the right person, before they expire."""

import re
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.test import TestCase
from django.utils import timezone

from advocacy.accounts.models import Invitation, Membership, Organization, User
from advocacy.core.models import AuditEvent
from tests.factories import UserFactory


def _invite(client: Any, email: str = "new.hire@example.com", org_role: str = "employee") -> Any:
    # The email task is enqueued when the transaction commits; run those callbacks.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/api/v1/orgs/acme/invitations/", {"email": email, "org_role": org_role}, format="json")


def _token_from_email() -> str:
    match = re.search(r"/invitations/([A-Za-z0-9_-]+)", mail.outbox[-1].body)
    assert match is not None
    return match.group(1)


def test_admin_invites_and_the_link_is_emailed(admin: Membership, client_for: Any) -> None:
    response = _invite(client_for(admin.user), "New.Hire@Example.com", "reviewer")

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "new.hire@example.com"
    assert body["status"] == "pending"
    assert "token" not in body
    assert mail.outbox[-1].to == ["new.hire@example.com"]
    assert "Acme" in mail.outbox[-1].subject
    assert AuditEvent.objects.unscoped().filter(verb="invitation.created").count() == 1


def test_the_invited_person_previews_and_accepts(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))
    token = _token_from_email()
    invitee = UserFactory(email="new.hire@example.com")

    preview = client_for(None).get(f"/api/v1/invitations/{token}")
    accept = client_for(invitee).post(f"/api/v1/invitations/{token}/accept")

    assert preview.status_code == 200
    assert preview.json()["org_name"] == "Acme"
    assert accept.status_code == 200
    assert accept.json() == {"org_slug": "acme", "org_role": "employee"}
    assert Membership.objects.unscoped().get(user=invitee).org_role == "employee"
    assert client_for(invitee).get("/api/v1/orgs/acme/").status_code == 200


def test_an_invitation_is_used_only_once(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))
    token = _token_from_email()
    invitee = UserFactory(email="new.hire@example.com")
    client_for(invitee).post(f"/api/v1/invitations/{token}/accept")

    again = client_for(invitee).post(f"/api/v1/invitations/{token}/accept")

    assert again.status_code == 409
    assert again.json()["code"] == "invitation_used"


def test_an_expired_invitation_is_refused(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))
    token = _token_from_email()
    Invitation.objects.unscoped().update(expires_at=timezone.now() - timedelta(minutes=1))

    response = client_for(UserFactory(email="new.hire@example.com")).post(f"/api/v1/invitations/{token}/accept")

    assert response.status_code == 410
    assert response.json()["code"] == "invitation_expired"
    assert not Membership.objects.unscoped().filter(user__email="new.hire@example.com").exists()


def test_an_invitation_for_someone_else_is_refused(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))
    token = _token_from_email()

    response = client_for(UserFactory(email="intruder@example.com")).post(f"/api/v1/invitations/{token}/accept")

    assert response.status_code == 403
    assert response.json()["code"] == "invitation_wrong_email"
    assert Invitation.objects.unscoped().get().accepted_at is None


def test_a_revoked_invitation_is_refused(admin: Membership, client_for: Any) -> None:
    client = client_for(admin.user)
    invitation_id = _invite(client).json()["id"]
    token = _token_from_email()

    revoke = client.delete(f"/api/v1/orgs/acme/invitations/{invitation_id}/")
    accept = client_for(UserFactory(email="new.hire@example.com")).post(f"/api/v1/invitations/{token}/accept")

    assert revoke.status_code == 204
    assert accept.status_code == 410
    assert accept.json()["code"] == "invitation_revoked"
    assert client.delete(f"/api/v1/orgs/acme/invitations/{invitation_id}/").json()["code"] == "invitation_not_pending"


def test_an_unknown_token_is_not_found(db: Any, client_for: Any, user: User) -> None:
    assert client_for(None).get("/api/v1/invitations/nope").json()["code"] == "not_found"
    assert client_for(user).post("/api/v1/invitations/nope/accept").status_code == 404


def test_accepting_needs_a_logged_in_person(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))

    assert client_for(None).post(f"/api/v1/invitations/{_token_from_email()}/accept").status_code == 401


def test_duplicate_pending_invitations_and_existing_members_are_conflicts(
    admin: Membership, employee: Membership, client_for: Any
) -> None:
    client = client_for(admin.user)
    _invite(client)

    assert _invite(client).json()["code"] == "invitation_exists"
    assert _invite(client, employee.user.email).json()["code"] == "already_member"


def test_a_deactivated_member_can_be_invited_back(
    org: Organization, admin: Membership, employee: Membership, client_for: Any
) -> None:
    client = client_for(admin.user)
    client.delete(f"/api/v1/orgs/acme/members/{employee.id}/")
    _invite(client, employee.user.email, "reviewer")

    response = client_for(employee.user).post(f"/api/v1/invitations/{_token_from_email()}/accept")

    assert response.status_code == 200
    employee.refresh_from_db()
    assert employee.is_active
    assert employee.org_role == "reviewer"


def test_only_the_token_hash_is_stored(admin: Membership, client_for: Any) -> None:
    _invite(client_for(admin.user))

    assert _token_from_email() not in Invitation.objects.unscoped().get().token_hash


@pytest.mark.parametrize("role", ["comms_lead", "reviewer", "employee"])
def test_only_admins_invite(org: Organization, make_member: Any, client_for: Any, role: str) -> None:
    response = _invite(client_for(make_member(org, role).user))

    assert response.status_code == 403
    assert not mail.outbox
