"""The publishing pipeline end to end: 10,000 confirmed shares through real Celery workers
(2 processes, each a threads pool on the ``posting`` queue, as the Procfile runs them) over
Redis, re-checked and posted to the strict local Mastodon test server.

Reports shares/s from the first enqueue to the last post, the p95 from confirmation to
posted, duplicates (post requests beyond one per share, and statuses beyond one per share)
and lost shares (not posted when the run ends), and each worker's RSS every 1,000 posts.
Needs PostgreSQL and Redis (``DATABASE_URL``, ``REDIS_URL``); skipped otherwise.
"""

import hashlib
import os
import random
import string
import subprocess
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection
from django.test.utils import override_settings
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.content.models import ContentItem, ContentVersion, GridCell
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection
from advocacy.networks.tokens import encrypt_token
from advocacy.roles.models import AdvocacyRole, RoleAssignment
from advocacy.shares import drain_slots
from advocacy.shares.models import Share, ShareStatus
from advocacy.shares.services import compose_final_text, shares_drain_request
from bench.datasets import UNUSABLE_PASSWORD
from bench.figures import Figure
from bench.harness import database_url
from config.celery import app
from tests.networks.servers.mastodon import MastodonServer

MEMBERS = 100
ITEMS = int(os.environ.get("BENCH_PIPELINE_ITEMS", "100"))  # MEMBERS x ITEMS shares, one per (member, item)
WORKERS = 2
THREADS_PER_WORKER = int(os.environ.get("BENCH_POSTER_THREADS", "12"))
TIMEOUT_SECONDS = 600
REDIS_CACHE = "django.core.cache.backends.redis.RedisCache"


def _words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))) for _ in range(count))


def _dataset(server: MastodonServer) -> Organization:
    rng = random.Random(7)
    organization = Organization.objects.create(
        slug="bench-pipeline",
        name="Bench pipeline",
        rollout_stage="everyone",
        daily_share_cap=1000,
        networks_enabled=["mastodon"],
    )
    now = timezone.now()
    with tenant_context(organization):
        role = AdvocacyRole.objects.create(organization=organization, name="Everyone")
        items = []
        for n in range(ITEMS):
            item = ContentItem.objects.create(
                organization=organization, title=f"Item {n}", url=f"https://example.com/{n}", status="approved"
            )
            version = ContentVersion.objects.create(
                organization=organization,
                content=item,
                number=1,
                title=item.title,
                url=item.url,
                suggested_copy=_words(rng, 20),
            )
            ContentItem.objects.filter(pk=item.pk).update(approved_version=version, version=1)
            item.approved_version = version
            GridCell.objects.create(organization=organization, role=role, content=item, live=True)
            items.append((item, version))
        members = []
        for n in range(MEMBERS):
            user = User.objects.create(email=f"poster{n}@bench.example", password=UNUSABLE_PASSWORD)
            member = Membership.objects.create(organization=organization, user=user, ambassador=True)
            RoleAssignment.objects.create(organization=organization, role=role, membership=member)
            account = server.add_account(f"poster{n}")
            connection_row = NetworkConnection.objects.create(
                organization=organization,
                membership=member,
                network="mastodon",
                account_id=f"{account.id}@{server.instance}",
                instance=server.instance,
                access_token=encrypt_token(server.issue_token(account.id)),
                scopes="read write:statuses",
            )
            members.append((member, connection_row))
        shares = []
        for member, connection_row in members:
            for item, version in items:
                share = Share(
                    organization=organization,
                    membership=member,
                    content=item,
                    content_version=version,
                    connection=connection_row,
                    network="mastodon",
                    text=_words(rng, 25),
                    tracked_code=hashlib.sha256(f"{member.pk}{item.pk}".encode()).hexdigest()[:10],
                    status=ShareStatus.QUEUED,
                    confirmed_at=now,
                    enqueued_at=now + timedelta(days=1),  # the beat job must not send them too
                )
                share.final_text = compose_final_text(share)
                share.confirmed_sha256 = hashlib.sha256(share.final_text.encode()).hexdigest()
                shares.append(share)
        Share.objects.bulk_create(shares, batch_size=2000)
    return organization


