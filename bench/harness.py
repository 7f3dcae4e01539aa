"""The HTTP harness: the Procfile's processes with production settings on loopback, against
the benchmark's throw-away database, and side-by-side timing against ``/healthz``.

Every HTTP figure is measured in alternating rounds on the same server (``/healthz``, the
path, ``/healthz``, the path, ...; ``BENCH_ROUNDS`` rounds, default 5): the machine may be
shared, and alternating spreads its drift over both. The figures are medians over all
rounds, with the same statistic of ``/healthz`` as the baseline.
"""

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.db import connection

from bench.figures import Figure, median, p95

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
HEALTHZ = "/healthz"
BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def redis_url() -> str:
    return getattr(settings, "TEST_REDIS_URL", "") or os.environ.get("REDIS_URL", "")


def database_url() -> str:
    """The URL of the database this process uses (the benchmark's or the test's). When this
    process switches to a role (DATABASE_ROLE), the servers start their sessions in it too,
    through libpq's startup options rather than DATABASE_ROLE: Django 5.2's ``assume_role``
    with the connection pool of production settings waits forever for a connection (its
    ``SET ROLE`` asks the pool for a connection while the pool is making one)."""
    from urllib.parse import quote

    database = connection.settings_dict
    password = f":{quote(database['PASSWORD'], safe='')}" if database.get("PASSWORD") else ""
    url = (
        f"postgres://{database['USER']}{password}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}"
    )
    role = database_role()
    return f"{url}?options={quote(f'-c role={role}', safe='')}" if role else url


def database_role() -> str:
    """The non-superuser role connections switch to (settings ``DATABASE_ROLE``), if any."""
    return str(connection.settings_dict.get("OPTIONS", {}).get("assume_role") or "")


def ensure_database_role() -> None:
    """Before the throw-away database is created: make sure the settings' DATABASE_ROLE
    exists as a non-superuser owner (as tests/conftest.py does for the suite), so benchmarks
    run with row-level security binding, as production does. Without the rights to create
    it, they run as the login user."""
    import psycopg

    from tests.database_role import ensure_owner_role

    try:
        ensure_owner_role(connection)
    except psycopg.Error as exc:
        print(f"bench: running as the login user, not {database_role()}: {exc}")
        del connection.settings_dict["OPTIONS"]["assume_role"]


def http_ready() -> str | None:
    """Why the HTTP harness cannot run here, or None."""
    if connection.vendor != "postgresql":
        return "needs PostgreSQL (DATABASE_URL)"
    if not redis_url():
        return "needs Redis (REDIS_URL)"
    return None


@dataclass
class ProductionServer:
    """gunicorn as the Procfile's ``web`` (gthread, production settings), optionally with the
    ``worker``, ``poster`` and ``beat`` processes, on a free loopback port."""

    web_workers: int = 2
    web_threads: int = 4
    worker: bool = False
    worker_queues: str = "celery"
    poster: bool = False
    beat: bool = False
    env: Mapping[str, str] = field(default_factory=dict)
    port: int = field(default_factory=free_port)
    token_key: str = field(default_factory=lambda: Fernet.generate_key().decode())
    click_prefix: str = field(default_factory=lambda: f"bench-clicks:{uuid.uuid4().hex}")
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    logs: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bench-server-")))

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url(),
            "CLICK_BUFFER_PREFIX": self.click_prefix,
            "SECRET_KEY": "bench-" + secrets.token_urlsafe(32),
            "TOKEN_ENCRYPTION_KEYS": self.token_key,
            "ALLOWED_HOSTS": "127.0.0.1",
            "FRONTEND_URL": self.base_url,
            "CELERY_TASK_ALWAYS_EAGER": "false",
            "SECURE_SSL_REDIRECT": "false",
            **self.env,
        }

    def _spawn(self, name: str, argv: list[str]) -> None:
        log = (self.logs / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(  # noqa: S603 - our own executables, fixed arguments
            argv, env=self.environment(), cwd=REPO, stdout=subprocess.DEVNULL, stderr=log
        )

    def start(self) -> "ProductionServer":
        # The Procfile's commands; the access log goes nowhere (as bench_redirect always did).
        self._spawn(
            "web",
            [
                str(BIN / "gunicorn"),
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.web_workers),
                "--threads",
                str(self.web_threads),
                "--worker-class",
                "gthread",
                "--access-logfile",
                "-",
            ],
        )
        celery = [str(BIN / "celery"), "-A", "config"]
        tag = uuid.uuid4().hex[:8]
        if self.worker:
            queue = ["--queues", self.worker_queues, "--concurrency", "2"]
            self._spawn("worker", [*celery, "worker", "--loglevel", "WARNING", *queue, "-n", f"worker-{tag}@%h"])
        if self.poster:
            queue = ["--queues", "posting", "--pool", "threads", "--concurrency", "8"]
            self._spawn("poster", [*celery, "worker", "--loglevel", "WARNING", *queue, "-n", f"poster-{tag}@%h"])
        if self.beat:
            schedule = str(self.logs / "celerybeat-schedule")
            self._spawn("beat", [*celery, "beat", "--loglevel", "WARNING", "--schedule", schedule])
        self._wait_until_up()
        return self

    def _wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"{name} exited at start; see {self.logs / (name + '.log')}")
            try:
                if request(self.base_url, "GET", HEALTHZ)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.25)
        raise RuntimeError(f"gunicorn did not answer {HEALTHZ} within {timeout:.0f}s; see {self.logs}")

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        self.processes.clear()
        _wait_for_other_sessions_to_end()

    def cleanup(self) -> None:
        shutil.rmtree(self.logs, ignore_errors=True)

    @contextmanager
    def running(self) -> Iterator["ProductionServer"]:
        try:
            yield self.start()
        finally:
            self.stop()

    def login(self, email: str, password: str) -> str:
        """An allauth headless app session: the ``X-Session-Token`` the API accepts."""
        status, body = request(
            self.base_url, "POST", "/_allauth/app/v1/auth/login", body={"email": email, "password": password}
        )
        if status != 200:
            raise RuntimeError(f"login of {email} failed: {status} {body[:300]!r}")
        return str(json.loads(body)["meta"]["session_token"])


