"""The compliance archive of 100,000 posted shares, streamed through the real endpoint
(``GET .../exports/archive.jsonl`` and ``archive.csv``) the way a browser downloads it.

Figures: rows per second, and memory. Memory is measured twice with tracemalloc, for the
first 10,000 shares and for all 100,000: constant memory means the two peaks are about the
same (the difference is the target), whatever the range. PostgreSQL only (COPY).
"""

import hashlib
import random
import resource
import time
import tracemalloc
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from django.db import connection
from django.test import Client
from django.utils import timezone

from bench.datasets import UNUSABLE_PASSWORD, copy_rows, ids
from bench.figures import Figure

SHARES = 100_000
MEMBERS = 1_000
CONTENT = 200
REVIEWED_EVERY = 10  # one share in ten went through review
FIRST_DAY = date(2025, 1, 1)
DAYS = 365
PROPOSED_AUDIT_INDEX = "bench_audit_org_object"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def archive_dataset(*, seed: int = 11) -> dict[str, Any]:
    """One organisation with SHARES posted shares over a year, each with two approvals of its
    content version, a confirmation event and, for some, a review event."""
    from advocacy.accounts.models import Membership, Organization, User
    from advocacy.content.models import ContentApproval, ContentItem, ContentVersion
    from advocacy.core.models import AuditEvent
    from advocacy.networks.models import NetworkConnection
    from advocacy.shares.models import Share

    rng = random.Random(seed)
    now = timezone.now()
    organization = Organization.objects.create(slug="archive", name="Archive Corp", two_step_approval=True)
    org_id = organization.pk
    admin = User.objects.create_user("admin@archive.example", UNUSABLE_PASSWORD)
    Membership.objects.unscoped().create(organization=organization, user=admin, org_role="admin")
    user_ids, member_ids, connection_ids = ids(MEMBERS), ids(MEMBERS), ids(MEMBERS)
    content_ids, version_ids = ids(CONTENT), ids(CONTENT)
    emails = [f"member{n}@archive.example" for n in range(MEMBERS)]

    copy_rows(
        User,
        (
            {"id": pk, "email": emails[n], "name": f"Member {n}", "password": UNUSABLE_PASSWORD, "date_joined": now}
            for n, pk in enumerate(user_ids)
        ),
    )
    copy_rows(
        Membership,
        (
            {"id": member_ids[n], "organization_id": org_id, "user_id": user_ids[n], "ambassador": True}
            for n in range(MEMBERS)
        ),
    )
    copy_rows(
        NetworkConnection,
        (
            {
                "id": connection_ids[n],
                "organization_id": org_id,
                "membership_id": member_ids[n],
                "network": "sandbox",
                "account_id": f"acct-{n}",
                "account_name": f"Member {n} on sandbox",
            }
            for n in range(MEMBERS)
        ),
    )
    approved_at = datetime.combine(FIRST_DAY, datetime.min.time(), tzinfo=UTC) - timedelta(days=1)
    copy_rows(
        ContentItem,
        (
            {
                "id": pk,
                "organization_id": org_id,
                "title": f"Report {n}",
                "url": f"https://news.example.com/{n}",
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
                "title": f"Report {n}",
                "url": f"https://news.example.com/{n}",
                "angles": {},
                "networks": [],
                "approved_at": approved_at,
            }
            for n in range(CONTENT)
        ),
    )
    copy_rows(
        ContentApproval,
        (
            {
                "id": uuid.uuid4(),
                "organization_id": org_id,
                "content_id": content_ids[n],
                "version_id": version_ids[n],
                "approver_id": member_ids[step],
                "approver_email": emails[step],
                "step": ("marketing", "legal")[step],
                "decision": "approved",
                "created_at": approved_at - timedelta(hours=2 - step),
            }
            for n in range(CONTENT)
            for step in (0, 1)
        ),
    )

    share_ids = ids(SHARES)
    seconds_per_share = DAYS * 86_400 / SHARES
    first_moment = datetime.combine(FIRST_DAY, datetime.min.time(), tzinfo=UTC)
    used: set[tuple[int, int]] = set()

    def shares() -> Iterator[dict[str, Any]]:
        for n, pk in enumerate(share_ids):
            while True:
                member, content = rng.randrange(MEMBERS), rng.randrange(CONTENT)
                if (member, content) not in used:
                    used.add((member, content))
                    break
            text = f"Member {member} on report {content}: what I learned, in my own words, share {n}. " * 3
            posted_at = first_moment + timedelta(seconds=n * seconds_per_share)
            reviewed = n % REVIEWED_EVERY == 0
            yield {
                "id": pk,
                "organization_id": org_id,
                "membership_id": member_ids[member],
                "content_id": content_ids[content],
                "content_version_id": version_ids[content],
                "connection_id": connection_ids[member],
                "network": "sandbox",
                "text": text,
                "final_text": text,
                "tracked_code": f"arch{n}",  # apart from the analytics dataset's a{n}
                "status": "posted",
                "confirmed_sha256": _sha(text),
                "confirmed_at": posted_at - timedelta(minutes=10),
                "reviewed_by_id": member_ids[2] if reviewed else None,
                "review_reason": "Fine." if reviewed else "",
                "external_id": f"post-{n}",
                "external_url": f"https://sandbox.example/posts/{n}",
                "posted_at": posted_at,
            }

    copy_rows(Share, shares())

    def events() -> Iterator[dict[str, Any]]:
        # The hashes are not chained here: the archive reads these events, it does not verify them.
        seq = 0
        for n, pk in enumerate(share_ids):
            posted_at = first_moment + timedelta(seconds=n * seconds_per_share)
            seq += 1
            yield _event(
                org_id,
                seq,
                "share.confirmed",
                pk,
                posted_at - timedelta(minutes=10),
                {"session": "BrowserSessionAuthentication"},
            )
            if n % REVIEWED_EVERY == 0:
                seq += 1
                yield _event(
                    org_id, seq, "share.review_pass", pk, posted_at - timedelta(minutes=5), {"reason": "Fine."}
                )

    copy_rows(AuditEvent, events())
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"organization": organization, "admin": admin}


