"""Demo advocacy roles with objectives, and who holds them."""

from typing import Any

from advocacy.accounts.models import Membership, Organization, User
from advocacy.core.tenancy import tenant_context
from advocacy.roles.models import AdvocacyRole
from advocacy.roles.services import member_roles_set, role_create

ROLES: list[dict[str, Any]] = [
    {
        "name": "Sales",
        "description": "Account executives who speak to the buyers of our analytics platform.",
        "responsibilities": "Share customer outcomes and industry insight with the decision makers you "
        "sell to. Never discuss pricing or open deals in public.",
        "objectives": [
            {"name": "Clicks from bank CIOs", "metric": "clicks", "target": 40, "period": "month"},
            {"name": "Conversations with buyers", "metric": "conversations", "target": 8, "period": "month"},
        ],
        "networks": [],
    },
    {
        "name": "Solutions Engineering",
        "description": "Engineers who design customer deployments.",
        "responsibilities": "Explain how things work: architecture notes, migration stories, honest trade-offs.",
        "objectives": [
            {"name": "Engineers reached", "metric": "unique_visitors", "target": 150, "period": "month"},
            {"name": "Technical conversations", "metric": "conversations", "target": 10, "period": "month"},
        ],
        "networks": ["sandbox", "linkedin", "x", "mastodon", "bluesky"],
    },
    {
        "name": "Executives",
        "description": "The leadership team.",
        "responsibilities": "Set out where the industry is going and why Northwind is there. "
        "Engage analysts and press personally.",
        "objectives": [
            {"name": "Analyst and press conversations", "metric": "conversations", "target": 4, "period": "month"},
            {"name": "Clicks on thought leadership", "metric": "clicks", "target": 300, "period": "quarter"},
        ],
        "networks": ["sandbox", "linkedin", "x"],
    },
    {
        "name": "Developer Relations",
        "description": "Advocates for the developers who build on our APIs.",
        "responsibilities": "Share tutorials, release notes and community work where developers are.",
        "objectives": [
            {"name": "Developer clicks", "metric": "clicks", "target": 200, "period": "month"},
            {"name": "Reposts by developers", "metric": "reposts", "target": 20, "period": "month"},
        ],
        "networks": ["sandbox", "x", "mastodon", "bluesky"],
    },
    {
        "name": "Legal & Compliance",
        "description": "Counsel and compliance officers.",
        "responsibilities": "Share regulatory updates; every share is reviewed before posting.",
        "objectives": [{"name": "Regulatory updates shared", "metric": "shares", "target": 2, "period": "month"}],
        "networks": ["sandbox", "linkedin"],
        "review_before_posting": True,
    },
]

ASSIGNMENTS = {
    "employee@demo.example": ["Sales"],
    "lucas.martin@demo.example": ["Sales"],
    "priya.shah@demo.example": ["Solutions Engineering"],
    "nora.fischer@demo.example": ["Solutions Engineering", "Developer Relations"],
    "sam.okafor@demo.example": ["Executives"],
    "mei.chen@demo.example": ["Developer Relations"],
    "reviewer@demo.example": ["Legal & Compliance"],
    "comms@demo.example": ["Executives"],
}


def seed() -> None:
    demo = Organization.objects.get(slug="demo")
    comms = User.objects.get(email="comms@demo.example")
    with tenant_context(demo):
        existing = {role.name: role for role in AdvocacyRole.objects.filter(archived_at__isnull=True)}
        for spec in ROLES:
            if spec["name"] not in existing:
                existing[spec["name"]] = role_create(organization=demo, actor=comms, **spec)
        for email, names in ASSIGNMENTS.items():
            membership = Membership.objects.get(user__email=email)
            if not membership.role_assignments.exists():
                member_roles_set(membership=membership, roles=[existing[n] for n in names], actor=comms)


def summary() -> list[str]:
    holders: dict[str, list[str]] = {}
    for email, names in ASSIGNMENTS.items():
        for name in names:
            holders.setdefault(name, []).append(email)
    return ["Advocacy roles in demo:", *(f"  {name:<22} {', '.join(emails)}" for name, emails in holders.items()), ""]
