"""Engagement read-back: snapshots through the network provider, the latest kept per share,
growth added to the day's rollup, recent shares read more often, rate limits respected."""

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.conf import settings

from advocacy.accounts.models import Organization
from advocacy.analytics import engagement as engagement_module
from advocacy.analytics.engagement import engagement_read_due, engagement_record, next_read_at
from advocacy.analytics.models import EngagementSnapshot, ShareDailyStats, ShareEngagement
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import SandboxPost
from advocacy.networks.providers.base import Credentials, Engagement, PostRejected, RateLimited
from advocacy.shares.models import Share
from tests.analytics.conftest import posted_share

NOW = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@dataclass
class ScriptedProvider:
    """Stands in for a network: answers from a script, records who was asked."""

    answers: dict[str, Any] = field(default_factory=dict)
    asked: list[str] = field(default_factory=list)

    def engagement(self, *, credentials: Credentials, external_id: str) -> Engagement:
        self.asked.append(external_id)
        answer = self.answers.get(external_id, Engagement(reactions=1))
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[no-any-return]


@pytest.fixture
def network(monkeypatch: pytest.MonkeyPatch) -> ScriptedProvider:
    provider = ScriptedProvider()
    monkeypatch.setattr(engagement_module, "get_provider", lambda name: provider)
    return provider


def _due(organization: Organization, posted_at: datetime, **fields: Any) -> Share:
    share = posted_share(organization, posted_at=posted_at, **fields)
    ShareEngagement.objects.unscoped().filter(share=share).update(read_due_at=NOW - timedelta(minutes=1))
    return share


def test_the_sandbox_network_reports_engagement_that_is_stored_as_snapshot_latest_and_growth(
    org: Organization,
) -> None:
    share = _due(org, NOW - timedelta(hours=10), external_id="")
    post = SandboxPost.objects.unscoped().create(
        organization=org, connection=share.connection, idempotency_key=str(share.pk), text="hi"
    )
    SandboxPost.objects.unscoped().filter(pk=post.pk).update(created_at=NOW - timedelta(hours=10))
    Share.objects.unscoped().filter(pk=share.pk).update(external_id=str(post.pk))

    run = engagement_read_due(now=NOW)

    assert run.read == 1
    snapshot = EngagementSnapshot.objects.unscoped().get(share=share)
    assert snapshot.reactions > 0
    latest = ShareEngagement.objects.unscoped().get(share=share)
    assert (latest.reactions, latest.comments, latest.reposts, latest.impressions) == (
        snapshot.reactions,
        snapshot.comments,
        snapshot.reposts,
        snapshot.impressions,
    )
    assert latest.read_due_at == NOW + timedelta(hours=settings.ENGAGEMENT_RECENT_EVERY_HOURS)
    today = ShareDailyStats.objects.unscoped().get(share=share, day=NOW.date())
    assert (today.reactions, today.comments) == (snapshot.reactions, snapshot.comments)


def test_each_read_adds_only_the_growth_since_the_previous_one(org: Organization) -> None:
    share = posted_share(org, posted_at=NOW - timedelta(days=2))

    with tenant_context(org):
        engagement_record(share=share, engagement=Engagement(reactions=10, comments=2, reposts=1), taken_at=NOW)
        engagement_record(
            share=share, engagement=Engagement(reactions=9, comments=5, reposts=1), taken_at=NOW + timedelta(days=1)
        )

    days = {
        row.day: (row.reactions, row.comments, row.reposts)
        for row in ShareDailyStats.objects.unscoped().filter(share=share)
    }
    assert days[NOW.date()] == (10, 2, 1)
    assert days[(NOW + timedelta(days=1)).date()] == (-1, 3, 0)  # an unlike, two new comments
    assert EngagementSnapshot.objects.unscoped().filter(share=share).count() == 2


