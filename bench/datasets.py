"""Scale datasets for benchmarks, loaded with PostgreSQL COPY (not the ORM row by row)."""

import random
import uuid
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Any

from django.db import connection, models
from django.utils import timezone

# A valid hash of a password nobody uses; hashing 100,000 passwords would dominate the load.
UNUSABLE_PASSWORD = "!bench"  # noqa: S105 - "!" prefix: Django treats it as unusable


def copy_rows(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> int:
    """COPY rows (dicts of attname -> value) into the model's table; returns the count."""
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    count = 0
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor underneath Django's wrapper
        with raw.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([_adapt(f, row.get(f.attname, _default(f))) for f in fields])
                count += 1
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
) -> dict[str, Any]:
    """One organisation at the scale the content issue names. Returns ids worth measuring."""
    from advocacy.accounts.models import Membership, Organization, User
    from advocacy.audiences.models import Audience
    from advocacy.content.models import ContentItem, ContentVersion, GridCell
    from advocacy.roles.models import AdvocacyRole, RoleAssignment

    rng = random.Random(seed)
    now = timezone.now()
    organization = Organization.objects.create(slug="scale", name="Scale Corp")
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
                "email": f"member{n}@scale.example",
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
        cursor.execute("ANALYZE")
    sample_user = User.objects.get(pk=user_ids[0])
    return {"organization": organization, "user": sample_user}
