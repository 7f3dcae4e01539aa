"""Clicks on tracked links, the rollups dashboards read, and engagement read back from networks.

Dashboards never read raw clicks: the batch writer (services.clicks_record) turns each batch
of buffered clicks into increments of the hourly and daily rollups, in the same transaction
that stores the clicks. Days and hours are UTC.
"""

import uuid

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class Click(TenantModel):
    """One request to ``/l/{code}``. ``id`` is minted on the request path and travels with the
    click through the buffer, so replaying a batch after a crash inserts nothing twice."""

    share = models.ForeignKey("shares.Share", on_delete=models.CASCADE, related_name="+")
    clicked_at = models.DateTimeField()
    # SHA-256 of (daily salt, IP, user agent): counts unique visitors per day without ever
    # storing an IP address, and cannot be linked across days.
    visitor_hash = models.CharField(max_length=64)
    referrer_host = models.CharField(max_length=255, blank=True)
    is_bot = models.BooleanField(default=False)

    class Meta:
        ordering = ["organization_id", "-clicked_at"]
        indexes = [models.Index(fields=["organization", "share", "clicked_at"], name="click_org_share_time")]


class ShareHourlyStats(TenantModel):
    """Per share and UTC hour. ``unique_visitors`` counts visitors in the hour where they
    were first seen that day, so an hour's figures add up to the day's."""

    share = models.ForeignKey("shares.Share", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField()
    clicks = models.PositiveIntegerField(default=0)  # humans only
    unique_visitors = models.PositiveIntegerField(default=0)
    bot_hits = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["organization_id", "share_id", "hour"]
        constraints = [models.UniqueConstraint(fields=["share", "hour"], name="share_hourly_stats_unique_hour")]
        indexes = [models.Index(fields=["organization", "hour"], name="share_hourly_org_hour")]


class ShareDailyStats(TenantModel):
    """Per share and UTC day: what the summary and objectives read.

    The share's content, author and network are copied here (a share never changes them) so
    the common groupings need no join. ``shares_posted`` is 1 on the day the share was
    posted; reactions, comments and reposts are the growth seen by the engagement reads of
    that day (a later read can lower them: an unlike)."""

    share = models.ForeignKey("shares.Share", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    content = models.ForeignKey("content.ContentItem", on_delete=models.CASCADE, related_name="+")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="+")
    network = models.CharField(max_length=20)
    shares_posted = models.PositiveSmallIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)  # humans only
    unique_visitors = models.PositiveIntegerField(default=0)
    bot_hits = models.PositiveIntegerField(default=0)
    reactions = models.IntegerField(default=0)
    comments = models.IntegerField(default=0)
    reposts = models.IntegerField(default=0)

    class Meta:
        ordering = ["organization_id", "share_id", "day"]
        constraints = [models.UniqueConstraint(fields=["share", "day"], name="share_daily_stats_unique_day")]
        indexes = [
            # Covering (every column the summary reads is in it), so a range is summed with an
            # index-only scan. Plain key columns rather than INCLUDE, which SQLite lacks.
            models.Index(
                fields=[
                    "organization",
                    "day",
                    "content",
                    "membership",
                    "network",
                    "shares_posted",
                    "clicks",
                    "unique_visitors",
                    "bot_hits",
                    "comments",
                    "reactions",
                    "reposts",
                ],
                name="share_daily_org_day_covering",
            ),
            # A member's own numbers, and the names of the members or contents in a range.
            models.Index(fields=["organization", "membership", "day"], name="share_daily_org_member_day"),
            models.Index(fields=["organization", "content", "day"], name="share_daily_org_content_day"),
        ]


