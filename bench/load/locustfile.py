"""The load-test scenario (locust): employees browsing the feed and drafting, editing and
confirming shares; admins reading the dashboards; a click storm on tracked links.

Run by ``python -m bench.load`` (``make load``), which builds the dataset, starts the
servers and passes the plan in ``LOAD_PLAN`` (a JSON file): organisations, accounts (one
per simulated person, never shared), tracked codes, think time and click rate. This file
runs in locust's gevent process and imports nothing from Django.

Every response is checked. A 4xx counts as a success only where the scenario provokes it on
purpose: confirming a share a second time must answer 409 ``not_draft``.
"""

import hashlib
import json
import os
import random
import string
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from locust import FastHttpUser, between, constant_throughput, task
from locust.exception import StopUser

with open(os.environ["LOAD_PLAN"], encoding="utf-8") as plan_file:
    PLAN: dict[str, Any] = json.load(plan_file)

THINK = float(PLAN["think_seconds"])
_employees: Iterator[str] = iter(PLAN["employees"])
_admins: Iterator[str] = iter(PLAN["admins"])
GROUPINGS = ("content", "role", "audience", "member", "network", "day")
WORDS = [
    "".join(random.Random(n).choices(string.ascii_lowercase, k=random.Random(-n).randint(3, 9))) for n in range(4000)
]


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def own_words() -> str:
    """Text in nobody else's words: the originality check compares it with colleagues'."""
    return " ".join(random.choices(WORDS, k=random.randint(12, 30))).capitalize() + "."


class _Member(FastHttpUser):
    """Logs in through allauth headless (app client) and sends ``X-Session-Token``."""

    abstract = True
    max_redirects = 0  # nothing here redirects; and nothing may ever leave this machine
    accounts: Iterator[str]
    org = ""

    def on_start(self) -> None:
        try:
            self.email = next(self.accounts)
        except StopIteration:
            raise StopUser() from None  # more users than prepared accounts: never share one
        with self.client.post(
            "/_allauth/app/v1/auth/login",
            json={"email": self.email, "password": PLAN["password"]},
            name="/_allauth/app/v1/auth/login",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"login {response.status_code}: {response.text[:200]}")
                raise StopUser()
            self.token = response.json()["meta"]["session_token"]
        self.headers = {"X-Session-Token": self.token}
        self.api = f"/api/v1/orgs/{self.org}"

    def auth(self) -> dict[str, str]:
        # A fresh dict per request: locust and geventhttpclient write into the one they get
        # (Content-Type, Content-Length), and a Content-Length left over from a POST on a
        # later GET desynchronises the keep-alive connection (the server reads the next
        # request's head as this one's body: 400 "Invalid HTTP request line").
        return dict(self.headers)

    def get_json(self, path: str, name: str) -> Any:
        with self.client.get(path, headers=self.auth(), name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:200]}")
                return None
            return response.json()