def _wait_for_other_sessions_to_end(timeout: float = 30) -> None:
    """The servers' database sessions outlive their processes by a moment; the throw-away
    database can only be dropped once they are gone."""
    if connection.vendor != "postgresql":
        return
    deadline = time.monotonic() + timeout
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.5)


def request(
    base_url: str, method: str, path: str, *, body: Any = None, headers: Mapping[str, str] | None = None
) -> tuple[int, bytes]:
    host, port = base_url.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        data = None if body is None else json.dumps(body).encode()
        all_headers = {**({"Content-Type": "application/json"} if data else {}), **(headers or {})}
        conn.request(method, path, body=data, headers=all_headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@dataclass
class SideBySide:
    """Milliseconds per request of /healthz and of the path, from alternating rounds."""

    path: str
    healthz: list[float] = field(default_factory=list)
    samples: list[float] = field(default_factory=list)

    def latency_figures(
        self, label: str, *, median_target: float | None = None, p95_target: float | None = None
    ) -> list[Figure]:
        return [
            Figure(f"{label} median", median(self.samples), "ms", median_target, baseline=median(self.healthz)),
            Figure(f"{label} p95", p95(self.samples), "ms", p95_target, baseline=p95(self.healthz)),
        ]


class _Keepalive:
    """One persistent HTTP/1.1 connection, reopened if the server closes it."""

    def __init__(self, base_url: str) -> None:
        host, port = base_url.removeprefix("http://").split(":")
        self.host, self.port = host, int(port)
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str, headers: Mapping[str, str]) -> tuple[int, float]:
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.conn.connect()
            try:
                start = time.perf_counter()
                self.conn.request("GET", path, headers=dict(headers))
                response = self.conn.getresponse()
                response.read()
                elapsed = (time.perf_counter() - start) * 1000
                if response.will_close:
                    self.close()
                return response.status, elapsed
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn closed an idle keep-alive connection: reconnect and retry once.
                self.close()
                if attempt:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def alternate(
    base_url: str,
    path: str,
    *,
    headers: Mapping[str, str] | None = None,
    rounds: int = ROUNDS,
    per_round: int = 10,
    warmup: int = 3,
    expect: int = 200,
) -> SideBySide:
    """``rounds`` x (``per_round`` GET /healthz, then ``per_round`` GET path), one client,
    one keep-alive connection, requests one after another (latency, not throughput)."""
    client = _Keepalive(base_url)
    result = SideBySide(path)
    sent = dict(headers or {})
    try:
        for _ in range(warmup):
            client.get(HEALTHZ, {})
            status, _ = client.get(path, sent)
            if status != expect:
                raise RuntimeError(f"GET {path} answered {status}, expected {expect}")
        for _ in range(rounds):
            for target, samples, with_headers in ((HEALTHZ, result.healthz, {}), (path, result.samples, sent)):
                for _ in range(per_round):
                    status, elapsed = client.get(target, with_headers)
                    if status != (200 if target == HEALTHZ else expect):
                        raise RuntimeError(f"GET {target} answered {status}")
                    samples.append(elapsed)
    finally:
        client.close()
    return result
