"""Demo audiences, a role x audience map that makes sense, and two reserved relationships."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.audiences.models import Audience, ReservedRelationship, RoleAudience
from advocacy.audiences.services import audience_create, reserved_relationship_create, role_audience_create
from advocacy.core.tenancy import tenant_context
from advocacy.roles.models import AdvocacyRole

AUDIENCES: list[dict[str, Any]] = [
    {
        "name": "CIOs of large banks",
        "description": "Chief information officers at banks with more than 10bn in assets.",
        "topics": ["core banking modernisation", "cloud risk", "regulatory reporting", "AI governance"],
        "networks": ["linkedin"],
        "engagement_notes": "They read LinkedIn on Sunday evenings. Lead with outcomes at peer banks, not features.",
    },
    {
        "name": "DevOps engineers",
        "description": "Platform and SRE teams running data pipelines.",
        "topics": ["observability", "kubernetes", "data pipelines", "incident response"],
        "networks": ["x", "mastodon", "bluesky"],
        "engagement_notes": "Allergic to marketing. Share code, benchmarks and honest post-mortems.",
    },
    {
        "name": "Wealth clients in New York",
        "description": "Family offices and private banking clients in the New York area.",
        "topics": ["portfolio analytics", "privacy", "reporting"],
        "networks": ["linkedin"],
        "engagement_notes": "Relationship-led. Only their advisers engage them directly.",
    },
    {
        "name": "Industry analysts",
        "description": "Analysts at research firms covering data and analytics platforms.",
        "topics": ["market trends", "vendor landscape", "customer evidence"],
        "networks": ["linkedin", "x"],
        "engagement_notes": "Executives and analyst relations only; never share roadmap details.",
    },
    {
        "name": "Journalists",
        "description": "Reporters covering fintech and enterprise software.",
        "topics": ["fintech", "enterprise software", "AI regulation"],
        "networks": ["x", "bluesky", "linkedin"],
        "engagement_notes": "Executives speak on record; everyone else points to the press office.",
    },
    {
        "name": "Prospects in active deals",
        "description": "People at companies we are negotiating with.",
        "topics": ["evaluation", "proof of concept"],
        "networks": ["linkedin"],
        "engagement_notes": "Account teams only. Nothing that could be read as a commitment.",
    },
]

MATRIX: dict[str, dict[str, str]] = {
    "Sales": {
        "CIOs of large banks": "lead",
        "Wealth clients in New York": "lead",
        "Prospects in active deals": "lead",
        "Industry analysts": "avoid",
        "Journalists": "avoid",
    },
    "Solutions Engineering": {
        "DevOps engineers": "lead",
        "CIOs of large banks": "support",
        "Prospects in active deals": "support",
    },
    "Executives": {
        "CIOs of large banks": "lead",
        "Industry analysts": "lead",
        "Journalists": "lead",
        "Wealth clients in New York": "support",
    },
    "Developer Relations": {"DevOps engineers": "lead", "Journalists": "support", "Prospects in active deals": "avoid"},
    "Legal & Compliance": {
        "Prospects in active deals": "avoid",
        "Journalists": "avoid",
        "Wealth clients in New York": "avoid",
        "Industry analysts": "support",
    },
}


def seed() -> None:
    demo = Organization.objects.get(slug="demo")
    comms = User.objects.get(email="comms@demo.example")
    with tenant_context(demo):
        audiences = {a.name: a for a in Audience.objects.filter(archived_at__isnull=True)}
        for spec in AUDIENCES:
            if spec["name"] not in audiences:
                audiences[spec["name"]] = audience_create(organization=demo, actor=comms, **spec)
        roles = {r.name: r for r in AdvocacyRole.objects.filter(archived_at__isnull=True)}
        mapped = set(RoleAudience.objects.values_list("role__name", "audience__name"))
        for role_name, levels in MATRIX.items():
            for audience_name, level in levels.items():
                if (role_name, audience_name) not in mapped:
                    role_audience_create(
                        organization=demo,
                        actor=comms,
                        role=roles[role_name],
                        audience=audiences[audience_name],
                        level=level,
                    )
        if not ReservedRelationship.objects.exists():
            members = {m.user.email: m for m in Membership.objects.select_related("user")}
            reserved_relationship_create(
                organization=demo,
                actor=comms,
                name="Globex Bank",
                reason="Exclusive client with a dedicated account manager: Lucas Martin handles all contact.",
                handles=[
                    {"network": "x", "handle": "GlobexBank"},
                    {"network": "linkedin", "profile_url": "https://www.linkedin.com/company/globex-bank"},
                    {"network": "bluesky", "handle": "globexbank.bsky.social"},
                ],
                owner=members["lucas.martin@demo.example"],
                allowed_roles=[roles["Executives"]],
            )
            reserved_relationship_create(
                organization=demo,
                actor=comms,
                name="Initech Capital",
                reason="Prospect in active negotiation; only the account team engages until the deal closes.",
                handles=[
                    {"network": "x", "handle": "initech"},
                    {"network": "linkedin", "profile_url": "https://www.linkedin.com/company/initech-capital"},
                    {"network": "mastodon", "handle": "initech@fintech.social"},
                ],
                owner=members["employee@demo.example"],
                allowed_members=[members["sam.okafor@demo.example"]],
                expires_at=timezone.now() + timedelta(days=90),
            )
