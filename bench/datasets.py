"""Scale datasets for benchmarks, loaded with PostgreSQL COPY (not the ORM row by row)."""

import random
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone
from psycopg import sql

# A valid hash of a password nobody uses; hashing 100,000 passwords would dominate the load.
UNUSABLE_PASSWORD = "!bench"  # noqa: S105 - "!" prefix: Django treats it as unusable
# The password of the accounts that log in over HTTP (benchmarks and the load test).
LOGIN_PASSWORD = "bench-load-password"  # noqa: S105 - throw-away databases only


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """COPY rows (dicts of attname -> value) into the model's table; returns the count."""
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    # PostgreSQL refuses COPY FROM into a table whose row-level security binds the current
    # role: load as the login user (a superuser here), then switch back.
    role = connection.settings_dict.get("OPTIONS", {}).get("assume_role")
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        if role:
            raw.execute("RESET ROLE")
        try:
            with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([_adapt(f, row.get(f.attname, _default(f))) for f in fields])
                    count += 1
        finally:
            if role:
                raw.execute(sql.SQL("SET ROLE {}").format(sql.Identifier(role)))
    return count


def _default(field: models.Field[Any, Any]) -> Any:
    if field.has_default():
        return field.get_default()
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if isinstance(field, models.CharField | models.TextField) and not field.null:
        return ""
    return None


def _adapt(field: models.Field[Any, Any], value: Any) -> Any:
    if isinstance(field, models.JSONField):
        import json

        return json.dumps(value)
    return value


def ids(n: int) -> list[uuid.UUID]:
    return [uuid.uuid4() for _ in range(n)]


def feed_dataset(
    *,
    roles: int = 200,
    audiences: int = 2_000,
    content: int = 50_000,
    cells: int = 200_000,
    members: int = 100_000,
    roles_per_member: int = 2,
    seed: int = 7,
    slug: str = "scale",
) -> dict[str, Any]:
    """One organisation at the scale the content issue names. Returns ids worth measuring."""
    from advocacy.accounts.models import Membership, Organization, User
    from advocacy.audiences.models import Audience
    from advocacy.content.models import ContentItem, ContentVersion, GridCell
    from advocacy.roles.models import AdvocacyRole, RoleAssignment

    rng = random.Random(seed)
    now = timezone.now()
    organization = Organization.objects.create(slug=slug, name=f"{slug.title()} Corp")
    org_id = organization.pk
    role_ids, audience_ids, content_ids, version_ids = ids(roles), ids(audiences), ids(content), ids(content)
    user_ids, member_ids = ids(members), ids(members)

    copy_rows(
        AdvocacyRole,
        (
            {"id": pk, "organization_id": org_id, "name": f"Role {n}", "objectives": [], "networks": []}
            for n, pk in enumerate(role_ids)
        ),
    )
    copy_rows(
        Audience,
        (
            {"id": pk, "organization_id": org_id, "name": f"Audience {n}", "topics": ["t"], "networks": []}
            for n, pk in enumerate(audience_ids)
        ),
    )
    copy_rows(
        User,
        (
            {
                "id": pk,
                "email": f"member{n}@{slug}.example",
                "name": f"Member {n}",
                "password": UNUSABLE_PASSWORD,
                "date_joined": now,
            }
            for n, pk in enumerate(user_ids)
        ),
    )
    copy_rows(
        Membership,
        (
            {
                "id": member_ids[n],
                "organization_id": org_id,
                "user_id": user_ids[n],
                "org_role": "employee",
                "ambassador": n % 10 == 0,
            }
            for n in range(members)
        ),
    )

    def assignments() -> Iterator[dict[str, Any]]:
        for member in member_ids:
            for role in rng.sample(role_ids, roles_per_member):
                yield {"id": uuid.uuid4(), "organization_id": org_id, "role_id": role, "membership_id": member}

    copy_rows(RoleAssignment, assignments())

    def items() -> Iterator[dict[str, Any]]:
        for n, pk in enumerate(content_ids):
            retired = n % 50 == 0
            yield {
                "id": pk,
                "organization_id": org_id,
                "title": f"Item {n}",
                "url": f"https://news.example.com/{n}",
                "angles": {},
                "networks": [],
                "status": "retired" if retired else "approved",
                "version": 1,
                "approved_version_id": None,
                "retired_at": now if retired else None,
            }

    copy_rows(ContentItem, items())

    def versions() -> Iterator[dict[str, Any]]:
        for n, (pk, content_pk) in enumerate(zip(version_ids, content_ids, strict=True)):
            expires = now - timedelta(days=1) if n % 25 == 0 else None
            yield {
                "id": pk,
                "organization_id": org_id,
                "content_id": content_pk,
                "number": 1,
                "title": f"Item {n}",
                "url": f"https://news.example.com/{n}",
                "angles": {},
                "networks": [],
                "expires_at": expires,
                "approved_at": now - timedelta(minutes=n),
            }

    copy_rows(ContentVersion, versions())
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_contentitem c SET approved_version_id = v.id FROM content_contentversion v "
            "WHERE v.content_id = c.id AND c.organization_id = %s",
            [org_id],
        )

    def grid() -> Iterator[dict[str, Any]]:
        seen: set[tuple[Any, Any, Any]] = set()
        while len(seen) < cells:
            role = rng.choice(role_ids)
            audience = None if rng.random() < 0.1 else rng.choice(audience_ids)
            item = rng.choice(content_ids)
            key = (role, audience, item)
            if key in seen:
                continue
            seen.add(key)
            yield {
                "id": uuid.uuid4(),
                "organization_id": org_id,
                "role_id": role,
                "audience_id": audience,
                "content_id": item,
                "position": len(seen) % 100,
                "note": "",
            }

    copy_rows(GridCell, grid())
    with connection.cursor() as cursor:
        # The copies of each item's live state that the content services keep on cells.
        cursor.execute(
            "UPDATE content_gridcell g SET live = (c.status <> 'retired'), live_until = v.expires_at, "
            "approved_at = v.approved_at FROM content_contentitem c JOIN content_contentversion v "
            "ON v.id = c.approved_version_id WHERE c.id = g.content_id AND g.organization_id = %s",
            [org_id],
        )
        # What autovacuum does soon after a load: the update's dead rows gone, and the
        # visibility map that lets the feed rank from the grid index alone.
        cursor.execute(f"VACUUM ANALYZE {GridCell._meta.db_table}")
        cursor.execute("ANALYZE")
    sample_user = User.objects.get(pk=user_ids[0])
    return {"organization": organization, "user": sample_user, "member_ids": member_ids}


