"""The checks for one share, including originality against 500 colleagues' shares of the
same content (target: under 20 ms)."""

import random

from advocacy.accounts.models import Membership, Organization, User
from advocacy.content.models import ContentItem, ContentVersion, GridCell
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from advocacy.shares.checks import share_checks
from advocacy.shares.models import Share
from bench.datasets import UNUSABLE_PASSWORD
from bench.figures import Figure, median, p95, timed_ms

VOCABULARY = [
    "bank",
    "data",
    "stream",
    "batch",
    "report",
    "regulator",
    "team",
    "year",
    "learned",
    "shipped",
    "faster",
    "cheaper",
    "risk",
    "cloud",
    "audit",
    "customer",
    "pipeline",
    "nightly",
    "real-time",
    "governance",
    "model",
    "trust",
    "latency",
    "reporting",
    "quarter",
    "engineers",
]


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(15, 35))).capitalize() + "."


def run() -> list[Figure]:
    rng = random.Random(3)
    organization = Organization.objects.create(slug="bench-shares", name="Bench shares", rollout_stage="everyone")
    with tenant_context(organization):
        role = AdvocacyRole.objects.create(organization=organization, name="Sales")
        content = ContentItem.objects.create(organization=organization, title="Report", status="approved", version=1)
        version = ContentVersion.objects.create(
            organization=organization, content=content, number=1, title="Report", suggested_copy=_sentence(rng)
        )
        ContentItem.objects.filter(pk=content.pk).update(approved_version=version)
        content.refresh_from_db()
        GridCell.objects.create(organization=organization, role=role, content=content, live=True)
        members = []
        for n in range(501):
            user = User.objects.create(email=f"sharer{n}@bench.example", password=UNUSABLE_PASSWORD)
            member = Membership.objects.create(organization=organization, user=user, ambassador=True)
            RoleAssignment.objects.create(organization=organization, role=role, membership=member)
            connection = NetworkConnection.objects.create(
                organization=organization, membership=member, network="sandbox", account_id=f"a{n}"
            )
            members.append((member, connection))
        Share.objects.bulk_create(
            Share(
                organization=organization,
                membership=member,
                content=content,
                content_version=version,
                connection=connection,
                network="sandbox",
                text=_sentence(rng),
                final_text="x",
                tracked_code=f"b{n}",
                status="posted",
            )
            for n, (member, connection) in enumerate(members[1:])
        )
        member, connection = members[0]
        share = Share(
            organization=organization,
            membership=member,
            content=content,
            content_version=version,
            connection=connection,
            network="sandbox",
            text=_sentence(rng),
            final_text="",
            tracked_code="new",
        )
        share.final_text = share.text
        samples = timed_ms(lambda: share_checks(share), rounds=40)
    return [
        Figure("checks for one share (500 colleagues) median", median(samples), "ms"),
        Figure("checks for one share (500 colleagues) p95", p95(samples), "ms", 20.0),
    ]
