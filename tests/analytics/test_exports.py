"""Exports: the analytics CSV and the compliance archive (JSON Lines and CSV). Admins only,
streamed at a constant number of queries, audited, and never another tenant's rows."""

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

import pytest
from django.db import connection
from django.test import TestCase, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.analytics.models import ShareDailyStats
from advocacy.core.models import AuditEvent
from advocacy.networks.models import NetworkConnection
from advocacy.roles.models import AdvocacyRole
from advocacy.shares.models import Share, sha256_hex
from tests.conftest import MakeMember
from tests.factories import (
    AdvocacyRoleFactory,
    NetworkConnectionFactory,
    assign_roles,
    posted_share,
)

EXPORTS = ("analytics.csv", "archive.jsonl", "archive.csv")
TODAY = timezone.now().astimezone(UTC).date().isoformat()


def _export(client: Any, path: str, query: str = "") -> Any:
    return client.get(f"/api/v1/orgs/acme/exports/{path}{query}")


def _body(response: Any) -> str:
    assert response.status_code == 200, response.content if not response.streaming else response.status_code
    return b"".join(response.streaming_content).decode()


def _jsonl(response: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _body(response).splitlines()]


def _csv(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_body(response))))


# --- What a compliance officer gets -----------------------------------------------------------


@pytest.fixture
def two_step_org(org: Organization) -> Organization:
    Organization.objects.filter(pk=org.pk).update(two_step_approval=True, default_disclaimer="Views are my own.")
    org.refresh_from_db()
    return org


def _story(org: Organization, make_member: MakeMember, client_for: Any) -> dict[str, Any]:
    """Through the API, as people would: comms submits, marketing then legal approve, an
    employee whose role needs review shares in their own words, a reviewer passes it, the
    worker posts it."""
    comms = make_member(org, "comms_lead")
    marketing = make_member(org, "reviewer")
    legal = make_member(org, "reviewer")
    reviewer = make_member(org, "reviewer")
    author = make_member(org, "employee", ambassador=True)
    sales = cast(AdvocacyRole, AdvocacyRoleFactory(organization=org, name="Sales", review_before_posting=True))
    assign_roles(author, sales)
    connection_row = cast(
        NetworkConnection,
        NetworkConnectionFactory(organization=org, membership=author, account_id="acct-42", account_name="Ada at Acme"),
    )
    as_comms, as_author = client_for(comms.user), client_for(author.user)

    content = as_comms.post(
        "/api/v1/orgs/acme/content/",
        {"title": "The 2026 streaming report", "url": "https://news.example.com/report", "suggested_copy": "Read it."},
        format="json",
    ).json()
    as_comms.post(f"/api/v1/orgs/acme/content/{content['id']}/submit")
    client_for(marketing.user).post(f"/api/v1/orgs/acme/content/{content['id']}/approve")
    client_for(legal.user).post(f"/api/v1/orgs/acme/content/{content['id']}/approve")
    as_comms.post("/api/v1/orgs/acme/grid/", {"role": str(sales.pk), "content": content["id"]}, format="json")
    draft = as_author.post(
        "/api/v1/orgs/acme/shares/",
        {
            "content": content["id"],
            "connection": str(connection_row.pk),
            "text": "We moved our nightly batch to streaming last year and the regulator noticed.",
        },
        format="json",
    ).json()
    with TestCase.captureOnCommitCallbacks(execute=True):
        as_author.post(
            f"/api/v1/orgs/acme/shares/{draft['id']}/confirm", {"text_sha256": draft["text_sha256"]}, format="json"
        )
    with TestCase.captureOnCommitCallbacks(execute=True):
        client_for(reviewer.user).post(
            f"/api/v1/orgs/acme/shares/{draft['id']}/review",
            {"decision": "pass", "reason": "Accurate and personal."},
            format="json",
        )
    share = Share.objects.unscoped().get(pk=draft["id"])
    assert share.status == "posted", (share.status, share.error_code, share.error_detail)
    return {
        "share": share,
        "marketing": marketing,
        "legal": legal,
        "reviewer": reviewer,
        "author": author,
        "connection": connection_row,
    }


