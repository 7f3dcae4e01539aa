"""What the checks read, and that reading it cheaply changes no verdict: a fixed number of
statements whatever the number of colleagues or shares, the same colleagues compared for one
share and for a batch, and the daily cap counting only what was committed since midnight."""

from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.accounts.models import Organization
from advocacy.core.tenancy import tenant_context
from advocacy.shares import checks
from advocacy.shares.checks import share_checks, share_checks_many
from advocacy.shares.models import Share
from tests.conftest import MakeMember
from tests.factories import (
    AdvocacyRoleFactory,
    GridCellFactory,
    NetworkConnectionFactory,
    ShareFactory,
    approved_content,
    assign_roles,
)

MINE = "I rebuilt our nightly batch as a stream last year; this report matches what we saw with regulators."
OTHERS = [
    "Our auditors asked for lineage, not dashboards. Worth reading if you run finance data pipelines.",
    "Three customers told me latency mattered less than trust in the numbers. This study agrees.",
    "We cut the quarter-end close from nine days to four by fixing reporting first; details inside.",
    "Cloud cost was never our blocker, governance was. A sober read for anyone planning a migration.",
]


def _loaded(share: Share) -> Share:
    """As the views and the worker hand shares to the checks."""
    return Share.objects.select_related("membership__organization", "content", "content_version").get(pk=share.pk)


def _draft(org: Organization, make_member: MakeMember, role: Any, content: Any, text: str, **fields: Any) -> Share:
    member = make_member(org, ambassador=True)
    assign_roles(member, role)
    connection_row = NetworkConnectionFactory(organization=org, membership=member)
    share = ShareFactory(
        organization=org,
        membership=member,
        content=content,
        content_version=content.approved_version,
        connection=connection_row,
        text=text,
        **fields,
    )
    return _loaded(share)


@pytest.fixture
def role(org: Organization) -> Any:
    return AdvocacyRoleFactory(organization=org, name="Sales")


def _placed(org: Organization, role: Any) -> Any:
    item = approved_content(org, suggested_copy="Our 2026 report: banks are moving regulatory reporting to streaming.")
    GridCellFactory(organization=org, role=role, content=item)
    return item


def _statements(action: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def _failed(results: list[checks.Check]) -> set[str]:
    return {check.code for check in results if not check.ok}


def test_the_checks_cost_the_same_statements_for_one_colleague_and_for_thirty(
    org: Organization, make_member: MakeMember, role: Any
) -> None:
    content = _placed(org, role)
    with tenant_context(org):
        mine = _draft(org, make_member, role, content, MINE)
        _draft(org, make_member, role, content, OTHERS[0], status="posted")
        one = _statements(lambda: share_checks(mine))
        for n in range(29):
            _draft(org, make_member, role, content, f"{OTHERS[n % 4]} ({n})", status="posted")
        thirty = _statements(lambda: share_checks(mine))

    assert one == thirty
    assert thirty <= 7


def test_a_batch_of_shares_of_different_contents_costs_what_one_share_costs(
    org: Organization, make_member: MakeMember, role: Any
) -> None:
    with tenant_context(org):
        shares = [_draft(org, make_member, role, _placed(org, role), text) for text in OTHERS]
        one = _statements(lambda: share_checks_many(shares[:1]))
        four = _statements(lambda: share_checks_many(shares))
        verdicts = share_checks_many(shares)

    assert four == one
    assert [_failed(results) for results in verdicts] == [set()] * 4


@pytest.mark.parametrize("copied", ["oldest", "newest"])
def test_one_share_and_a_batch_compare_the_same_newest_colleagues(
    org: Organization, make_member: MakeMember, role: Any, monkeypatch: Any, copied: str
) -> None:
    """Only the newest colleagues are compared (COLLEAGUES_COMPARED): a near-copy of an older
    colleague's words goes unnoticed, of a newer one's does not, in both ways of reading them."""
    monkeypatch.setattr(checks, "COLLEAGUES_COMPARED", 2)
    content, elsewhere = _placed(org, role), _placed(org, role)
    with tenant_context(org):
        colleagues = [_draft(org, make_member, role, content, text, status="posted") for text in OTHERS[:3]]
        for age, colleague in enumerate(reversed(colleagues)):  # the first is the oldest
            Share.objects.filter(pk=colleague.pk).update(created_at=timezone.now() - timedelta(hours=age + 1))
        copy_of = colleagues[0] if copied == "oldest" else colleagues[-1]
        mine = _draft(org, make_member, role, content, copy_of.text.upper())
        other = _draft(org, make_member, role, elsewhere, MINE)

        alone = _failed(share_checks(mine))
        in_batch = _failed(share_checks_many([other, mine])[1])

    expected = set() if copied == "oldest" else {"not_original"}
    assert alone == in_batch == expected


def test_only_shares_committed_since_midnight_count_towards_the_daily_cap(
    org: Organization, make_member: MakeMember, role: Any
) -> None:
    Organization.objects.filter(pk=org.pk).update(daily_share_cap=1)
    first, second = _placed(org, role), _placed(org, role)
    with tenant_context(org):
        mine = _draft(org, make_member, role, first, MINE)
        yesterday = timezone.now() - timedelta(days=1, hours=1)
        earlier = ShareFactory(
            organization=org,
            membership=mine.membership,
            content=second,
            content_version=second.approved_version,
            connection=mine.connection,
            text=OTHERS[0],
            status="posted",
            confirmed_at=yesterday,
        )
        before = _failed(share_checks(mine))
        Share.objects.filter(pk=earlier.pk).update(confirmed_at=timezone.now())
        after = _failed(share_checks(mine))
        Share.objects.filter(pk=earlier.pk).update(status="cancelled")
        cancelled = _failed(share_checks(mine))

    assert (before, after, cancelled) == (set(), {"daily_cap"}, set())


def test_a_member_with_two_roles_is_in_the_grid_through_either(
    org: Organization, make_member: MakeMember, role: Any
) -> None:
    other_role = AdvocacyRoleFactory(organization=org, name="Engineering")
    content = approved_content(org)
    GridCellFactory(organization=org, role=other_role, content=content)
    with tenant_context(org):
        mine = _draft(org, make_member, role, content, MINE)
        outside = _failed(share_checks(mine))
        assign_roles(mine.membership, other_role)
        inside = _failed(share_checks(mine))

    assert (outside, inside) == ({"not_in_grid"}, set())
