"""The load test's moving parts, shared by ``python -m bench.load`` and the smoke test:
the dataset and plan, locust run headless as a subprocess, its CSV read back, and what the
workers did with the shares and clicks once the load stopped."""

import csv
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.datasets import LOGIN_PASSWORD, analytics_dataset, enable_logins, feed_dataset
from bench.harness import BIN, REPO, ProductionServer, redis_url

LOCUSTFILE = Path(__file__).resolve().parent / "locustfile.py"
FEED_ORG, ANALYTICS_ORG = "load-feed", "load-analytics"

# Dataset sizes: "full" for `make load`, "smoke" for the test that runs the scenario briefly.
SIZES: dict[str, dict[str, dict[str, int]]] = {
    "full": {
        "feed": {"roles": 50, "audiences": 500, "content": 5_000, "cells": 50_000, "members": 10_000},
        "analytics": {"roles": 20, "audiences": 50, "members": 500, "content": 200, "share_count": 10_000},
    },
    "smoke": {
        "feed": {"roles": 4, "audiences": 8, "content": 200, "cells": 400, "members": 40},
        "analytics": {"roles": 4, "audiences": 5, "members": 20, "content": 20, "share_count": 300},
    },
}


# The servers run with production defaults except what one machine standing in for a crowd
# needs: every simulated person logs in from 127.0.0.1 (the login limit is per address), and
# a handful of accounts stand in for many employees, so the per-person hourly limits on
# drafting and confirming shares are lifted. The per-user API rate (600/min) stays.
SERVER_ENV = {
    "LOGIN_RATE_LIMIT": "1000/m/ip",
    "SHARE_CREATE_RATE": "100000/hour",
    "SHARE_CONFIRM_RATE": "100000/hour",
}


@dataclass(frozen=True)
class LoadConfig:
    duration: str = "5m"
    employees: int = 16
    admins: int = 3
    clickers: int = 6
    clicks_per_second_per_user: float = 25.0
    think_seconds: float = 2.0
    size: str = "full"

    @classmethod
    def from_env(cls) -> "LoadConfig":
        env = os.environ
        return cls(
            duration=env.get("LOAD_DURATION", cls.duration),
            employees=int(env.get("LOAD_EMPLOYEES", cls.employees)),
            admins=int(env.get("LOAD_ADMINS", cls.admins)),
            clickers=int(env.get("LOAD_CLICKERS", cls.clickers)),
            clicks_per_second_per_user=float(env.get("LOAD_CLICK_RATE", cls.clicks_per_second_per_user)),
            think_seconds=float(env.get("LOAD_THINK_SECONDS", cls.think_seconds)),
            size=env.get("LOAD_SIZE", cls.size),
        )

    @property
    def users(self) -> int:
        return self.employees + self.admins + self.clickers

    @property
    def seconds(self) -> int:
        units = {"h": 3600, "m": 60, "s": 1}
        parts = re.findall(r"(\d+)([hms])", self.duration)
        if not parts or "".join(n + u for n, u in parts) != self.duration:
            raise ValueError(f"LOAD_DURATION must look like 5m, 90s or 1h30m, not {self.duration!r}")
        return sum(int(n) * units[u] for n, u in parts)


def build_dataset(config: LoadConfig) -> dict[str, Any]:
    """Both organisations, login-ready accounts (one per simulated person) and the plan the
    locustfile reads."""
    from advocacy.accounts.models import Organization, User
    from advocacy.networks.models import NetworkConnection

    sizes = SIZES[config.size]
    feed = feed_dataset(slug=FEED_ORG, **sizes["feed"])
    organization = feed["organization"]
    # Everyone may share, on the built-in sandbox network, as often as the load needs.
    Organization.objects.filter(pk=organization.pk).update(
        rollout_stage="everyone", networks_enabled=["sandbox"], daily_share_cap=10_000
    )
    employees = list(User.objects.filter(email__in=[f"member{n}@{FEED_ORG}.example" for n in range(config.employees)]))
    enable_logins(employees)
    NetworkConnection.objects.unscoped().bulk_create(
        NetworkConnection(
            organization_id=organization.pk,
            membership_id=member_id,
            network="sandbox",
            account_id=f"sandbox-load-{n}",
        )
        for n, member_id in enumerate(feed["member_ids"][: config.employees])
    )
    # Tracked codes unique to this run: the servers' link cache (Redis) outlives databases.
    analytics = analytics_dataset(
        slug=ANALYTICS_ORG, admins=config.admins, code_prefix=f"L{uuid.uuid4().hex[:6]}-", **sizes["analytics"]
    )
    enable_logins(analytics["admins"])
    return {
        "password": LOGIN_PASSWORD,
        "feed_org": FEED_ORG,
        "analytics_org": ANALYTICS_ORG,
        "employees": sorted(user.email for user in employees),
        "admins": [user.email for user in analytics["admins"]],
        "codes": analytics["codes"],
        "clickers": config.clickers,
        "clicks_per_second_per_user": config.clicks_per_second_per_user,
        "think_seconds": config.think_seconds,
        "analytics_organization_id": str(analytics["organization"].pk),
        "feed_organization_id": str(organization.pk),
    }


@dataclass
class Row:
    name: str
    requests: int
    failures: int
    rps: float
    p50: float
    p99: float
    average: float