def test_the_archive_holds_what_a_compliance_officer_needs_for_a_reviewed_two_step_share(
    two_step_org: Organization, make_member: MakeMember, client_for: Any, admin: Membership
) -> None:
    # Given a share posted after two-step approval, confirmation and review
    story = _story(two_step_org, make_member, client_for)
    share: Share = story["share"]

    # When an admin exports the archive for today
    records = _jsonl(_export(client_for(admin.user), "archive.jsonl", f"?from={TODAY}&to={TODAY}"))

    # Then the one record holds the exact text and everything that allowed it
    assert share.confirmed_at is not None
    assert share.posted_at is not None
    assert len(records) == 1
    record = records[0]
    assert record["share_id"] == str(share.pk)
    assert record["posted_text"] == share.final_text
    assert record["posted_text"].endswith("Views are my own.")
    assert record["posted_text_sha256"] == sha256_hex(share.final_text)
    assert record["network"] == "sandbox"
    assert record["account"] == {"id": "acct-42", "name": "Ada at Acme"}
    assert record["external_id"] == share.external_id
    assert record["external_url"] == share.external_url
    assert datetime.fromisoformat(record["posted_at"]) == share.posted_at
    assert record["member"]["email"] == story["author"].user.email
    assert record["content"]["id"] == str(share.content_id)
    assert record["content"]["title"] == "The 2026 streaming report"
    assert record["content"]["version"] == 1
    assert [(a["step"], a["decision"], a["by_email"], a["version"]) for a in record["approvals"]] == [
        ("marketing", "approved", story["marketing"].user.email, 1),
        ("legal", "approved", story["legal"].user.email, 1),
    ]
    assert all(datetime.fromisoformat(a["at"]) <= share.confirmed_at for a in record["approvals"])
    assert record["confirmation"] == {
        "by_email": story["author"].user.email,
        "at": share.confirmed_at.isoformat(),
        "text_sha256": sha256_hex(share.final_text),
        "session": "BrowserSessionAuthentication",
        "matches_posted_text": True,
    }
    review = record["review"]
    assert (review["by_email"], review["decision"], review["reason"]) == (
        story["reviewer"].user.email,
        "pass",
        "Accurate and personal.",
    )
    assert share.confirmed_at <= datetime.fromisoformat(review["at"]) <= share.posted_at


def test_the_csv_archive_holds_the_same_record_flattened(
    two_step_org: Organization, make_member: MakeMember, client_for: Any, admin: Membership
) -> None:
    story = _story(two_step_org, make_member, client_for)

    rows = _csv(_export(client_for(admin.user), "archive.csv", f"?from={TODAY}&to={TODAY}"))

    assert len(rows) == 1
    row = rows[0]
    assert row["share_id"] == str(story["share"].pk)
    assert row["posted_text"] == story["share"].final_text
    assert row["content_version"] == "1"
    assert row["approvals"].startswith(f"marketing approved v1 by {story['marketing'].user.email} at ")
    assert f"legal approved v1 by {story['legal'].user.email}" in row["approvals"]
    assert row["confirmation_session"] == "BrowserSessionAuthentication"
    assert row["confirmation_matches_posted_text"] == "yes"
    assert (row["reviewed_by"], row["review_decision"], row["review_reason"]) == (
        story["reviewer"].user.email,
        "pass",
        "Accurate and personal.",
    )


# --- What is in, what is out --------------------------------------------------------------------


def test_only_shares_posted_in_the_range_are_exported(org: Organization, admin: Membership, client_for: Any) -> None:
    in_range = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    first = posted_share(org, posted_at=in_range)
    last_day_late = posted_share(org, posted_at=datetime(2026, 3, 12, 23, 59, tzinfo=UTC))
    posted_share(org, posted_at=datetime(2026, 3, 13, 0, 0, tzinfo=UTC))  # the day after
    posted_share(org, posted_at=datetime(2026, 3, 9, 23, 59, tzinfo=UTC))  # the day before
    for status in ("queued", "failed", "cancelled", "posting"):
        unposted = posted_share(org, posted_at=in_range)
        Share.objects.unscoped().filter(pk=unposted.pk).update(status=status)
    client = client_for(admin.user)

    for path in EXPORTS:
        body = _body(_export(client, path, "?from=2026-03-10&to=2026-03-12"))
        ids = [line.split(",")[0] for line in body.splitlines()[1:]] if path.endswith(".csv") else None
        if ids is None:
            ids = [json.loads(line)["share_id"] for line in body.splitlines()]
        assert ids == [str(first.pk), str(last_day_late.pk)], path


def test_days_are_the_organisations_days(org: Organization, admin: Membership, client_for: Any) -> None:
    # 23:30 UTC on the 10th is already the 11th in Paris.
    Organization.objects.filter(pk=org.pk).update(time_zone="Europe/Paris")
    late = posted_share(org, posted_at=datetime(2026, 3, 10, 23, 30, tzinfo=UTC))

    on_the_10th = _jsonl(_export(client_for(admin.user), "archive.jsonl", "?from=2026-03-10&to=2026-03-10"))
    on_the_11th = _jsonl(_export(client_for(admin.user), "archive.jsonl", "?from=2026-03-11&to=2026-03-11"))

    assert on_the_10th == []
    assert [r["share_id"] for r in on_the_11th] == [str(late.pk)]


