"""Every list endpoint costs the same number of queries for 1 row and for 50 (ARCHITECTURE
habit 3). Lists with a dedicated test elsewhere: members, roles, audiences, matrix,
role-audiences, feed, /me."""

from collections.abc import Callable
from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.core.audit import audit_record
from tests.analytics.conftest import click, posted_share, record
from tests.factories import (
    CoachingTaskFactory,
    ContentItemFactory,
    GridCellFactory,
    InvitationFactory,
    MembershipFactory,
    MessageTemplateFactory,
    NetworkConnectionFactory,
    PolicyFactory,
    ReservedRelationshipFactory,
    ShareFactory,
    SocialPresenceFactory,
    cohort_with_members,
)
from tests.queries import assert_constant_queries

Maker = Callable[[Organization, Membership], Any]

LISTS: list[tuple[str, str, Maker, int]] = [
    ("invitations/", "admin", lambda org, me: InvitationFactory(organization=org), 6),
    ("policies/", "admin", lambda org, me: PolicyFactory(organization=org), 7),
    ("reserved-relationships/", "admin", lambda org, me: ReservedRelationshipFactory(organization=org), 8),
    ("content/", "admin", lambda org, me: ContentItemFactory(organization=org), 6),
    ("grid/", "admin", lambda org, me: GridCellFactory(organization=org), 6),
    ("templates/", "admin", lambda org, me: MessageTemplateFactory(organization=org), 6),
    ("suggestions/", "admin", lambda org, me: ContentItemFactory(organization=org, source="employee_suggestion"), 6),
    (
        "connections/",
        "employee",
        lambda org, me: NetworkConnectionFactory(organization=org, membership=me, status="revoked"),
        6,
    ),
    ("shares/", "admin", lambda org, me: ShareFactory(organization=org), 6),
    (
        "audit/",
        "admin",
        lambda org, me: audit_record(organization=org, actor=None, verb="x", object_type="x", object_id="1"),
        6,
    ),
    ("cohorts/", "comms_lead", lambda org, me: cohort_with_members(org, MembershipFactory(organization=org)), 9),
    ("coaching/tasks/", "employee", lambda org, me: CoachingTaskFactory(organization=org), 5),
    ("readiness/", "comms_lead", lambda org, me: SocialPresenceFactory(organization=org), 9),
    # Dashboards: one aggregate over the rollups and one query for labels, whatever the rows.
    ("analytics/summary", "comms_lead", lambda org, me: record(click(posted_share(org))), 6),
    ("analytics/summary", "employee", lambda org, me: record(click(posted_share(org, membership=me))), 6),
]


@pytest.mark.parametrize(("path", "role", "make", "budget"), LISTS, ids=[p for p, *_ in LISTS])
def test_list_costs_constant_queries(
    org: Organization, make_member: Any, client_for: Any, path: str, role: str, make: Maker, budget: int
) -> None:
    me = make_member(org, role)

    def add(n: int) -> None:
        for _ in range(n):
            make(org, me)

    assert_constant_queries(client_for(me.user), f"/api/v1/orgs/acme/{path}?page_size=100", add, budget=budget)


def test_the_sandbox_posts_list_costs_constant_queries(
    org: Organization, employee: Membership, client_for: Any
) -> None:
    from advocacy.networks.models import SandboxPost

    connection = NetworkConnectionFactory(organization=org, membership=employee)

    def add(n: int) -> None:
        for index in range(n):
            SandboxPost.objects.unscoped().create(
                organization=org, connection=connection, idempotency_key=f"{connection.pk}-{index}-{n}", text="hi"
            )

    assert_constant_queries(client_for(employee.user), "/api/v1/orgs/acme/sandbox/posts?page_size=100", add, budget=6)


@pytest.mark.parametrize("who", ["member", "admin"])
def test_a_data_export_costs_constant_queries(org: Organization, make_member: Any, client_for: Any, who: str) -> None:
    from advocacy.coaching.models import CoachingCompletion

    admin = make_member(org, "admin")
    me = make_member(org, "employee")
    path = "me/data-export" if who == "member" else f"members/{me.pk}/data-export"
    client = client_for(me.user if who == "member" else admin.user)

    def add(n: int) -> None:
        for _ in range(n):
            connection = NetworkConnectionFactory(organization=org, membership=me, status="revoked")
            ShareFactory(organization=org, membership=me, connection=connection)
            presence = SocialPresenceFactory(organization=org, membership=me, network=f"n{connection.pk.hex[:8]}")
            CoachingCompletion.objects.unscoped().create(
                organization=org, task=CoachingTaskFactory(organization=org), membership=me, week="2026-01-05"
            )
            cohort_with_members(org, me)
            audit_record(organization=org, actor=me.user, verb="x", object_type="x", object_id=str(presence.pk))

    assert_constant_queries(client, f"/api/v1/orgs/acme/{path}", add, budget=30)
