"""Demo content: a dozen approved items across the grid, a few in the workflow, one retired.

Links point at northwind.example, which does not resolve; their previews are written here
instead of being fetched."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.audiences.models import Audience
from advocacy.content.models import ContentItem, PreviewStatus
from advocacy.content.services import (
    content_approve,
    content_create,
    content_retire,
    content_submit,
    grid_cell_create,
    template_create,
)
from advocacy.core.tenancy import tenant_context
from advocacy.roles.models import AdvocacyRole

ALL = None  # the "every audience of this role" column

# (title, path, summary, suggested copy, {role: angle}, [(role, audience or ALL, note)], state)
ITEMS: list[dict[str, Any]] = [
    {
        "title": "How a top-20 bank cut regulatory reporting time by 60%",
        "path": "customers/bank-reporting",
        "summary": "A case study: moving regulatory reporting from nightly batch to streaming pipelines.",
        "angles": {
            "Sales": "Lead with the outcome their peers got, not the product.",
            "Executives": "Frame it as where the industry is going.",
        },
        "cells": [
            ("Sales", "CIOs of large banks", "Ask what their reporting deadline looks like."),
            ("Executives", "CIOs of large banks", ""),
        ],
    },
    {
        "title": "Northwind 5.0: streaming pipelines are generally available",
        "path": "blog/northwind-5",
        "summary": "Release notes for 5.0: exactly-once streaming, schema evolution, a new CLI.",
        "angles": {"Developer Relations": "Show the CLI; link the quick start."},
        "cells": [
            ("Developer Relations", "DevOps engineers", "Code first, adjectives never."),
            ("Solutions Engineering", "DevOps engineers", ""),
        ],
    },
    {
        "title": "The 2026 State of Bank Data report",
        "path": "reports/state-of-bank-data-2026",
        "summary": "Survey of 400 bank data leaders on cloud, AI and reporting.",
        "angles": {"Executives": "Pick the one finding that surprised you most."},
        "cells": [
            ("Executives", "Industry analysts", "Offer a briefing, not a pitch."),
            ("Executives", "Journalists", ""),
            ("Sales", "CIOs of large banks", ""),
        ],
    },
    {
        "title": "Tutorial: observability for data pipelines with OpenTelemetry",
        "path": "docs/tutorials/otel-pipelines",
        "summary": "Trace a record from ingestion to dashboard in 20 minutes.",
        "cells": [("Developer Relations", "DevOps engineers", "")],
    },
    {
        "title": "Webinar: AI governance for regulated banks",
        "path": "events/ai-governance-webinar",
        "summary": "With our general counsel and two bank CDOs; 45 minutes, recording available.",
        "expires_in_days": 30,
        "cells": [
            ("Sales", "CIOs of large banks", "Invite, don't push."),
            ("Legal & Compliance", "Industry analysts", ""),
        ],
    },
    {
        "title": "Customer story: a New York family office's portfolio analytics",
        "path": "customers/family-office",
        "summary": "How a family office consolidated reporting across 14 custodians.",
        "cells": [("Sales", "Wealth clients in New York", "Advisers only; never name the client.")],
    },
    {
        "title": "EU AI Act: what changes for analytics vendors",
        "path": "blog/eu-ai-act-analytics",
        "summary": "Our counsel's reading of the obligations that apply from 2026.",
        "cells": [("Legal & Compliance", "Industry analysts", ""), ("Executives", "Journalists", "")],
    },
    {
        "title": "Benchmark: streaming vs. batch ETL on 10 TB",
        "path": "blog/benchmark-streaming-vs-batch",
        "summary": "Reproducible numbers, the scripts, and where batch still wins.",
        "cells": [
            ("Solutions Engineering", "DevOps engineers", "Link the scripts."),
            ("Solutions Engineering", "CIOs of large banks", ""),
        ],
    },
    {
        "title": "We're hiring data engineers in Lisbon",
        "path": "careers/data-engineers-lisbon",
        "summary": "Six roles on the pipelines team; remote-friendly.",
        "cells": [("Developer Relations", ALL, ""), ("Solutions Engineering", ALL, "")],
    },
    {
        "title": "CEO keynote at FinData Summit: the end of the nightly batch",
        "path": "events/findata-keynote",
        "summary": "Video and transcript of the keynote.",
        "cells": [("Executives", ALL, "")],
    },
    {
        "title": "Post-mortem: the March 3 ingestion incident",
        "path": "blog/post-mortem-march-3",
        "summary": "What broke, why, and the three changes we made.",
        "cells": [("Solutions Engineering", "DevOps engineers", ""), ("Developer Relations", "DevOps engineers", "")],
    },
    {
        "title": "Privacy by design in portfolio reporting",
        "path": "blog/privacy-by-design",
        "summary": "How we keep client data out of analytics by default.",
        "cells": [("Sales", "Wealth clients in New York", "")],
    },
]
IN_WORKFLOW = [
    ("Q4 roadmap webinar for customers", "events/q4-roadmap", "submit"),
    ("Partnership announcement: Contoso Cloud", "news/contoso-partnership", "draft"),
    ("Guide: migrating from legacy reporting tools", "docs/migration-guide", "submit"),
]
RETIRED = ("Spring promotion: 20% off onboarding", "offers/spring-onboarding")
TEMPLATES = [
    ("Lesson learned", "Sales", "One thing I learned from {customer} this week: ... Here is how they did it:"),
    ("Why I care", None, "I work on this every day, and the part I find most interesting is ..."),
    ("For engineers", "Developer Relations", "If you run {tool} in production, this will save you an afternoon: ..."),
]


def _url(path: str) -> str:
    return f"https://northwind.example/{path}"


def _create(organization: Organization, comms: Membership, title: str, path: str, **extra: Any) -> ContentItem:
    content = content_create(
        organization=organization, actor=comms, fetch_preview=False, title=title, url=_url(path), **extra
    )
    ContentItem.objects.filter(pk=content.pk).update(
        preview_status=PreviewStatus.FETCHED,
        preview_title=title,
        preview_description=extra.get("summary", ""),
    )
    content.refresh_from_db()
    return content


def seed() -> None:
    organization = Organization.objects.get(slug="demo")
    with tenant_context(organization):
        if ContentItem.objects.exists():
            return
        members = {m.user.email: m for m in Membership.objects.select_related("user")}
        comms, reviewer = members["comms@demo.example"], members["reviewer@demo.example"]
        roles = {r.name: r for r in AdvocacyRole.objects.filter(archived_at__isnull=True)}
        audiences = {a.name: a for a in Audience.objects.filter(archived_at__isnull=True)}
        for spec in ITEMS:
            expires = spec.get("expires_in_days")
            content = _create(
                organization,
                comms,
                spec["title"],
                spec["path"],
                summary=spec["summary"],
                suggested_copy=f"{spec['title']}. {spec['summary']}",
                angles={str(roles[name].pk): text for name, text in spec.get("angles", {}).items()},
                expires_at=timezone.now() + timedelta(days=expires) if expires else None,
            )
            content_submit(content=content, actor=comms)
            content = content_approve(content=content, actor=reviewer)
            for role_name, audience_name, note in spec["cells"]:
                grid_cell_create(
                    organization=organization,
                    actor=comms,
                    role=roles[role_name],
                    audience=audiences[audience_name] if audience_name else None,
                    content=content,
                    note=note,
                )
        for title, path, state in IN_WORKFLOW:
            content = _create(organization, comms, title, path, summary="Draft from the comms team.")
            if state == "submit":
                content_submit(content=content, actor=comms)
        retired = _create(organization, comms, RETIRED[0], RETIRED[1], summary="Offer ended on 31 May.")
        content_submit(content=retired, actor=comms)
        content_approve(content=retired, actor=reviewer)
        content_retire(content=retired, actor=comms)
        for name, role_name, body in TEMPLATES:
            template_create(
                organization=organization,
                actor=comms,
                name=name,
                body=body,
                role=roles[role_name] if role_name else None,
                audience=None,
            )
