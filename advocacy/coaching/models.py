"""The grassroots rollout: how ready each member is on social, the cohorts invited in waves,
and small weekly coaching tasks with each member's own (private) record of doing them."""

from typing import Any

from django.db import models
from django.db.models import Q

from advocacy.core.models import TenantModel


class AudienceSize(models.TextChoices):
    """A rough bucket: members guess, nobody audits follower counts."""

    UNKNOWN = "unknown", "Not sure"
    UNDER_100 = "under_100", "Fewer than 100"
    FROM_100_TO_500 = "100_to_500", "100 to 500"
    FROM_500_TO_2000 = "500_to_2000", "500 to 2,000"
    FROM_2000_TO_10000 = "2000_to_10000", "2,000 to 10,000"
    OVER_10000 = "over_10000", "More than 10,000"


class PostingFrequency(models.TextChoices):
    NEVER = "never", "Never so far"
    RARELY = "rarely", "A few times a year"
    MONTHLY = "monthly", "About monthly"
    WEEKLY = "weekly", "About weekly"
    DAILY = "daily", "Most days"


class SocialPresence(TenantModel):
    """A member's own description of where they stand on one network: their profile, how
    many people follow them, who those people are, and how often they post."""

    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="social_presences")
    network = models.CharField(max_length=20)
    profile_url = models.URLField(max_length=500, blank=True)
    audience_size = models.CharField(max_length=20, choices=AudienceSize.choices, default=AudienceSize.UNKNOWN)
    audience_description = models.TextField(max_length=2000, blank=True)
    posting_frequency = models.CharField(
        max_length=10, choices=PostingFrequency.choices, default=PostingFrequency.NEVER
    )
    reached_audiences = models.ManyToManyField(
        "audiences.Audience", through="SocialPresenceAudience", related_name="+", blank=True
    )

    class Meta:
        ordering = ["organization_id", "membership_id", "network"]
        constraints = [
            models.UniqueConstraint(fields=["membership", "network"], name="social_presence_one_per_network")
        ]

    def __str__(self) -> str:
        return f"{self.membership_id} on {self.network}"


class SocialPresenceAudience(TenantModel):
    """One of the member's roles' audiences that the member says they reach on that network."""

    presence = models.ForeignKey(SocialPresence, on_delete=models.CASCADE, related_name="audience_links")
    audience = models.ForeignKey("audiences.Audience", on_delete=models.CASCADE, related_name="+")

    class Meta:
        ordering = ["organization_id", "presence_id", "audience_id"]
        constraints = [models.UniqueConstraint(fields=["presence", "audience"], name="social_presence_audience_unique")]
        indexes = [models.Index(fields=["organization", "audience"], name="presence_audience_org_aud")]


class Cohort(TenantModel):
    """A wave of the rollout: the people invited together, so their results can be compared
    with the waves before and after them."""

    name = models.CharField(max_length=100)
    # When the wave was invited: set by the invite action, or given for a wave invited
    # before the organisation used this product.
    invited_at = models.DateTimeField(null=True, blank=True)
    members = models.ManyToManyField("accounts.Membership", through="CohortMember", related_name="+", blank=True)

    class Meta:
        ordering = ["organization_id", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["organization", "name"], name="cohort_unique_name")]

    def __str__(self) -> str:
        return self.name

    def audit_state(self) -> dict[str, Any]:
        return {"name": self.name, "invited_at": self.invited_at.isoformat() if self.invited_at else None}


class CohortMember(TenantModel):
    """A member in a cohort. ``invited_at`` is when the cohort's invitation made them an
    ambassador (empty until then); ``created_at`` is when they were put in the cohort."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="member_links")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="cohort_links")
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organization_id", "cohort_id", "created_at"]
        constraints = [models.UniqueConstraint(fields=["cohort", "membership"], name="cohort_member_unique")]


class CohortInvitee(TenantModel):
    """Someone not in the organisation yet, to be invited with the cohort. Inviting the
    cohort sends them an organisation invitation (the accounts service); once they have
    joined, inviting the cohort again moves them into the cohort's members."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="invitees")
    email = models.EmailField()
    invitation = models.ForeignKey(
        "accounts.Invitation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["organization_id", "cohort_id", "email"]
        constraints = [models.UniqueConstraint(fields=["cohort", "email"], name="cohort_invitee_unique_email")]


class CoachingTaskKind(models.TextChoices):
    """The starter library (see ``library.py``), plus tasks a comms lead writes from scratch."""

    PROFILE_SUMMARY = "profile_summary", "Complete your profile summary"
    FOLLOW_COMPANY = "follow_company", "Follow the company accounts"
    REPLY_TO_AUDIENCE = "reply_to_audience", "Reply to one person in your audience"
    OWN_WORDS_SHARE = "own_words_share", "Share something you read, in your own words"
    READ_POLICY = "read_policy", "Read the policy update"
    CUSTOM = "custom", "Custom task"


class CoachingTask(TenantModel):
    """A small weekly task for the members of one role (or everyone when ``role`` is
    empty): either for one week (``week`` is that week's Monday) or every week."""

    title = models.CharField(max_length=200)
    description = models.TextField(max_length=2000, blank=True)
    role = models.ForeignKey(
        "roles.AdvocacyRole", null=True, blank=True, on_delete=models.CASCADE, related_name="coaching_tasks"
    )
    kind = models.CharField(max_length=30, choices=CoachingTaskKind.choices, default=CoachingTaskKind.CUSTOM)
    week = models.DateField(null=True, blank=True)
    recurring = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["organization_id", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recurring=True, week__isnull=True) | Q(recurring=False, week__isnull=False),
                name="coaching_task_one_week_or_recurring",
            )
        ]
        indexes = [models.Index(fields=["organization", "active", "week"], name="coaching_task_org_active_week")]

    def __str__(self) -> str:
        return self.title

    def audit_state(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "description": self.description,
            "role": str(self.role_id) if self.role_id else None,
            "kind": self.kind,
            "week": self.week.isoformat() if self.week else None,
            "recurring": self.recurring,
            "active": self.active,
        }


class CoachingCompletion(TenantModel):
    """A member did a task in a given week (that week's Monday). Private to the member: no
    endpoint shows it to anyone else, and nothing ranks members by it."""

    task = models.ForeignKey(CoachingTask, on_delete=models.CASCADE, related_name="completions")
    membership = models.ForeignKey("accounts.Membership", on_delete=models.CASCADE, related_name="+")
    week = models.DateField()

    class Meta:
        ordering = ["organization_id", "-week", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["task", "membership", "week"], name="coaching_completion_once_a_week")
        ]
        indexes = [models.Index(fields=["organization", "membership", "week"], name="coaching_done_org_member_week")]
