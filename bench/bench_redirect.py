"""The tracked-link redirect under load, as ``make serve`` runs it: gunicorn (2 workers x 4
threads, gthread, production settings, access log on) on PostgreSQL and Redis, driven by
``wrk`` (2 threads, a browser user agent).

1. ``/healthz`` and ``/l/{code}`` in alternating rounds (``BENCH_ROUNDS``, default 5), each
   at 32 connections (requests/s; goal: the redirect at >= 0.7x healthz) and at 8
   connections (p99; goal: < 20 ms); medians over the rounds. Buffered clicks are flushed
   between rounds, so these measure the web tier.
2. ``/l/{code}`` at 32 connections while a flusher drains the buffer every 2 s on the same
   machine, as beat would.
3. Clicks lost: every 302 wrk received must be a Click row after the last flush.

Needs PostgreSQL, Redis and ``wrk`` (Debian package); skipped otherwise. BENCH_WRK_SECONDS
sets the length of each wrk run (default 5).
"""

import http.client
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import uuid
from pathlib import Path

from django.db import connection
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization, User
from advocacy.analytics.buffer import RedisClickBuffer
from advocacy.analytics.models import Click
from advocacy.analytics.services import clicks_flush
from advocacy.content.models import ContentItem, ContentVersion
from advocacy.core.tenancy import tenant_context
from advocacy.networks.models import NetworkConnection
from advocacy.shares.models import Share, ShareStatus
from bench.datasets import UNUSABLE_PASSWORD
from bench.figures import Figure
from bench.harness import ROUNDS, ProductionServer, http_ready, redis_url

SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "5"))
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"
# Counts responses by status across wrk's threads and prints them when the run ends.
COUNTING_SCRIPT = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) redirects = 0; others = 0 end
function response(status, headers, body)
  if status == 302 then redirects = redirects + 1 else others = others + 1 end
end
function done(summary, latency, requests)
  local r, o = 0, 0
  for _, t in ipairs(threads) do r = r + t:get("redirects"); o = o + t:get("others") end
  io.write(string.format("COUNTS %d %d\\n", r, o))