class Employee(_Member):
    """Browses the feed; now and then drafts a share in their own words, edits it, and
    confirms exactly the final text they saw (its SHA-256)."""

    fixed_count = len(PLAN["employees"])
    accounts = _employees
    org = PLAN["feed_org"]
    wait_time = between(THINK / 2, THINK * 1.5)

    def on_start(self) -> None:
        super().on_start()
        self.shared: set[str] = set()
        self.pages = 1
        connections = self.get_json(f"{self.api}/connections/", "/orgs/{org}/connections/")
        sandbox = [c for c in (connections or {}).get("results", []) if c["network"] == "sandbox"]
        if not sandbox:
            raise StopUser()
        self.connection = sandbox[0]["id"]

    def feed_page(self) -> list[dict[str, Any]]:
        page = random.randint(1, min(self.pages, 5))
        feed = self.get_json(f"{self.api}/feed/?page={page}", "/orgs/{org}/feed/?page=N")
        if not feed:
            return []
        self.pages = max(1, -(-int(feed["count"]) // 20))
        return list(feed["results"])

    @task(4)
    def browse_feed(self) -> None:
        self.feed_page()

    @task(1)
    def my_shares(self) -> None:
        self.get_json(f"{self.api}/shares/", "/orgs/{org}/shares/")

    @task(2)
    def share(self) -> None:
        items = [
            item
            for item in self.feed_page()
            if "sandbox" not in item["shared_networks"] and item["id"] not in self.shared
        ]
        if not items:
            return
        item = random.choice(items)
        self.shared.add(item["id"])
        with self.client.post(
            f"{self.api}/shares/",
            json={"content": item["id"], "connection": self.connection, "text": own_words()},
            headers=self.auth(),
            name="/orgs/{org}/shares/",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"{response.status_code}: {response.text[:300]}")
                return
            share = response.json()
            failed = [check["code"] for check in share["checks"] if not check["ok"]]
            if failed:
                response.failure(f"draft fails checks {failed}")
                return
        self.wait()
        with self.client.request(
            "PATCH",
            f"{self.api}/shares/{share['id']}/",
            json={"text": own_words()},
            headers=self.auth(),
            name="/orgs/{org}/shares/{id}/",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code}: {response.text[:300]}")
                return
            final_text = response.json()["final_text"]
        self.wait()
        confirm = f"{self.api}/shares/{share['id']}/confirm"
        body = {"text_sha256": sha256_hex(final_text)}
        with self.client.post(
            confirm, json=body, headers=self.auth(), name="/orgs/{org}/shares/{id}/confirm", catch_response=True
        ) as response:
            if response.status_code != 200 or response.json()["status"] not in ("queued", "in_review"):
                response.failure(f"{response.status_code}: {response.text[:300]}")
                return
        if random.random() < 0.1:
            # A double click on "Confirm": the second must be refused as a state conflict.
            with self.client.post(
                confirm,
                json=body,
                headers=self.auth(),
                name="/orgs/{org}/shares/{id}/confirm (again: 409 expected)",
                catch_response=True,
            ) as response:
                if response.status_code == 409 and response.json().get("code") == "not_draft":
                    response.success()
                else:
                    response.failure(f"expected 409 not_draft, got {response.status_code}: {response.text[:200]}")


class Admin(_Member):
    """Reads the dashboards: the summary by every grouping, over 30 days or a year, and the
    progress of each role's objectives."""

    fixed_count = len(PLAN["admins"])
    accounts = _admins
    org = PLAN["analytics_org"]
    wait_time = between(THINK / 2, THINK * 1.5)

    @task(5)
    def summary(self) -> None:
        group_by = random.choice(GROUPINGS)
        if random.random() < 0.3:
            start = (date.today() - timedelta(days=364)).isoformat()
            path, name = f"summary?group_by={group_by}&from={start}", f"summary?group_by={group_by}&from=(1 year)"
        else:
            path, name = f"summary?group_by={group_by}", f"summary?group_by={group_by}"
        self.get_json(f"{self.api}/analytics/{path}", f"/orgs/{{org}}/analytics/{name}")

    @task(1)
    def objectives(self) -> None:
        self.get_json(f"{self.api}/analytics/objectives", "/orgs/{org}/analytics/objectives")


class Clicker(FastHttpUser):
    """Visitors following tracked links from posts: a steady storm of ``/l/{code}``, each
    answered 302 (never followed: the target is off this machine)."""

    fixed_count = int(PLAN["clickers"])
    # Never follow the 302: its target is off this machine. (locust 2.46's allow_redirects=False
    # does not reach geventhttpclient 2.6, which then follows; max_redirects=0 does.)
    max_redirects = 0
    wait_time = constant_throughput(float(PLAN["clicks_per_second_per_user"]))
    codes: list[str] = PLAN["codes"]

    @task
    def click(self) -> None:
        code = random.choice(self.codes)
        with self.client.get(
            f"/l/{code}",
            name="/l/{code}",
            allow_redirects=False,
            headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36"},
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"expected 302, got {response.status_code}")
