"""A member's readiness, coaching progress and cohort history under data rights
(docs/data-rights.md): exported, and deleted on erasure."""

from typing import Any

from advocacy.accounts.models import Membership
from advocacy.coaching.models import (
    CoachingCompletion,
    CohortInvitee,
    CohortMember,
    SocialPresence,
    SocialPresenceAudience,
)


def member_export(*, membership: Membership) -> dict[str, Any]:
    """Four queries whatever the amount of data."""
    presences = list(
        SocialPresence.objects.filter(membership=membership)
        .order_by("network")
        .values(
            "id",
            "network",
            "profile_url",
            "audience_size",
            "audience_description",
            "posting_frequency",
            "updated_at",
        )
    )
    audiences: dict[Any, list[str]] = {}
    for presence_id, name in (
        SocialPresenceAudience.objects.filter(presence__membership=membership)
        .order_by("audience__name")
        .values_list("presence_id", "audience__name")
    ):
        audiences.setdefault(presence_id, []).append(name)
    completions = (
        CoachingCompletion.objects.filter(membership=membership)
        .order_by("week", "created_at")
        .values("task_id", "task__title", "week", "created_at")
    )
    cohorts = (
        CohortMember.objects.filter(membership=membership)
        .order_by("created_at")
        .values("cohort_id", "cohort__name", "created_at", "invited_at")
    )
    return {
        "readiness": [
            {
                "network": presence["network"],
                "profile_url": presence["profile_url"],
                "audience_size": presence["audience_size"],
                "audience_description": presence["audience_description"],
                "posting_frequency": presence["posting_frequency"],
                "reached_audiences": audiences.get(presence["id"], []),
                "updated_at": presence["updated_at"],
            }
            for presence in presences
        ],
        "coaching_progress": [
            {
                "task": str(row["task_id"]),
                "title": row["task__title"],
                "week": row["week"],
                "done_at": row["created_at"],
            }
            for row in completions
        ],
        "cohorts": [
            {
                "cohort": str(row["cohort_id"]),
                "name": row["cohort__name"],
                "added_at": row["created_at"],
                "invited_at": row["invited_at"],
            }
            for row in cohorts
        ],
    }


def member_erase(*, membership: Membership, actor: Any) -> None:
    SocialPresence.objects.filter(membership=membership).delete()  # their audiences go with them
    CoachingCompletion.objects.filter(membership=membership).delete()
    CohortMember.objects.filter(membership=membership).delete()
    # Still listed as someone to invite with a cohort: the address is personal data too.
    CohortInvitee.objects.filter(email__iexact=membership.user.email).delete()