def test_recent_shares_are_read_every_few_hours_older_ones_weekly_and_old_ones_never() -> None:
    assert next_read_at(posted_at=NOW - timedelta(days=2), now=NOW) == NOW + timedelta(
        hours=settings.ENGAGEMENT_RECENT_EVERY_HOURS
    )
    assert next_read_at(posted_at=NOW - timedelta(days=45), now=NOW) == NOW + timedelta(
        hours=settings.ENGAGEMENT_OLD_EVERY_HOURS
    )
    assert next_read_at(posted_at=NOW - timedelta(days=400), now=NOW) is None


def test_only_due_shares_are_read(org: Organization, network: ScriptedProvider) -> None:
    due = _due(org, NOW - timedelta(days=1))
    not_yet = posted_share(org, posted_at=NOW - timedelta(minutes=5))

    engagement_read_due(now=NOW)

    assert network.asked == [due.external_id]
    assert ShareEngagement.objects.unscoped().get(share=not_yet).read_at is None


def test_a_rate_limited_connection_is_paused_for_retry_after_and_other_connections_go_on(
    org: Organization, network: ScriptedProvider
) -> None:
    first = _due(org, NOW - timedelta(days=3))
    same_connection = _due(org, NOW - timedelta(days=2), membership=first.membership, connection=first.connection)
    other = _due(org, NOW - timedelta(days=1))
    network.answers[first.external_id] = RateLimited("slow down", retry_after=120, scope="connection")

    run = engagement_read_due(now=NOW)

    assert network.asked == [first.external_id, other.external_id]
    assert (run.rate_limited, run.skipped_paused, run.read) == (1, 1, 1)
    for share in (first, same_connection):
        assert ShareEngagement.objects.unscoped().get(share=share).read_due_at == NOW + timedelta(seconds=120)
    # A later run within the pause does not call the network for that connection either.
    network.asked.clear()
    engagement_read_due(now=NOW + timedelta(seconds=1))
    assert network.asked == []


def test_an_app_wide_rate_limit_pauses_the_whole_network(org: Organization, network: ScriptedProvider) -> None:
    first = _due(org, NOW - timedelta(days=3), network="mastodon")
    _due(org, NOW - timedelta(days=2), network="mastodon")
    sandbox = _due(org, NOW - timedelta(days=1))
    network.answers[first.external_id] = RateLimited("app limit", retry_after=60, scope="app")

    engagement_read_due(now=NOW)

    assert network.asked == [first.external_id, sandbox.external_id]


def test_a_refused_read_is_retried_at_the_next_interval_and_a_gone_connection_stops_reading(
    org: Organization, network: ScriptedProvider
) -> None:
    refused = _due(org, NOW - timedelta(days=3))
    revoked = _due(org, NOW - timedelta(days=2))
    revoked.connection.status = "revoked"
    revoked.connection.save()
    network.answers[refused.external_id] = PostRejected("not found")

    run = engagement_read_due(now=NOW)

    assert (run.failed, run.stopped) == (1, 1)
    assert ShareEngagement.objects.unscoped().get(share=refused).read_due_at == NOW + timedelta(
        hours=settings.ENGAGEMENT_RECENT_EVERY_HOURS
    )
    assert ShareEngagement.objects.unscoped().get(share=revoked).read_due_at is None
    assert not EngagementSnapshot.objects.unscoped().exists()


def test_reads_stay_within_their_organisation(
    org: Organization, outsider_org: Organization, network: ScriptedProvider
) -> None:
    ours = _due(org, NOW - timedelta(days=1))
    theirs = _due(outsider_org, NOW - timedelta(days=1))

    engagement_read_due(now=NOW)

    assert {s.organization_id for s in EngagementSnapshot.objects.unscoped().all()} == {org.pk, outsider_org.pk}
    assert EngagementSnapshot.objects.unscoped().get(share=ours).organization_id == org.pk
    assert EngagementSnapshot.objects.unscoped().get(share=theirs).organization_id == outsider_org.pk