@cache
def production_password_hash(password: str = LOGIN_PASSWORD) -> str:
    """The hash production settings verify (PBKDF2, the default hasher), computed once: the
    test settings hash with MD5, which a production server refuses."""
    from django.contrib.auth.hashers import PBKDF2PasswordHasher

    hasher = PBKDF2PasswordHasher()
    return hasher.encode(password, hasher.salt())


def enable_logins(users: Iterable[Any], password: str = LOGIN_PASSWORD) -> None:
    """Let these users log in through allauth with ``password`` (verified email address)."""
    from allauth.account.models import EmailAddress

    from advocacy.accounts.models import User

    users = list(users)
    User.objects.filter(pk__in=[user.pk for user in users]).update(password=production_password_hash(password))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user_id=user.pk, email=user.email, verified=True, primary=True) for user in users],
        ignore_conflicts=True,
    )


# --- the dashboards' dataset (bench_analytics, the load test) ---------------------------
NETWORKS = ("linkedin", "x", "mastodon", "bluesky")
PERIODS = ("week", "month", "quarter", "year")
METRICS = ("clicks", "unique_visitors", "shares", "conversations", "reactions")
# Clicks of a share fade day after day: the first day gets ~40% of them.
DECAY = 0.6
CLICK_DAYS = 14