def _rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _start_workers(redis_url: str, token_key: str) -> list[subprocess.Popen[bytes]]:
    env = {
        **os.environ,
        # As `make serve` runs them: production settings (psycopg pool per process).
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),  # as the benchmark's own role, so row-level security binds
        "REDIS_URL": redis_url,
        "ALLOW_PRIVATE_NETWORK_HOSTS": "true",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "TOKEN_ENCRYPTION_KEYS": token_key,
        "SECRET_KEY": "bench-" + Fernet.generate_key().decode(),
    }
    celery = str(Path(sys.executable).parent / "celery")
    return [
        subprocess.Popen(  # noqa: S603 - our own celery binary, fixed arguments
            [
                celery,
                "-A",
                "config",
                "worker",
                "--queues",
                "posting",
                "--pool",
                "threads",
                "--concurrency",
                str(THREADS_PER_WORKER),
                "--loglevel",
                "WARNING",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"bench-poster-{n}@%h",
            ],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for n in range(WORKERS)
    ]


def run() -> list[Figure]:
    redis_url = getattr(settings, "TEST_REDIS_URL", "") or os.environ.get("REDIS_URL", "")
    if connection.vendor != "postgresql" or not redis_url:
        print("bench_pipeline: skipped (needs DATABASE_URL on PostgreSQL and REDIS_URL)")
        return []
    token_key = Fernet.generate_key().decode()
    settings.TOKEN_ENCRYPTION_KEYS = [token_key]
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    server = MastodonServer()
    with server.running():
        organization = _dataset(server)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as a table that has been in use would be: fresh planner statistics
        total = Share.objects.unscoped().filter(organization=organization).count()
        app.conf.update(task_always_eager=False, broker_url=redis_url)
        app.control.purge()  # nothing left over from an earlier run
        workers = _start_workers(redis_url, token_key)
        rss: list[list[int]] = []
        redis_cache = override_settings(CACHES={"default": {"BACKEND": REDIS_CACHE, "LOCATION": redis_url}})
        confirming: threading.Thread | None = None
        try:
            time.sleep(3)  # let the workers connect
            share_ids = list(Share.objects.unscoped().filter(organization=organization).values_list("pk", flat=True))
            started = timezone.now()
            Share.objects.unscoped().filter(organization=organization).update(confirmed_at=started)
            # What confirming each share does once it commits: ask for a drain, which sends a
            # message only while the organisation has a drain slot free (in Redis, as the
            # workers see it). In a thread, as confirmations keep coming while the workers
            # post, so that memory is sampled from the first 1,000 posts.
            redis_cache.enable()
            drain_slots.clear(organization.pk)

            def confirm_all() -> None:
                for share_id in share_ids:
                    shares_drain_request(organization.pk, share_id)

            confirming = threading.Thread(target=confirm_all)
            confirming.start()
            deadline = time.monotonic() + TIMEOUT_SECONDS
            next_sample = 1000
            done = 0
            while done < total and time.monotonic() < deadline:
                time.sleep(0.5)
                done = (
                    Share.objects.unscoped()
                    .filter(organization=organization, status__in=[ShareStatus.POSTED, ShareStatus.FAILED])
                    .count()
                )
                while done >= next_sample:
                    rss.append([_rss_kib(worker.pid) for worker in workers])
                    next_sample += 1000
        finally:
            if confirming is not None:
                confirming.join()
                redis_cache.disable()
            for worker in workers:
                worker.terminate()
            for worker in workers:
                worker.wait(timeout=30)
            app.conf.update(task_always_eager=True, broker_url=settings.CELERY_BROKER_URL)
        shares = Share.objects.unscoped().filter(organization=organization)
        posted = list(shares.filter(status=ShareStatus.POSTED).values_list("confirmed_at", "posted_at"))
        finished = max(posted_at for _, posted_at in posted)
        latencies = sorted((posted_at - confirmed_at).total_seconds() for confirmed_at, posted_at in posted)
        post_requests = server.calls("POST", "/api/v1/statuses")
        statuses = len(server.statuses)
    elapsed = (finished - started).total_seconds()
    print(f"bench_pipeline: worker RSS (KiB) every 1,000 posts: {rss}")
    # Growth from the first sample (1,000 posts: pools, connections and the fingerprint cache
    # warmed) to the last, both workers together.
    warm = sum(rss[0]) / 1024 if rss else 0.0
    growth = (sum(rss[-1]) - sum(rss[0])) / 1024 if len(rss) > 1 else 0.0
    return [
        Figure("pipeline: shares/s (10,000, 2 workers)", len(posted) / elapsed, "/s", 150.0, at_least=True),
        Figure("pipeline: p95 confirmation -> posted", latencies[int(len(latencies) * 0.95) - 1], "s"),
        Figure("pipeline: duplicate post requests", float(post_requests - total), "", 0.0),
        Figure("pipeline: duplicate posts", float(statuses - len(posted)), "", 0.0),
        Figure("pipeline: shares lost (not posted)", float(total - len(posted)), "", 0.0),
        Figure("pipeline: worker RSS after warm-up (2 workers)", warm, "MB"),
        # "No growth after warm-up", with a tolerance for the allocator's noise.
        Figure("pipeline: worker RSS growth after warm-up", 100 * growth / warm if warm else 0.0, "%", 5.0),
    ]
