"""The audit log is append-only and its hash chain exposes any edit."""

import pytest
from django.db import connection

from advocacy.accounts.models import Membership, Organization
from advocacy.core.audit import audit_record, audit_verify
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from tests.conftest import MakeMember


@pytest.fixture
def chain(org: Organization, admin: Membership) -> list[AuditEvent]:
    return [
        audit_record(
            organization=org,
            actor=admin.user,
            verb="test.event",
            object_type="thing",
            object_id=str(n),
            before={"n": n},
            after={"n": n + 1, "note": "ünïcode"},
        )
        for n in range(5)
    ]


def _raw_update(event: AuditEvent, column: str, value: str) -> None:
    # Tampering as an attacker with database access would: below the ORM's refusals.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE core_auditevent SET {column} = %s WHERE id = %s",  # noqa: S608 - column from the test table
            [value, event.pk.hex if connection.vendor == "sqlite" else event.pk],
        )


def test_an_untouched_chain_verifies(org: Organization, chain: list[AuditEvent]) -> None:
    result = audit_verify(organization_id=org.pk)

    assert result.ok
    assert result.events_checked == 5


def test_events_are_numbered_per_organisation_and_linked(
    org: Organization, outsider_org: Organization, chain: list[AuditEvent]
) -> None:
    other = audit_record(organization=outsider_org, actor=None, verb="test.event", object_type="x", object_id="1")

    assert [e.seq for e in chain] == [1, 2, 3, 4, 5]
    assert chain[1].prev_hash == chain[0].hash
    assert other.seq == 1
    assert audit_verify(organization_id=outsider_org.pk).ok


@pytest.mark.parametrize(
    ("column", "value"),
    [("verb", "test.innocent"), ("after", '{"n": 999}'), ("actor_email", "someone@else.example"), ("object_id", "7")],
)
def test_editing_any_stored_event_makes_verify_fail(
    org: Organization, chain: list[AuditEvent], column: str, value: str
) -> None:
    _raw_update(chain[2], column, value)

    result = audit_verify(organization_id=org.pk)

    assert not result.ok
    assert result.first_broken_seq == 3


def test_removing_an_event_makes_verify_fail(org: Organization, chain: list[AuditEvent]) -> None:
    with connection.cursor() as cursor:
        pk = chain[1].pk.hex if connection.vendor == "sqlite" else chain[1].pk
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [pk])

    result = audit_verify(organization_id=org.pk)

    assert not result.ok
    assert result.first_broken_seq == 3


def test_the_orm_refuses_to_change_or_delete_events(org: Organization, chain: list[AuditEvent]) -> None:
    event = chain[0]
    event.verb = "rewritten"

    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with tenant_context(org):
        with pytest.raises(PermissionError):
            AuditEvent.objects.all().update(verb="x")
        with pytest.raises(PermissionError):
            AuditEvent.objects.all().delete()


def test_audit_api_lists_events_and_verifies(
    org: Organization, admin: Membership, chain: list[AuditEvent], client_for
) -> None:  # type: ignore[no-untyped-def]
    client = client_for(admin.user)

    listing = client.get("/api/v1/orgs/acme/audit/").json()
    verify = client.get("/api/v1/orgs/acme/audit/verify").json()

    assert listing["count"] == 5
    assert listing["results"][0]["seq"] == 5
    assert listing["results"][0]["actor_email"] == admin.user.email
    assert verify == {"ok": True, "events_checked": 5, "first_broken_seq": None}


def test_audit_api_reports_a_broken_chain(
    org: Organization, admin: Membership, chain: list[AuditEvent], client_for
) -> None:  # type: ignore[no-untyped-def]
    _raw_update(chain[4], "verb", "test.hidden")

    verify = client_for(admin.user).get("/api/v1/orgs/acme/audit/verify").json()

    assert verify == {"ok": False, "events_checked": 5, "first_broken_seq": 5}


def test_audit_api_is_for_admins_only(org: Organization, make_member: MakeMember, client_for) -> None:  # type: ignore[no-untyped-def]
    for role in ("comms_lead", "reviewer", "employee"):
        client = client_for(make_member(org, role).user)
        assert client.get("/api/v1/orgs/acme/audit/").status_code == 403
        assert client.get("/api/v1/orgs/acme/audit/verify").status_code == 403


def test_audit_list_can_be_filtered_by_verb(
    org: Organization, admin: Membership, chain: list[AuditEvent], client_for
) -> None:  # type: ignore[no-untyped-def]
    audit_record(organization=org, actor=None, verb="other.event", object_type="x", object_id="1")

    listing = client_for(admin.user).get("/api/v1/orgs/acme/audit/?verb=other.event").json()

    assert listing["count"] == 1
    assert listing["results"][0]["actor_email"] == ""