@dataclass
class LoadResult:
    rows: list[Row]
    total: Row
    failures: list[dict[str, str]]
    exit_code: int
    csv_prefix: Path
    outcome: dict[str, int] = field(default_factory=dict)

    @property
    def error_rate(self) -> float:
        return self.total.failures / self.total.requests if self.total.requests else 0.0

    def row(self, name: str) -> Row | None:
        return next((row for row in self.rows if row.name == name), None)

    def table(self) -> str:
        lines = [f"{'endpoint':<72} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"]
        for row in [*self.rows, self.total]:
            lines.append(
                f"{row.name:<72} {row.requests:>9} {row.rps:>8.1f} {row.p50:>8.0f} {row.p99:>8.0f} {row.failures:>7}"
            )
        lines.append(f"error rate: {self.error_rate:.4%} ({self.total.failures} of {self.total.requests} requests)")
        for failure in self.failures:
            lines.append(f"  {failure['Occurrences']} x {failure['Method']} {failure['Name']}: {failure['Error']}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rows": [row.__dict__ for row in self.rows],
            "total": self.total.__dict__,
            "error_rate": self.error_rate,
            "failures": self.failures,
            "outcome": self.outcome,
        }


def run_locust(config: LoadConfig, plan: dict[str, Any], server: ProductionServer, csv_prefix: Path) -> LoadResult:
    """locust headless against ``server`` for ``config.duration``; the CSVs land at
    ``csv_prefix``_stats.csv and friends."""
    csv_prefix.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as plan_file:
        json.dump(plan, plan_file)
    try:
        process = subprocess.run(  # noqa: S603 - our own locust, fixed arguments
            [
                str(BIN / "locust"),
                "--locustfile",
                str(LOCUSTFILE),
                "--headless",
                "--host",
                server.base_url,
                "--users",
                str(config.users),
                "--spawn-rate",
                str(max(1, config.users // 4)),
                "--run-time",
                config.duration,
                # Users finish the journey they are in (its think times included) before stopping.
                "--stop-timeout",
                str(int(config.think_seconds * 3 + 5)),
                "--csv",
                str(csv_prefix),
                "--only-summary",
                "--loglevel",
                "INFO",
            ],
            env={**os.environ, "LOAD_PLAN": plan_file.name},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=config.seconds + 180,
            check=False,
        )
    finally:
        Path(plan_file.name).unlink(missing_ok=True)
    Path(f"{csv_prefix}.log").write_text(process.stdout + process.stderr, encoding="utf-8")
    if not Path(f"{csv_prefix}_stats.csv").exists():
        sys.stderr.write(process.stdout[-3000:] + process.stderr[-3000:])
        raise RuntimeError(f"locust wrote no statistics (exit {process.returncode}); see {csv_prefix}.log")
    rows, total = _read_stats(Path(f"{csv_prefix}_stats.csv"))
    with open(f"{csv_prefix}_failures.csv", encoding="utf-8") as failures_file:
        failures = list(csv.DictReader(failures_file))
    return LoadResult(rows, total, failures, process.returncode, csv_prefix)


def _read_stats(path: Path) -> tuple[list[Row], Row]:
    rows = []
    with path.open(encoding="utf-8") as stats_file:
        for record in csv.DictReader(stats_file):
            rows.append(
                Row(
                    name=f"{record['Type']} {record['Name']}".strip(),
                    requests=int(record["Request Count"]),
                    failures=int(record["Failure Count"]),
                    rps=float(record["Requests/s"]),
                    p50=_number(record["50%"]),
                    p99=_number(record["99%"]),
                    average=float(record["Average Response Time"]),
                )
            )
    total = rows.pop()  # locust's "Aggregated" line comes last
    return rows, total


def _number(value: str) -> float:
    return float(value) if value not in ("", "N/A") else 0.0


def settle(plan: dict[str, Any], server: ProductionServer, *, wait_seconds: float = 60) -> dict[str, int]:
    """After the load: flush the click buffer and wait for the workers to post the confirmed
    shares. Returns what was confirmed, posted and still pending, and the clicks recorded."""
    from advocacy.analytics.buffer import RedisClickBuffer
    from advocacy.analytics.models import Click
    from advocacy.analytics.services import clicks_flush
    from advocacy.shares.models import Share, ShareStatus

    shares = Share.objects.unscoped().filter(organization_id=plan["feed_organization_id"])
    pending = (ShareStatus.QUEUED, ShareStatus.POSTING, ShareStatus.CONFIRMED)
    deadline = time.monotonic() + wait_seconds
    while shares.filter(status__in=pending).exists() and time.monotonic() < deadline:
        time.sleep(1)
    buffer = RedisClickBuffer(redis_url(), prefix=server.click_prefix)
    # The scheduler's flush may hold a claimed batch right now: wait until nothing is
    # pending or claimed, so what is counted is what was recorded, not what was in flight.
    while time.monotonic() < deadline + wait_seconds:
        clicks_flush(buffer=buffer, max_batches=100_000)
        if not buffer.pending() and not buffer.client.zcard(buffer.claims_key):
            break
        time.sleep(1)
    left = buffer.pending() + int(buffer.client.zcard(buffer.claims_key))
    buffer.clear()
    return {
        "shares_confirmed": shares.exclude(confirmed_at=None).count(),
        "shares_posted": shares.filter(status=ShareStatus.POSTED).count(),
        "shares_pending": shares.filter(status__in=pending).count(),
        "shares_failed": shares.filter(status=ShareStatus.FAILED).count(),
        "clicks_recorded": Click.objects.unscoped().filter(organization_id=plan["analytics_organization_id"]).count(),
        "clicks_left_in_buffer": left,
    }