def test_another_organisations_shares_never_appear(
    org: Organization,
    outsider_org: Organization,
    admin: Membership,
    outsider_admin: Membership,
    client_for: Any,
) -> None:
    ours = posted_share(org)
    theirs = posted_share(outsider_org)

    for path in EXPORTS:
        our_export = _body(_export(client_for(admin.user), path))
        # The outsider's admin cannot reach our exports, and their own holds only their share.
        through_our_url = _export(client_for(outsider_admin.user), path)
        their_export = _body(client_for(outsider_admin.user).get(f"/api/v1/orgs/outsider/exports/{path}"))

        assert str(ours.pk) in our_export
        assert str(theirs.pk) not in our_export
        assert through_our_url.status_code == 404
        assert str(ours.pk) not in their_export
        assert str(theirs.pk) in their_export


@pytest.mark.parametrize("role", ["comms_lead", "reviewer", "employee"])
@pytest.mark.parametrize("path", EXPORTS)
def test_only_admins_may_export(
    org: Organization, make_member: MakeMember, client_for: Any, role: str, path: str
) -> None:
    posted_share(org)

    response = _export(client_for(make_member(org, role).user), path)
    anonymous = _export(client_for(None), path)

    assert (response.status_code, response.json()["code"]) == (403, "permission_denied")
    assert anonymous.status_code in (401, 403)
    assert not AuditEvent.objects.unscoped().filter(verb__startswith="export.").exists()


# --- The range ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("?from=yesterday", "validation_error"),
        ("?from=2026-02-30", "validation_error"),
        ("?to=2026-13-01", "validation_error"),
        ("?from=2026-03-10T00:00:00", "validation_error"),
        ("?from=2026-03-12&to=2026-03-10", "invalid_range"),
        ("?from=0001-01-01&to=2026-03-10", "invalid_range"),
        ("?from=2026-03-10&to=9999-12-31", "invalid_range"),
    ],
)
@pytest.mark.parametrize("path", EXPORTS)
def test_invalid_or_reversed_ranges_are_refused_with_a_stable_code(
    org: Organization, admin: Membership, client_for: Any, path: str, query: str, code: str
) -> None:
    response = _export(client_for(admin.user), path, query)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["code"] == code
    assert not AuditEvent.objects.unscoped().filter(verb__startswith="export.").exists()


@pytest.mark.parametrize("path", EXPORTS)
def test_a_range_of_several_years_still_streams(
    org: Organization, admin: Membership, client_for: Any, path: str
) -> None:
    old = posted_share(org, posted_at=datetime(2023, 1, 2, 9, 0, tzinfo=UTC))

    response = _export(client_for(admin.user), path, f"?from=2023-01-01&to={TODAY}")

    assert response.streaming
    assert str(old.pk) in _body(response)


def test_without_a_range_the_last_30_days_are_exported(org: Organization, admin: Membership, client_for: Any) -> None:
    recent = posted_share(org, posted_at=timezone.now() - timedelta(days=29))
    older = posted_share(org, posted_at=timezone.now() - timedelta(days=31))

    ids = [r["share_id"] for r in _jsonl(_export(client_for(admin.user), "archive.jsonl"))]

    assert ids == [str(recent.pk)]
    assert str(older.pk) not in ids


def test_a_client_asking_for_csv_still_gets_json_errors(org: Organization, admin: Membership, client_for: Any) -> None:
    response = client_for(admin.user).get("/api/v1/orgs/acme/exports/archive.csv?from=nope", HTTP_ACCEPT="text/csv")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


# --- How it is delivered --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "content_type", "extension"),
    [
        ("analytics.csv", "text/csv; charset=utf-8", "csv"),
        ("archive.jsonl", "application/jsonl; charset=utf-8", "jsonl"),
        ("archive.csv", "text/csv; charset=utf-8", "csv"),
    ],
)
def test_exports_stream_as_attachments(
    org: Organization, admin: Membership, client_for: Any, path: str, content_type: str, extension: str
) -> None:
    posted_share(org, posted_at=datetime(2026, 3, 10, 12, 0, tzinfo=UTC))

    response = _export(client_for(admin.user), path, "?from=2026-03-01&to=2026-03-31")

    assert response.streaming
    assert response["Content-Type"] == content_type
    name = path.split(".")[0]
    assert response["Content-Disposition"] == (
        f'attachment; filename="acme-{name}-2026-03-01-to-2026-03-31.{extension}"'
    )
    assert response["Cache-Control"] == "no-store"


