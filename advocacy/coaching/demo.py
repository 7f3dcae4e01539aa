"""Demo rollout: a first wave of ambassadors (invited three weeks ago) and a second wave still
to invite, weekly coaching tasks from the starter library, and how ready a few people are."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.audiences.models import Audience
from advocacy.coaching.models import CoachingTask, CoachingTaskKind, Cohort, SocialPresence
from advocacy.coaching.periods import today, week_of
from advocacy.coaching.services import coaching_task_create, cohort_create, readiness_save
from advocacy.core.tenancy import tenant_context
from advocacy.roles.models import AdvocacyRole

FIRST_WAVE = ("employee@demo.example", "priya.shah@demo.example", "sam.okafor@demo.example")
SECOND_WAVE = ("mei.chen@demo.example", "lucas.martin@demo.example", "nora.fischer@demo.example")
SECOND_WAVE_INVITEES = ("alex.kim@demo.example",)

# (kind, role name or None for everyone, recurring)
TASKS: list[tuple[str, str | None, bool]] = [
    (CoachingTaskKind.PROFILE_SUMMARY, None, True),
    (CoachingTaskKind.FOLLOW_COMPANY, None, False),
    (CoachingTaskKind.READ_POLICY, None, False),
    (CoachingTaskKind.REPLY_TO_AUDIENCE, "Sales", True),
    (CoachingTaskKind.OWN_WORDS_SHARE, "Solutions Engineering", True),
]

# email -> [(network, profile URL, audience size, posting frequency, who they reach, audience names)]
READINESS: dict[str, list[tuple[str, str, str, str, str, list[str]]]] = {
    "employee@demo.example": [
        (
            "linkedin",
            "https://www.linkedin.com/in/jordan-lee-northwind",
            "500_to_2000",
            "weekly",
            "Heads of data and a few CIOs at regional banks I have worked with.",
            ["CIOs of large banks"],
        )
    ],
    "priya.shah@demo.example": [
        ("x", "https://x.com/priyabuilds", "2000_to_10000", "daily", "Platform engineers.", ["DevOps engineers"]),
        ("mastodon", "https://hachyderm.io/@priya", "500_to_2000", "weekly", "SREs.", ["DevOps engineers"]),
    ],
    "sam.okafor@demo.example": [
        (
            "linkedin",
            "https://www.linkedin.com/in/sam-okafor",
            "over_10000",
            "weekly",
            "Bank executives, analysts and fintech press.",
            ["CIOs of large banks", "Industry analysts", "Journalists"],
        )
    ],
    "mei.chen@demo.example": [("x", "", "100_to_500", "rarely", "Mostly friends from university.", [])],
}


def _seed_cohorts(demo: Organization, comms: User, members: dict[str, Membership]) -> None:
    if Cohort.objects.exists():
        return
    cohort_create(
        organization=demo,
        actor=comms,
        name="First wave: ambassadors",
        members=[members[email] for email in FIRST_WAVE],
        invited_at=timezone.now() - timedelta(days=21),
    )
    cohort_create(
        organization=demo,
        actor=comms,
        name="Second wave",
        members=[members[email] for email in SECOND_WAVE],
        invitees=list(SECOND_WAVE_INVITEES),
    )


def _seed_tasks(demo: Organization, comms: User) -> None:
    if CoachingTask.objects.exists():
        return
    roles = {role.name: role for role in AdvocacyRole.objects.filter(archived_at__isnull=True)}
    for kind, role_name, recurring in TASKS:
        coaching_task_create(
            organization=demo,
            actor=comms,
            kind=kind,
            role=roles[role_name] if role_name else None,
            recurring=recurring,
            week=None if recurring else week_of(today()),
        )


def _seed_readiness(members: dict[str, Membership]) -> None:
    audiences = {audience.name: audience for audience in Audience.objects.filter(archived_at__isnull=True)}
    described = set(SocialPresence.objects.values_list("membership_id", flat=True))
    for email, networks in READINESS.items():
        membership = members[email]
        if membership.pk in described:
            continue
        entries: list[dict[str, Any]] = [
            {
                "network": network,
                "profile_url": url,
                "audience_size": size,
                "posting_frequency": frequency,
                "audience_description": who,
                "audiences": [audiences[name] for name in audience_names],
            }
            for network, url, size, frequency, who, audience_names in networks
        ]
        readiness_save(membership=membership, networks=entries)


def seed() -> None:
    demo = Organization.objects.get(slug="demo")
    comms = User.objects.get(email="comms@demo.example")
    with tenant_context(demo):
        members = {m.user.email: m for m in Membership.objects.select_related("user", "organization")}
        _seed_cohorts(demo, comms, members)
        _seed_tasks(demo, comms)
        _seed_readiness(members)


def summary() -> list[str]:
    return [
        "Rollout in demo:",
        f"  First wave (invited):  {', '.join(FIRST_WAVE)}",
        f"  Second wave (to invite): {', '.join(SECOND_WAVE + SECOND_WAVE_INVITEES)}",
        f"  {len(TASKS)} weekly coaching tasks; readiness described by {len(READINESS)} people",
        "",
    ]