def _event(org_id: Any, seq: int, verb: str, share_id: Any, at: datetime, after: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "organization_id": org_id,
        "created_at": at,
        "seq": seq,
        "actor_email": "someone@archive.example",
        "verb": verb,
        "object_type": "shares.share",
        "object_id": str(share_id),
        "after": after,
        "prev_hash": "0" * 64,
        "hash": "0" * 64,
    }


def _download(client: Client, path: str) -> tuple[int, int, float]:
    """(lines, bytes, seconds) of one streamed download, holding one chunk at a time."""
    started = time.perf_counter()
    response = client.get(path)
    assert response.status_code == 200, response.status_code
    lines = size = 0
    for part in response.streaming_content:  # type: ignore[attr-defined]
        lines += part.count(b"\n")
        size += len(part)
    return lines, size, time.perf_counter() - started


def _traced_peak_mb(client: Client, path: str) -> float:
    tracemalloc.start()
    try:
        _download(client, path)
        return tracemalloc.get_traced_memory()[1] / 1_048_576
    finally:
        tracemalloc.stop()


def run() -> list[Figure]:
    if connection.vendor != "postgresql":
        print("bench_exports: skipped (needs PostgreSQL: set DATABASE_URL)")
        return []
    started = time.perf_counter()
    data = archive_dataset()
    load_seconds = time.perf_counter() - started
    client = Client()
    client.force_login(data["admin"])
    base = "/api/v1/orgs/archive/exports"
    year = f"?from={FIRST_DAY.isoformat()}&to={(FIRST_DAY + timedelta(days=DAYS)).isoformat()}"
    first_tenth = f"?from={FIRST_DAY.isoformat()}&to={(FIRST_DAY + timedelta(days=DAYS // 10 - 1)).isoformat()}"

    jsonl_lines, jsonl_bytes, jsonl_seconds = _download(client, f"{base}/archive.jsonl{year}")
    csv_lines, _csv_bytes, csv_seconds = _download(client, f"{base}/archive.csv{year}")
    assert jsonl_lines == SHARES, jsonl_lines
    assert csv_lines >= SHARES + 1, csv_lines  # a header; posted texts may hold line breaks
    # Each chunk looks up its shares' audit events by object id, which core_auditevent has
    # no index for yet: measured again with the index the report proposes.
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE INDEX {PROPOSED_AUDIT_INDEX} ON core_auditevent (organization_id, object_type, object_id)"
        )
        cursor.execute("ANALYZE core_auditevent")
    _indexed_lines, _indexed_bytes, indexed_seconds = _download(client, f"{base}/archive.jsonl{year}")

    peak_tenth = _traced_peak_mb(client, f"{base}/archive.jsonl{first_tenth}")
    peak_all = _traced_peak_mb(client, f"{base}/archive.jsonl{year}")
    max_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        Figure("archive dataset load (COPY, 100k shares)", load_seconds, "s"),
        Figure("archive.jsonl 100k shares", jsonl_seconds, "s", 60.0),
        Figure("archive.jsonl rows per second", jsonl_lines / jsonl_seconds, "/s"),
        Figure("archive.jsonl size", jsonl_bytes / 1_048_576, "MB"),
        Figure("archive.csv 100k shares", csv_seconds, "s", 60.0),
        Figure("archive.csv rows per second", SHARES / csv_seconds, "/s"),
        Figure("archive.jsonl 100k, proposed audit index", indexed_seconds, "s"),
        Figure("archive.jsonl rows/s, proposed audit index", SHARES / indexed_seconds, "/s"),
        Figure("archive peak traced memory, 10k shares", peak_tenth, "MB"),
        Figure("archive peak traced memory, 100k shares", peak_all, "MB", 64.0),
        Figure("archive memory growth 10k -> 100k shares", peak_all - peak_tenth, "MB", 8.0),
        Figure("process peak RSS (whole bench run)", max_rss_mb, "MB"),
    ]
