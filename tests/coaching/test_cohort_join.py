"""Someone invited with a rollout cohort joins that cohort the moment they accept the
invitation: no second "invite" click by the comms lead is needed."""

import re
from typing import Any

from django.core import mail
from django.test import TestCase

from advocacy.accounts.models import Invitation, Membership, Organization
from advocacy.coaching.models import CohortInvitee, CohortMember
from advocacy.core.models import AuditEvent
from tests.factories import UserFactory, cohort_with_members

COHORTS = "/api/v1/orgs/acme/cohorts/"


def _token_for(email: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [email])
    match = re.search(r"/invitations/([A-Za-z0-9_-]+)", message.body)
    assert match is not None
    return match.group(1)


def test_accepting_a_cohort_invitation_puts_the_newcomer_in_the_cohort(
    org: Organization, lead: Membership, client_for: Any
) -> None:
    veteran = Membership.objects.unscoped().create(organization=org, user=UserFactory())
    cohort = cohort_with_members(org, veteran)
    CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email="newcomer@example.com")
    CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email="later@example.com")
    lead_client = client_for(lead.user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        invited = lead_client.post(f"{COHORTS}{cohort.id}/invite")
    assert invited.json()["invitations_sent"] == 2
    newcomer = UserFactory(email="newcomer@example.com")

    accepted = client_for(newcomer).post(f"/api/v1/invitations/{_token_for('newcomer@example.com')}/accept")

    assert accepted.status_code == 200, accepted.content
    membership = Membership.objects.unscoped().get(user=newcomer)
    assert membership.ambassador is True
    link = CohortMember.objects.unscoped().get(cohort=cohort, membership=membership)
    assert link.invited_at is not None
    assert link.invited_at <= link.created_at
    body = lead_client.get(f"{COHORTS}{cohort.id}/").json()
    assert set(body["members"]) == {str(veteran.id), str(membership.id)}
    history = next(row for row in body["history"] if row["member"] == str(membership.id))
    assert history["email"] == "newcomer@example.com"
    assert history["joined_organization_at"]
    assert history["added_to_cohort_at"]
    assert history["invited_at"] is not None
    assert body["results"]["members"] == 2
    # The other invitee has not accepted yet: still waiting, not a member.
    assert [row["email"] for row in body["invitees"]] == ["later@example.com"]
    joined = AuditEvent.objects.unscoped().get(verb="cohort.member_joined")
    invitation = Invitation.objects.unscoped().get(email="newcomer@example.com")
    assert joined.after == {"member": str(membership.id), "invitation": str(invitation.id)}


def test_an_ordinary_invitation_joins_no_cohort(org: Organization, admin: Membership, client_for: Any) -> None:
    cohort = cohort_with_members(org)
    CohortInvitee.objects.unscoped().create(organization=org, cohort=cohort, email="someone@example.com")
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(admin.user).post(
            "/api/v1/orgs/acme/invitations/", {"email": "someone@example.com", "org_role": "employee"}, format="json"
        )
    someone = UserFactory(email="someone@example.com")

    accepted = client_for(someone).post(f"/api/v1/invitations/{_token_for('someone@example.com')}/accept")

    assert accepted.status_code == 200
    membership = Membership.objects.unscoped().get(user=someone)
    # Not sent by the cohort: the comms lead decides (the next cohort invite picks them up).
    assert not CohortMember.objects.unscoped().filter(membership=membership).exists()
    assert membership.ambassador is False
    assert CohortInvitee.objects.unscoped().filter(cohort=cohort).count() == 1