def test_every_export_is_audited_with_who_and_the_range(org: Organization, admin: Membership, client_for: Any) -> None:
    client = client_for(admin.user)

    for path in EXPORTS:
        _body(_export(client, path, "?from=2026-03-01&to=2026-03-31"))

    events = AuditEvent.objects.unscoped().filter(organization=org, verb__startswith="export.").order_by("seq")
    assert [(e.verb, e.actor_id, e.after) for e in events] == [
        (verb, admin.user.pk, {"format": file_format, "from": "2026-03-01", "to": "2026-03-31", "time_zone": "UTC"})
        for verb, file_format in (("export.analytics", "csv"), ("export.archive", "jsonl"), ("export.archive", "csv"))
    ]


def test_cells_that_a_spreadsheet_would_run_are_escaped(
    org: Organization, make_member: MakeMember, admin: Membership, client_for: Any
) -> None:
    author = make_member(org)
    author.user.name = "=cmd|' /C calc'!A0"
    author.user.save()
    connection_row = NetworkConnectionFactory(organization=org, membership=author, account_name="@everyone")
    share = posted_share(
        org,
        membership=author,
        connection=connection_row,
        text="+1 for this report",
        final_text='=HYPERLINK("http://evil.example","click")',
    )
    client = client_for(admin.user)

    archive = _csv(_export(client, "archive.csv"))[0]
    analytics = _csv(_export(client, "analytics.csv"))[0]
    exact = _jsonl(_export(client, "archive.jsonl"))[0]

    assert archive["posted_text"] == "'" + share.final_text
    assert archive["member_name"] == "'=cmd|' /C calc'!A0"
    assert archive["account_name"] == "'@everyone"
    assert analytics["member_name"] == "'=cmd|' /C calc'!A0"
    # JSON Lines is not a spreadsheet format: it keeps the text exactly as posted.
    assert exact["posted_text"] == share.final_text


def test_chunks_follow_each_other_in_posting_order(org: Organization, admin: Membership, client_for: Any) -> None:
    start = datetime(2026, 3, 10, 8, 0, tzinfo=UTC)
    shares = [posted_share(org, posted_at=start + timedelta(minutes=n)) for n in range(7)]

    with override_settings(EXPORT_CHUNK_SIZE=3):
        records = _jsonl(_export(client_for(admin.user), "archive.jsonl", "?from=2026-03-10&to=2026-03-10"))

    assert [r["share_id"] for r in records] == [str(s.pk) for s in shares]


# --- Figures ----------------------------------------------------------------------------------------


def test_the_analytics_csv_has_each_shares_figures_to_date(
    org: Organization, admin: Membership, client_for: Any
) -> None:
    share = posted_share(org, posted_at=datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    quiet = posted_share(org, posted_at=datetime(2026, 3, 10, 10, 0, tzinfo=UTC))
    for day, clicks, visitors, bots, reactions, comments, reposts in (
        (date(2026, 3, 10), 5, 4, 2, 3, 1, 0),
        (date(2026, 3, 11), 2, 2, 1, 1, 0, 1),
    ):
        ShareDailyStats.objects.unscoped().create(
            organization=org,
            share=share,
            day=day,
            content_id=share.content_id,
            membership_id=share.membership_id,
            network=share.network,
            clicks=clicks,
            unique_visitors=visitors,
            bot_hits=bots,
            reactions=reactions,
            comments=comments,
            reposts=reposts,
        )

    rows = _csv(_export(client_for(admin.user), "analytics.csv", "?from=2026-03-10&to=2026-03-10"))

    figures = ("clicks", "unique_visitors", "bot_hits", "reactions", "comments", "reposts")
    assert [(row["share_id"], *(row[f] for f in figures)) for row in rows] == [
        (str(share.pk), "7", "6", "3", "4", "1", "1"),
        (str(quiet.pk), "0", "0", "0", "0", "0", "0"),
    ]
    assert rows[0]["member_email"] == share.membership.user.email
    assert rows[0]["content_title"] == share.content_version.title
    assert rows[0]["content_version"] == "1"


# --- Cost ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "budget"), [("analytics.csv", 10), ("archive.jsonl", 11), ("archive.csv", 11)])
def test_an_export_costs_the_same_queries_for_1_and_50_shares(
    org: Organization, admin: Membership, client_for: Any, path: str, budget: int
) -> None:
    # Session, caller, membership, the audit event (4, in a savepoint), the cursor, then per
    # chunk: approvals and audit trail (archive) or figures (analytics).
    client = client_for(admin.user)
    _body(_export(client, path))  # warm the session

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            _body(_export(client, path))
        return len(captured)

    posted_share(org)
    one = queries()
    for _ in range(49):
        posted_share(org)
    fifty = queries()

    assert fifty == one
    assert fifty <= budget