class DailyVisitor(TenantModel):
    """A visitor hash seen on a share on a day: the exact way to count unique visitors per
    (share, day). Rows older than two days are pruned: the salt has rotated by then."""

    share = models.ForeignKey("shares.Share", on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    visitor_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["organization_id", "day"]
        constraints = [
            models.UniqueConstraint(fields=["share", "day", "visitor_hash"], name="daily_visitor_unique"),
        ]
        indexes = [models.Index(fields=["day"], name="daily_visitor_day")]


class ShareAttribution(TenantModel):
    """The advocacy roles and audiences a share counts for, frozen the first time they are
    needed (when the share is posted, or its link first clicked, whichever comes first), so
    history never moves when grids or role assignments change later. The rule is in
    ``services.attributions_for``."""

    share = models.OneToOneField("shares.Share", on_delete=models.CASCADE, related_name="+")
    role_ids = models.JSONField(default=list)  # [uuid string, ...]
    audience_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["organization_id", "share_id"]


class AttributionDimension(models.TextChoices):
    ROLE = "role", "Advocacy role"
    AUDIENCE = "audience", "Audience"
    # One per share (its content item, its author, its network, its organisation): the
    # organisation-wide summary by content, member, network or day reads a row per key and
    # day (or month) instead of one per share and day.
    CONTENT = "content", "Content item"
    MEMBER = "member", "Member"
    NETWORK = "network", "Network"  # key: network_key(name)
    ORGANIZATION = "organization", "Organisation"  # key: the organisation's id


# Keys are UUIDs; a network is a name, so its key is a name-based UUID.
_NETWORK_NAMESPACE = uuid.UUID("6f6b2c1e-4d6a-4f57-9a59-0c8f3a2d7b10")


def network_key(network: str) -> uuid.UUID:
    return uuid.uuid5(_NETWORK_NAMESPACE, network)


_COVERED_COUNTERS = ["shares_posted", "clicks", "unique_visitors", "bot_hits", "comments", "reactions", "reposts"]


class AttributedStats(TenantModel):
    """The sum of the share rollups of the shares attributed to one key of a dimension (a
    role, audience, content item, member, network, or the whole organisation) over a span
    of time, kept in step with them in the same transactions (rollups.rollups_add)."""

    dimension = models.CharField(max_length=12, choices=AttributionDimension.choices)
    key = models.UUIDField()  # the role's, audience's, content item's, membership's, network's or organisation's
    shares_posted = models.PositiveIntegerField(default=0)
    clicks = models.PositiveIntegerField(default=0)
    unique_visitors = models.PositiveIntegerField(default=0)
    bot_hits = models.PositiveIntegerField(default=0)
    reactions = models.IntegerField(default=0)
    comments = models.IntegerField(default=0)
    reposts = models.IntegerField(default=0)

    class Meta:
        abstract = True


class AttributedDailyStats(AttributedStats):
    """Per key and UTC day. The organisation-wide dashboards and objectives read these (and
    the monthly rows below): a role's year is at most 365 rows, whatever the number of
    shares."""

    day = models.DateField()

    class Meta:
        ordering = ["organization_id", "dimension", "key", "day"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "dimension", "key", "day"], name="attributed_daily_stats_unique_day"
            )
        ]
        indexes = [
            # Covering, as ShareDailyStats's: a range is summed with an index-only scan.
            models.Index(
                fields=["organization", "dimension", "day", "key", *_COVERED_COUNTERS], name="attributed_daily_covering"
            )
        ]


class AttributedMonthlyStats(AttributedStats):
    """Per key and UTC calendar month (``month`` is its first day): the daily rows of the
    month added up, kept in step in the same transactions. A long range reads a row per key
    for each month it covers and daily rows only for its ends (periods.range_parts): a
    year by member is about 24,000 rows instead of 450,000."""

    month = models.DateField()

    class Meta:
        ordering = ["organization_id", "dimension", "key", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "dimension", "key", "month"], name="attributed_monthly_stats_unique_month"
            )
        ]
        indexes = [
            models.Index(
                fields=["organization", "dimension", "month", "key", *_COVERED_COUNTERS],
                name="attributed_monthly_covering",
            )
        ]


class ShareEngagement(TenantModel):
    """One row per posted share: the latest engagement read from its network, and when to
    read it next. Created when the share is posted (which also counts it in the rollups)."""

    share = models.OneToOneField("shares.Share", on_delete=models.CASCADE, related_name="+")
    posted_at = models.DateTimeField()
    reactions = models.PositiveIntegerField(default=0)
    comments = models.PositiveIntegerField(default=0)
    reposts = models.PositiveIntegerField(default=0)
    impressions = models.PositiveBigIntegerField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Null once the share is too old (or its connection is gone) to be read again.
    read_due_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "-posted_at"]
        indexes = [
            models.Index(
                fields=["organization", "read_due_at"],
                condition=Q(read_due_at__isnull=False),
                name="share_engagement_due",
            )
        ]


class EngagementSnapshot(TenantModel):
    """What the network reported for a share at one moment (totals, not increments)."""

    share = models.ForeignKey("shares.Share", on_delete=models.CASCADE, related_name="+")
    taken_at = models.DateTimeField()
    reactions = models.PositiveIntegerField()
    comments = models.PositiveIntegerField()
    reposts = models.PositiveIntegerField()
    impressions = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "share_id", "-taken_at"]
        indexes = [models.Index(fields=["organization", "share", "taken_at"], name="engagement_org_share_time")]
