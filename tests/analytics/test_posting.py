"""When a share is posted: its link is warmed, it is counted once on its posting day, and
what it counts for (roles, audiences) is frozen by a clear rule. A share whose handler did
not run is caught up by the reconcile job."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.test import TestCase

from advocacy.accounts.models import Organization
from advocacy.analytics.models import AttributedDailyStats, ShareAttribution, ShareDailyStats, ShareEngagement
from advocacy.analytics.services import share_posted_count, share_posted_record, shares_posted_reconcile
from advocacy.core.tenancy import tenant_context
from advocacy.shares.models import Share
from tests.analytics.conftest import audience_in, click, posted_share, record, role_in, share_in
from tests.conftest import MakeMember
from tests.factories import (
    GridCellFactory,
    RoleAudienceFactory,
    approved_content,
    assign_roles,
)

POSTED = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def _attributed(share: Share) -> tuple[set[Any], set[Any]]:
    attribution = ShareAttribution.objects.unscoped().get(share=share)
    return {uuid.UUID(pk) for pk in attribution.role_ids}, {uuid.UUID(pk) for pk in attribution.audience_ids}


def test_the_posted_handler_is_registered_with_the_shares_pipeline() -> None:
    assert "advocacy.analytics.services.share_posted_record" in settings.SHARE_POSTED_HANDLERS


def test_a_share_posted_through_the_real_pipeline_is_warm_and_counted(
    org: Organization, make_member: MakeMember, client_for: Any, client: Any, django_assert_num_queries: Any
) -> None:
    from tests.shares.conftest import _sharer
    from tests.shares.test_shares import _confirm, _draft

    sales = role_in(org, name="Sales")
    content = approved_content(org)
    GridCellFactory(organization=org, role=sales, content=content)
    sharer = _sharer(org, make_member, client_for, sales, content)
    body = _draft(sharer).json()

    with TestCase.captureOnCommitCallbacks(execute=True):
        _confirm(sharer, body)

    share = Share.objects.unscoped().get(pk=body["id"])
    assert share.status == "posted"
    daily = ShareDailyStats.objects.unscoped().get(share=share)
    assert daily.shares_posted == 1
    assert _attributed(share) == ({sales.pk}, set())
    with django_assert_num_queries(0):
        assert client.get(f"/l/{share.tracked_code}").status_code == 302


def test_recording_a_posted_share_twice_counts_it_once(org: Organization) -> None:
    share = posted_share(org, posted_at=POSTED, record=False)

    share_posted_record(shares=[share])
    share_posted_record(shares=[share])

    assert ShareDailyStats.objects.unscoped().get(share=share, day=POSTED.date()).shares_posted == 1
    engagement = ShareEngagement.objects.unscoped().get(share=share)
    assert engagement.posted_at == POSTED
    assert engagement.read_due_at == POSTED + timedelta(seconds=settings.ENGAGEMENT_FIRST_READ_AFTER_SECONDS)


def test_a_share_counts_for_the_authors_roles_whose_grid_holds_the_content_and_those_cells_audiences(
    org: Organization, make_member: MakeMember
) -> None:
    sales, executives, legal = (role_in(org, name=n) for n in ("Sales", "Execs", "Legal"))
    cios, analysts, devops, avoided = (audience_in(org) for _ in range(4))
    content = approved_content(org)
    # The content sits in a Sales x CIOs cell and in Executives' column for every audience;
    # Legal (also held) has no cell for it; Devops is in a cell of a role the author lacks.
    GridCellFactory(organization=org, role=sales, audience=cios, content=content)
    GridCellFactory(organization=org, role=executives, audience=None, content=content)
    GridCellFactory(organization=org, role=role_in(org), audience=devops, content=content)
    RoleAudienceFactory(organization=org, role=executives, audience=analysts, level="support")
    RoleAudienceFactory(organization=org, role=executives, audience=avoided, level="avoid")
    author = make_member(org)
    assign_roles(author, sales, executives, legal)

    share = posted_share(org, membership=author, content=content)

    assert _attributed(share) == ({sales.pk, executives.pk}, {cios.pk, analysts.pk})


def test_a_share_of_content_in_none_of_the_authors_grids_counts_for_every_role_they_hold(
    org: Organization, make_member: MakeMember
) -> None:
    sales, legal = role_in(org), role_in(org)
    author = make_member(org)
    assign_roles(author, sales, legal)

    share = posted_share(org, membership=author)

    assert _attributed(share) == ({sales.pk, legal.pk}, set())


def test_attribution_is_frozen_when_the_share_is_posted(org: Organization, make_member: MakeMember) -> None:
    sales, legal = role_in(org), role_in(org)
    author = make_member(org)
    assign_roles(author, sales)
    share = posted_share(org, membership=author)

    assign_roles(author, legal)
    with tenant_context(org):
        share_posted_count(share=share)

    assert _attributed(share) == ({sales.pk}, set())


def test_reconcile_records_recently_posted_shares_the_handler_missed(
    org: Organization, outsider_org: Organization
) -> None:
    missed = posted_share(org, record=False)
    theirs = posted_share(outsider_org, record=False)
    recorded = posted_share(org)
    long_ago = posted_share(org, posted_at=datetime.now(UTC) - timedelta(days=30), record=False)
    share_in(org, status="queued")
    cache.clear()

    assert shares_posted_reconcile() == 2

    counted = set(ShareEngagement.objects.unscoped().values_list("share_id", flat=True))
    assert counted == {missed.pk, theirs.pk, recorded.pk}
    assert long_ago.pk not in counted
    assert cache.get(f"analytics:link:{missed.tracked_code}") is not None


def test_a_failure_in_the_handler_never_reaches_the_pipeline(org: Organization, monkeypatch: Any) -> None:
    from advocacy.analytics import services

    def broken(**kwargs: Any) -> bool:
        raise RuntimeError("analytics is down")

    monkeypatch.setattr(services, "share_posted_count", broken)
    share = posted_share(org, record=False)

    share_posted_record(shares=[share])  # logged, not raised

    assert not ShareEngagement.objects.unscoped().filter(share=share).exists()


def test_a_click_before_the_posting_freezes_the_attribution_and_role_totals_stay_exact(
    org: Organization, make_member: MakeMember
) -> None:
    sales, legal = role_in(org, name="Sales"), role_in(org, name="Legal")
    author = make_member(org)
    assign_roles(author, sales)
    share = posted_share(org, membership=author, posted_at=POSTED, record=False)
    # A click arrives before the posted handler ran; the author then gains a role.
    record(click(share, at=POSTED))
    assign_roles(author, legal)

    share_posted_record(shares=[share])
    record(click(share, at=POSTED, visitor="second"))

    assert _attributed(share) == ({sales.pk}, set())
    sales_day = AttributedDailyStats.objects.unscoped().get(dimension="role", key=sales.pk, day=POSTED.date())
    assert (sales_day.shares_posted, sales_day.clicks, sales_day.unique_visitors) == (1, 2, 2)
    assert not AttributedDailyStats.objects.unscoped().filter(key=legal.pk).exists()
