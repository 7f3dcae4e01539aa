"""The tracked-link redirect under load, as ``make serve`` runs it: gunicorn (2 workers x 4
threads, gthread, production settings, access log on) on PostgreSQL and Redis, driven by
``wrk`` (2 threads, a browser user agent).

1. ``/healthz`` and ``/l/{code}`` in turns, twice, each at 32 connections (requests/s; goal:
   the redirect at >= 0.7x healthz) and at 8 connections (p99; goal: < 20 ms). Buffered
   clicks are flushed between rounds, so these measure the web tier.
2. ``/l/{code}`` at 32 connections while a flusher drains the buffer every 2 s on the same
   machine, as beat would.
3. Clicks lost: every 302 wrk received must be a Click row after the last flush.

Needs PostgreSQL, Redis and ``wrk`` (Debian package); skipped otherwise. BENCH_WRK_SECONDS
sets the length of each wrk run (default 10).
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from cryptography.fernet import Fernet
from django.conf import settings
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

SECONDS = int(os.environ.get("BENCH_WRK_SECONDS", "10"))
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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


def _start_gunicorn(port: int, redis_url: str, prefix: str) -> subprocess.Popen[bytes]:
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
        "REDIS_URL": redis_url,
        "CLICK_BUFFER_PREFIX": prefix,
        "SECRET_KEY": "bench-" + uuid.uuid4().hex,
        "TOKEN_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    # The Procfile's web process (access log included, to nowhere).
    return subprocess.Popen(  # noqa: S603 - our own executable and arguments
        [
            gunicorn,
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--access-logfile",
            "-",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if _get_without_following(port, "/healthz") == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


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
    redis_url = getattr(settings, "TEST_REDIS_URL", "") or os.environ.get("REDIS_URL", "")
    wrk_path = shutil.which("wrk")
    if connection.vendor != "postgresql" or not redis_url or wrk_path is None:
        print("bench_redirect: skipped (needs PostgreSQL, REDIS_URL and wrk: apt-get install wrk)")
        return []
    share = _posted_share()
    prefix = f"bench-clicks:{uuid.uuid4().hex}"
    buffer = RedisClickBuffer(redis_url, prefix=prefix)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start_gunicorn(port, redis_url, prefix)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(COUNTING_SCRIPT)
    wrk = _Wrk(wrk_path, Path(script.name))
    flusher = _Flusher(buffer)
    redirect_url = f"{base}/l/{share.tracked_code}"
    redirected = 0
    try:
        _wait_until_up(port)
        for _ in range(20):  # warm each worker's connections and link memo
            redirected += _get_without_following(port, f"/l/{share.tracked_code}") == 302
        # Throughput and latency of the web tier alone, healthz and the redirect in turns (the
        # machine is shared: alternating evens out drift); clicks are flushed in between.
        rates: dict[str, list[float]] = {"healthz": [], "redirect": []}
        p99s: dict[str, list[float]] = {"healthz": [], "redirect": []}
        for _ in range(2):
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
        server.terminate()
        server.wait(timeout=30)
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
    healthz_rate, redirect_rate = statistics.mean(rates["healthz"]), statistics.mean(rates["redirect"])
    print(
        f"bench_redirect: {redirected} redirects received by wrk, {recorded} clicks recorded, "
        f"{left_in_buffer} left in the buffer; p99 at 8 connections per run: {p99s}; "
        f"requests/s per run: {rates}"
    )
    return [
        Figure("redirect: healthz requests/s (32 conns)", healthz_rate, "/s"),
        Figure("redirect: /l/{code} requests/s (32 conns)", redirect_rate, "/s"),
        Figure("redirect: /l/{code} vs healthz throughput", redirect_rate / healthz_rate, "x", 0.7, at_least=True),
        Figure("redirect: /l/{code} requests/s, flush running", loaded_rate, "/s"),
        Figure("redirect: healthz p99 (8 conns)", statistics.mean(p99s["healthz"]), "ms"),
        Figure("redirect: /l/{code} p99 (8 conns)", statistics.mean(p99s["redirect"]), "ms", 20.0),
        Figure("redirect: clicks lost", float(max(0, redirected - recorded)), "", 0.0),
    ]