def analytics_dataset(
    *,
    slug: str = "bench-analytics",
    roles: int = 20,
    audiences: int = 50,
    members: int = 2_000,
    content: int = 500,
    share_count: int = 100_000,
    clicks_per_share: int = 106,  # on average: 100,000 shares -> ~10.1M human clicks (the decay rounds down)
    days: int = 730,
    admins: int = 1,
    code_prefix: str = "a",
    seed: int = 11,
) -> dict[str, Any]:
    """One organisation with ``share_count`` shares posted over ``days`` days, each with two
    weeks of daily rollups (``clicks_per_share`` human clicks on average), members in roles, and ``admins``
    admins who read the dashboards. Tracked codes are ``{code_prefix}{n}``: give each run
    its own prefix when a server's link cache outlives the database."""
    from advocacy.accounts.models import Membership, Organization, User
    from advocacy.analytics.models import (
        AttributedDailyStats,
        AttributedMonthlyStats,
        ShareAttribution,
        ShareDailyStats,
        network_key,
    )
    from advocacy.audiences.models import Audience
    from advocacy.content.models import ContentItem, ContentVersion
    from advocacy.networks.models import NetworkConnection
    from advocacy.roles.models import AdvocacyRole, RoleAssignment
    from advocacy.shares.models import Share

    rng = random.Random(seed)
    now = timezone.now()
    today = now.date()
    organization = Organization.objects.create(slug=slug, name=f"Bench {slug}")
    org_id = organization.pk
    role_ids, audience_ids, content_ids, version_ids = ids(roles), ids(audiences), ids(content), ids(content)
    user_ids, member_ids, connection_ids = ids(members + admins), ids(members + admins), ids(members)

    copy_rows(
        AdvocacyRole,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "name": f"Role {n}",
                "networks": [],
                "objectives": [
                    {"name": f"{metric} per {period}", "metric": metric, "target": 100, "period": period}
                    for metric, period in zip(METRICS, rng.sample(PERIODS * 2, 3), strict=False)
                ],
            }
            for n, pk in enumerate(role_ids)
        ),
    )
    copy_rows(
        Audience,
        (
            {"id": pk, "organization_id": org_id, "name": f"Audience {n}", "topics": [], "networks": []}
            for n, pk in enumerate(audience_ids)
        ),
    )
    copy_rows(
        User,
        (
            {
                "id": pk,
                "email": f"analyst{n}@{slug}.example",
                "name": f"Member {n}",
                "password": UNUSABLE_PASSWORD,
                "date_joined": now,
            }
            for n, pk in enumerate(user_ids)
        ),
    )
    # The last memberships are the admins who read the dashboards.
    copy_rows(
        Membership,
        (
            {
                "id": member_ids[n],
                "organization_id": org_id,
                "user_id": user_ids[n],
                "org_role": "admin" if n >= members else "employee",
            }
            for n in range(members + admins)
        ),
    )
    member_role = {member: rng.choice(role_ids) for member in member_ids[:members]}
    copy_rows(
        RoleAssignment,
        ({"organization_id": org_id, "role_id": role, "membership_id": member} for member, role in member_role.items()),
    )
    copy_rows(
        ContentItem,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "title": f"Item {n}",
                "angles": {},
                "networks": [],
                "status": "approved",
                "version": 1,
            }
            for n, pk in enumerate(content_ids)
        ),
    )
    copy_rows(
        ContentVersion,
        (
            {
                "id": version_ids[n],
                "organization_id": org_id,
                "content_id": content_ids[n],
                "number": 1,
                "title": f"Item {n}",
                "url": f"https://news.example.com/{n}",
                "angles": {},
                "networks": [],
            }
            for n in range(content)
        ),
    )
    copy_rows(
        NetworkConnection,
        (
            {
                "id": connection_ids[n],
                "organization_id": org_id,
                "membership_id": member_ids[n],
                "network": "linkedin",
                "account_id": f"a{n}",
            }
            for n in range(members)
        ),
    )

    shares: list[tuple[uuid.UUID, int, int, str, date]] = []
    taken: set[tuple[int, int, str]] = set()
    while len(shares) < share_count:
        member, item, network = rng.randrange(members), rng.randrange(content), rng.choice(NETWORKS)
        if (member, item, network) in taken:
            continue
        taken.add((member, item, network))
        shares.append((uuid.uuid4(), member, item, network, today - timedelta(days=rng.randrange(days))))
    # Rows land in the order time creates them (a share's rollup rows are written as its
    # days come), so the last 30 days sit together at the end of the table, as in production.
    shares.sort(key=lambda share: share[4])

    copy_rows(
        Share,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "membership_id": member_ids[member],
                "content_id": content_ids[item],
                "content_version_id": version_ids[item],
                "connection_id": connection_ids[member],
                "network": network,
                "text": "Mine",
                "final_text": "Mine",
                "tracked_code": f"{code_prefix}{n}",
                "status": "posted",
                "posted_at": datetime.combine(day, datetime.min.time(), tzinfo=UTC),
            }
            for n, (pk, member, item, network, day) in enumerate(shares)
        ),
    )

    share_audiences = {pk: rng.sample(audience_ids, rng.randint(1, 2)) for pk, *_ in shares}
    copy_rows(
        ShareAttribution,
        (
            {
                "organization_id": org_id,
                "share_id": pk,
                "role_ids": [str(member_role[member_ids[member]])],
                "audience_ids": [str(audience) for audience in share_audiences[pk]],
            }
            for pk, member, *_ in shares
        ),
    )

    clicks_total = 0
    # What the batch writer keeps per attributed role, audience, content and member, summed as rows are made.
    attributed: dict[tuple[str, uuid.UUID, date], Counter[str]] = defaultdict(Counter)

    def daily_rows() -> Iterator[dict[str, Any]]:
        nonlocal clicks_total
        for pk, member, item, network, posted in shares:
            clicks = rng.randint(clicks_per_share // 4, clicks_per_share * 7 // 4)
            for offset in range(CLICK_DAYS):
                day = posted + timedelta(days=offset)
                if day > today:
                    break
                share_of_day = int(clicks * (1 - DECAY) * DECAY**offset) + (1 if offset == 0 else 0)
                clicks_total += share_of_day
                counters = {
                    "shares_posted": 1 if offset == 0 else 0,
                    "clicks": share_of_day,
                    "unique_visitors": share_of_day * 4 // 5,
                    "bot_hits": share_of_day // 3,
                    "reactions": share_of_day // 4,
                    "comments": share_of_day // 20,
                    "reposts": share_of_day // 30,
                }
                keys = [
                    ("role", member_role[member_ids[member]]),
                    *(("audience", a) for a in share_audiences[pk]),
                    ("content", content_ids[item]),
                    ("member", member_ids[member]),
                    ("network", network_key(network)),
                    ("organization", org_id),
                ]
                for dimension, key in keys:
                    attributed[(dimension, key, day)].update(counters)
                yield {
                    "organization_id": org_id,
                    "share_id": pk,
                    "day": day,
                    "content_id": content_ids[item],
                    "membership_id": member_ids[member],
                    "network": network,
                    **counters,
                }

    rows = copy_rows(ShareDailyStats, daily_rows())
    copy_rows(
        AttributedDailyStats,
        (
            {"organization_id": org_id, "dimension": dimension, "key": key, "day": day, **counters}
            for (dimension, key, day), counters in attributed.items()
        ),
    )
    monthly: dict[tuple[str, uuid.UUID, date], Counter[str]] = defaultdict(Counter)
    for (dimension, key, day), counters in attributed.items():
        monthly[(dimension, key, day.replace(day=1))].update(counters)
    copy_rows(
        AttributedMonthlyStats,
        (
            {"organization_id": org_id, "dimension": dimension, "key": key, "month": month, **counters}
            for (dimension, key, month), counters in monthly.items()
        ),
    )
    with connection.cursor() as cursor:
        # What autovacuum does soon after a load: statistics, and the visibility map that
        # lets the summary sum a range from the covering index alone.
        for model in (ShareDailyStats, AttributedDailyStats, AttributedMonthlyStats, ShareAttribution):
            cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        cursor.execute("ANALYZE")
    return {
        "organization": organization,
        "admin": User.objects.get(pk=user_ids[members]),
        "admins": list(User.objects.filter(pk__in=user_ids[members:]).order_by("email")),
        "codes": [f"{code_prefix}{n}" for n in range(len(shares))],
        "employee": User.objects.get(pk=user_ids[shares[0][1]]),
        "daily_rows": rows,
        "clicks": clicks_total,
    }