end
"""


def _posted_share() -> Share:
    organization = Organization.objects.create(slug="bench-redirect", name="Bench redirect")
    with tenant_context(organization):
        user = User.objects.create(email="clicker@bench.example", password=UNUSABLE_PASSWORD)
        member = Membership.objects.create(organization=organization, user=user)
        content = ContentItem.objects.create(organization=organization, title="Report", status="approved", version=1)
        version = ContentVersion.objects.create(
            organization=organization,
            content=content,
            number=1,
            title="The 2026 report",
            url="https://news.example.com/report?ref=feed",
        )
        connection_row = NetworkConnection.objects.create(
            organization=organization, membership=member, network="linkedin", account_id="bench"
        )
        return Share.objects.create(
            organization=organization,
            membership=member,
            content=content,
            content_version=version,
            connection=connection_row,
            network="linkedin",
            text="Mine",
            final_text="Mine",
            tracked_code=f"b{uuid.uuid4().hex[:9]}",  # a fresh code: the cache outlives runs
            status=ShareStatus.POSTED,
            posted_at=timezone.now(),
        )


def _get_without_following(port: int, path: str) -> int:
    """The status of one GET to our server; a redirect is never followed (it leaves this
    machine)."""
    connection_to_server = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection_to_server.request("GET", path, headers={"User-Agent": BROWSER})
        return connection_to_server.getresponse().status
    finally:
        connection_to_server.close()


class _Wrk:
    def __init__(self, executable: str, script: Path) -> None:
        self.executable = executable
        self.script = script

    def run(self, url: str, *, connections: int) -> tuple[float, float, int]:
        """Requests/s, p99 latency in ms, and 302 responses received."""
        output = subprocess.run(  # noqa: S603 - our own executable and arguments
            [
                self.executable,
                "--threads",
                "2",
                "--connections",
                str(connections),
                "--duration",
                f"{SECONDS}s",
                "--latency",
                "--script",
                str(self.script),
                "--header",
                f"User-Agent: {BROWSER}",
                url,
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
        value, unit = re.search(r"99%\s+([\d.]+)(us|ms|s)", output).groups()  # type: ignore[union-attr]
        p99 = float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
        redirects = int(re.search(r"COUNTS (\d+) (\d+)", output).group(1))  # type: ignore[union-attr]
        return rate, p99, redirects


class _Flusher(threading.Thread):
    """What beat does: drain the buffer every couple of seconds while the load runs."""

    def __init__(self, buffer: RedisClickBuffer) -> None:
        super().__init__(daemon=True)
        self.buffer = buffer
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(2.0):
                clicks_flush(buffer=self.buffer)
        finally:
            connection.close()


def run() -> list[Figure]:
    wrk_path = shutil.which("wrk")
    missing = http_ready() or (None if wrk_path else "needs wrk: apt-get install wrk")
    if missing:
        print(f"bench_redirect: skipped ({missing})")
        return []
    share = _posted_share()
    server = ProductionServer()
    buffer = RedisClickBuffer(redis_url(), prefix=server.click_prefix)
    base = server.base_url
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(COUNTING_SCRIPT)
    wrk = _Wrk(str(wrk_path), Path(script.name))
    flusher = _Flusher(buffer)
    redirect_url = f"{base}/l/{share.tracked_code}"
    redirected = 0
    # Per path: requests/s at 32 connections and p99 at 8, one value per round.
    rates: dict[str, list[float]] = {"healthz": [], "redirect": []}
    p99s: dict[str, list[float]] = {"healthz": [], "redirect": []}
    try:
        server.start()
        for _ in range(20):  # warm each worker's connections and link memo
            redirected += _get_without_following(server.port, f"/l/{share.tracked_code}") == 302
        # The web tier alone, healthz and the redirect in alternating rounds (the machine may
        # be shared: alternating spreads its drift over both); clicks are flushed in between.
        for _ in range(ROUNDS):
            for name, url in (("healthz", f"{base}/healthz"), ("redirect", redirect_url)):
                rate, _, count = wrk.run(url, connections=32)
                rates[name].append(rate)
                _, p99, count_8 = wrk.run(url, connections=8)
                p99s[name].append(p99)
                if name == "redirect":
                    redirected += count + count_8
            clicks_flush(buffer=buffer, max_batches=10_000)
        # Then the redirect while a flusher drains the buffer on the same machine, as beat does.
        flusher.start()
        loaded_rate, _, count = wrk.run(redirect_url, connections=32)
        redirected += count
    finally:
        server.stop()
        server.cleanup()
        flusher.stopping.set()
        if flusher.is_alive():
            flusher.join(timeout=60)
        Path(script.name).unlink(missing_ok=True)
    # Requests still in flight when wrk stopped may have been served (and counted) after
    # wrk stopped listening: recorded may exceed redirected by a few, never fall short.
    clicks_flush(buffer=buffer, max_batches=10_000)
    left_in_buffer = buffer.pending()
    buffer.clear()
    recorded = Click.objects.unscoped().filter(share=share).count()
    print(
        f"bench_redirect: {redirected} redirects received by wrk, {recorded} clicks recorded, "
        f"{left_in_buffer} left in the buffer; per round, requests/s at 32 connections: {rates}; "
        f"p99 ms at 8 connections: {p99s}"
    )
    healthz_rate = statistics.median(rates["healthz"])
    return [
        Figure(
            "redirect: /l/{code} requests/s (32 conns)",
            statistics.median(rates["redirect"]),
            "/s",
            0.7,
            at_least=True,
            baseline=healthz_rate,
            target_on_ratio=True,
        ),
        Figure(
            "redirect: /l/{code} requests/s, flush running",
            loaded_rate,
            "/s",
            baseline=healthz_rate,
        ),
        Figure(
            "redirect: /l/{code} p99 (8 conns)",
            statistics.median(p99s["redirect"]),
            "ms",
            20.0,
            baseline=statistics.median(p99s["healthz"]),
        ),
        Figure("redirect: clicks lost", float(max(0, redirected - recorded)), "", 0.0),
    ]
