"""The weekly digest: an email at 8am on Monday in each member's time zone listing new live
content in their roles' grid, once per week, opt-out with a signed link; and the optional
Slack/Teams nudge, posted through the SSRF guard. Time is fixed: ``NOW`` is a Monday."""

import contextlib
import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from smtplib import SMTPException
from typing import Any, cast
from unittest import mock
from urllib.parse import urlsplit

import pytest
from django.core import mail, signing
from django.test import override_settings

from advocacy.accounts.models import Membership, Organization
from advocacy.content.digest import DigestOutcome, chat_digest_send, digest_send, digests_dispatch
from advocacy.content.models import ContentItem, ContentVersion, GridCell
from advocacy.content.tasks import digest_send_task
from advocacy.core.models import AuditEvent
from advocacy.core.tenancy import tenant_context
from advocacy.roles.models import AdvocacyRole
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, GridCellFactory, approved_content, assign_roles

NOW = datetime(2026, 3, 2, 8, 15, tzinfo=UTC)  # Monday, 8:15 in London (UTC in March)
MONDAY = datetime(2026, 3, 2, tzinfo=UTC)


def _grid_item(
    org: Organization,
    role: AdvocacyRole,
    title: str,
    *,
    approved_at: datetime,
    placed_at: datetime | None = None,
    **fields: Any,
) -> ContentItem:
    """Approved content placed in the role's column of the grid, at the times given."""
    content = approved_content(org, title=title, **fields)
    ContentVersion.objects.unscoped().filter(content=content).update(approved_at=approved_at)
    content.refresh_from_db()
    cell = cast(GridCell, GridCellFactory(organization=org, role=role, content=content))
    GridCell.objects.unscoped().filter(pk=cell.pk).update(created_at=placed_at or approved_at)
    return content


@pytest.fixture
def sales(org: Organization) -> AdvocacyRole:
    return cast(AdvocacyRole, AdvocacyRoleFactory(organization=org, name="Sales"))


@pytest.fixture
def engineering(org: Organization) -> AdvocacyRole:
    return cast(AdvocacyRole, AdvocacyRoleFactory(organization=org, name="Engineering"))


def _seller(org: Organization, make_member: MakeMember, role: AdvocacyRole, **fields: Any) -> Membership:
    fields.setdefault("ambassador", True)
    member = make_member(org, **fields)
    assign_roles(member, role)
    return member


def _emails_to(member: Membership) -> list[Any]:
    return [message for message in mail.outbox if message.to == [member.user.email]]


def _unsubscribe_path(message: Any) -> str:
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}"


# --- When -------------------------------------------------------------------------------------


def test_each_member_gets_one_digest_at_8am_on_monday_in_their_own_time_zone(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    # Given members in London (the organisation's zone, UTC in March), New York and Kolkata (+5:30)
    london = _seller(org, make_member, sales)
    new_york = _seller(org, make_member, sales, time_zone="America/New_York")
    kolkata = _seller(org, make_member, sales, time_zone="Asia/Kolkata")
    _grid_item(org, sales, "Streaming report", approved_at=MONDAY - timedelta(days=2))

    # When the hourly job runs through Sunday and Monday (UTC), twice each hour
    sent_at: dict[str, list[int]] = {"london": [], "new_york": [], "kolkata": []}
    for hour in range(-24, 24):
        before = {
            name: len(_emails_to(m)) for name, m in (("london", london), ("new_york", new_york), ("kolkata", kolkata))
        }
        digests_dispatch(now=MONDAY + timedelta(hours=hour))
        digests_dispatch(now=MONDAY + timedelta(hours=hour, minutes=20))
        for name, member in (("london", london), ("new_york", new_york), ("kolkata", kolkata)):
            sent_at[name] += [hour] * (len(_emails_to(member)) - before[name])

    # Then each got exactly one, in their own 8 o'clock hour (Kolkata's 8:30 is 03:00 UTC)
    assert sent_at == {"london": [8], "new_york": [13], "kolkata": [3]}


def test_a_duplicated_task_sends_once(org: Organization, make_member: MakeMember, sales: AdvocacyRole) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "Streaming report", approved_at=NOW - timedelta(days=1))
    arguments = {"organization_id": str(org.pk), "membership_id": str(member.pk), "now": NOW.isoformat()}

    first = digest_send_task.delay(**arguments).get()
    second = digest_send_task.delay(**arguments).get()

    assert (first, second) == (DigestOutcome.SENT, DigestOutcome.ALREADY_SENT)
    assert len(_emails_to(member)) == 1
    member.refresh_from_db()
    assert member.digest_sent_at == NOW


def test_next_week_lists_only_what_is_new_since_the_last_digest(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "Last week's report", approved_at=NOW - timedelta(days=3))
    digests_dispatch(now=NOW)
    _grid_item(org, sales, "Wednesday's case study", approved_at=NOW + timedelta(days=2))

    digests_dispatch(now=NOW + timedelta(days=7))

    first, second = _emails_to(member)
    assert "Last week's report" in first.body
    assert "Wednesday's case study" in second.body
    assert "Last week's report" not in second.body


# --- What -------------------------------------------------------------------------------------


def test_the_digest_lists_only_new_live_content_in_the_members_roles(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole, engineering: AdvocacyRole
) -> None:
    member = _seller(org, make_member, sales)
    recently = NOW - timedelta(days=2)
    _grid_item(org, sales, "New for sales", approved_at=recently)
    _grid_item(org, sales, "Old but newly placed for sales", approved_at=NOW - timedelta(days=60), placed_at=recently)
    _grid_item(org, engineering, "New for engineering", approved_at=recently)
    _grid_item(org, sales, "Old for sales", approved_at=NOW - timedelta(days=10))
    _grid_item(org, sales, "Expired for sales", approved_at=recently, expires_at=NOW - timedelta(hours=1))
    retired = _grid_item(org, sales, "Retired for sales", approved_at=recently)
    ContentItem.objects.unscoped().filter(pk=retired.pk).update(status="retired")
    GridCell.objects.unscoped().filter(content=retired).update(live=False)

    digests_dispatch(now=NOW)

    (message,) = _emails_to(member)
    listed = {title for title in message.body.splitlines() if title.startswith("- ")}
    assert listed == {"- New for sales", "- Old but newly placed for sales"}
    assert message.subject == "Acme: 2 new to share this week"


def test_nothing_is_sent_when_nothing_is_new(org: Organization, make_member: MakeMember, sales: AdvocacyRole) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "Old for sales", approved_at=NOW - timedelta(days=10))

    digests_dispatch(now=NOW)

    assert mail.outbox == []
    member.refresh_from_db()
    assert member.digest_sent_at is None


def test_the_email_links_into_the_app_in_text_and_html(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole, settings: Any
) -> None:
    settings.FRONTEND_URL = "https://advocacy.example"
    member = _seller(org, make_member, sales)
    item = _grid_item(org, sales, "Banks & streams <2026>", approved_at=NOW - timedelta(days=1))

    digests_dispatch(now=NOW)

    (message,) = _emails_to(member)
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    item_url = f"https://advocacy.example/o/acme/share/{item.pk}"
    for body in (message.body, html):
        assert item_url in body
        assert "https://advocacy.example/o/acme/for-you" in body
        assert "https://advocacy.example/api/v1/digest/unsubscribe?token=" in body
    assert "Banks & streams <2026>" in message.body
    assert "Banks &amp; streams &lt;2026&gt;" in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


# --- Who --------------------------------------------------------------------------------------


def test_members_who_opted_out_left_or_are_not_yet_in_the_rollout_get_nothing(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    opted_out = _seller(org, make_member, sales, digest_enabled=False)
    deactivated = _seller(org, make_member, sales, is_active=False)
    not_an_ambassador = _seller(org, make_member, sales, ambassador=False)
    ambassador = _seller(org, make_member, sales)
    _grid_item(org, sales, "New for sales", approved_at=NOW - timedelta(days=1))

    digests_dispatch(now=NOW)
    Organization.objects.filter(pk=org.pk).update(rollout_stage="everyone")
    digests_dispatch(now=NOW + timedelta(minutes=30))

    assert _emails_to(opted_out) == []
    assert _emails_to(deactivated) == []
    assert len(_emails_to(ambassador)) == 1
    # Once the rollout reaches everyone, everyone hears about new content.
    assert len(_emails_to(not_an_ambassador)) == 1


def test_another_organisations_content_and_members_stay_apart(
    org: Organization, outsider_org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    ours = _seller(org, make_member, sales)
    outsider_role = cast(AdvocacyRole, AdvocacyRoleFactory(organization=outsider_org, name="Sales"))
    theirs = _seller(outsider_org, make_member, outsider_role)
    _grid_item(org, sales, "Acme news", approved_at=NOW - timedelta(days=1))
    _grid_item(outsider_org, outsider_role, "Outsider news", approved_at=NOW - timedelta(days=1))

    digests_dispatch(now=NOW)

    (our_email,) = _emails_to(ours)
    (their_email,) = _emails_to(theirs)
    assert "Acme news" in our_email.body
    assert "Outsider news" not in our_email.body
    assert "Outsider news" in their_email.body
    assert "Acme news" not in their_email.body


def test_a_failed_send_gives_the_week_back_for_the_retry(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "New for sales", approved_at=NOW - timedelta(days=1))

    with (
        tenant_context(org),
        mock.patch("django.core.mail.EmailMultiAlternatives.send", side_effect=SMTPException("down")),
        pytest.raises(SMTPException),
    ):
        digest_send(membership_id=member.pk, now=NOW)
    member.refresh_from_db()
    assert member.digest_sent_at is None

    with tenant_context(org):
        retried = digest_send(membership_id=member.pk, now=NOW)

    assert retried == DigestOutcome.SENT
    assert len(_emails_to(member)) == 1


# --- Opting out ----------------------------------------------------------------------------------


def test_the_unsubscribe_link_opts_out_without_logging_in(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole, client_for: Any
) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "New for sales", approved_at=NOW - timedelta(days=1))
    digests_dispatch(now=NOW)
    (message,) = _emails_to(member)

    response = client_for(None).get(_unsubscribe_path(message))
    again = client_for(None).get(_unsubscribe_path(message))
    _grid_item(org, sales, "Newer for sales", approved_at=NOW + timedelta(days=1))
    digests_dispatch(now=NOW + timedelta(days=7))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"no longer receive the weekly digest from Acme" in response.content
    assert again.status_code == 200  # the link stays harmless when clicked twice
    member.refresh_from_db()
    assert member.digest_enabled is False
    assert len(_emails_to(member)) == 1
    assert (
        AuditEvent.objects.unscoped().filter(verb="membership.digest_unsubscribed", object_id=str(member.pk)).count()
        == 1
    )


def test_mail_clients_can_unsubscribe_in_one_click_with_a_post(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole, client_for: Any
) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "New for sales", approved_at=NOW - timedelta(days=1))
    digests_dispatch(now=NOW)
    (message,) = _emails_to(member)

    response = client_for(None).post(
        _unsubscribe_path(message), "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    member.refresh_from_db()
    assert member.digest_enabled is False


@pytest.mark.parametrize(
    "forge",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: signing.dumps(signing.loads(token, salt="advocacy.accounts.digest-unsubscribe")),
        lambda token: "",
        lambda token: "not-a-token",
    ],
    ids=["tampered", "other-salt", "empty", "garbage"],
)
def test_a_tampered_unsubscribe_token_is_refused(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole, client_for: Any, forge: Any
) -> None:
    member = _seller(org, make_member, sales)
    _grid_item(org, sales, "New for sales", approved_at=NOW - timedelta(days=1))
    digests_dispatch(now=NOW)
    token = _unsubscribe_path(_emails_to(member)[0]).split("token=", 1)[1]

    response = client_for(None).get("/api/v1/digest/unsubscribe", {"token": forge(token)})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    member.refresh_from_db()
    assert member.digest_enabled is True


# --- Preferences ----------------------------------------------------------------------------------


def test_members_read_and_change_their_digest_preference_and_time_zone(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    member = make_member(org)
    client = client_for(member.user)

    initial = client.get("/api/v1/orgs/acme/me/notifications").json()
    changed = client.patch(
        "/api/v1/orgs/acme/me/notifications", {"digest_enabled": False, "time_zone": "Europe/Paris"}, format="json"
    )
    back_to_default = client.patch("/api/v1/orgs/acme/me/notifications", {"time_zone": ""}, format="json").json()

    assert initial == {"digest_enabled": True, "time_zone": "", "effective_time_zone": "UTC"}
    assert changed.json() == {
        "digest_enabled": False,
        "time_zone": "Europe/Paris",
        "effective_time_zone": "Europe/Paris",
    }
    assert back_to_default == {"digest_enabled": False, "time_zone": "", "effective_time_zone": "UTC"}
    assert AuditEvent.objects.unscoped().filter(verb="membership.notifications_changed").count() == 2


@pytest.mark.parametrize("time_zone", ["Mars/Olympus_Mons", "../../etc/passwd", "/etc/localtime", "x" * 65])
def test_unknown_time_zones_are_refused(
    org: Organization, make_member: MakeMember, client_for: Any, time_zone: str
) -> None:
    client = client_for(make_member(org).user)

    response = client.patch("/api/v1/orgs/acme/me/notifications", {"time_zone": time_zone}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "validation_error"


# --- The team channel ------------------------------------------------------------------------------


class WebhookServer:
    """A local incoming-webhook endpoint that records what it receives."""

    def __init__(self) -> None:
        received: list[dict[str, Any]] = []
        self.received = received

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                received.append(
                    {"path": self.path, "headers": dict(self.headers), "body": json.loads(self.rfile.read(length))}
                )
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    self.wfile.write(b"ok")

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hooks/T000/B000/secret"


@pytest.fixture
def webhook() -> Iterator[WebhookServer]:
    hook = WebhookServer()
    thread = threading.Thread(target=hook.server.serve_forever, daemon=True)
    thread.start()
    yield hook
    hook.server.shutdown()
    hook.server.server_close()


def test_an_admin_sets_a_slack_webhook_that_gets_a_weekly_nudge_with_links(
    org: Organization,
    make_member: MakeMember,
    sales: AdvocacyRole,
    admin: Membership,
    client_for: Any,
    webhook: WebhookServer,
    settings: Any,
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    settings.FRONTEND_URL = "https://advocacy.example"
    client = client_for(admin.user)
    item = _grid_item(org, sales, "Streaming report", approved_at=NOW - timedelta(days=1))

    saved = client.patch(
        "/api/v1/orgs/acme/",
        {"settings": {"chat_webhook_kind": "slack", "chat_webhook_url": webhook.url}},
        format="json",
    )
    digests_dispatch(now=NOW)
    digests_dispatch(now=NOW + timedelta(minutes=20))  # a duplicated hourly run

    assert saved.status_code == 200
    assert saved.json()["settings"]["chat_webhook_configured"] is True
    assert "chat_webhook_url" not in saved.json()["settings"]
    (post,) = webhook.received
    assert post["path"] == "/hooks/T000/B000/secret"
    assert post["headers"]["Content-Type"] == "application/json"
    assert set(post["body"]) == {"text"}
    assert f"<https://advocacy.example/o/acme/share/{item.pk}|Streaming report>" in post["body"]["text"]
    assert "https://advocacy.example/o/acme/for-you" in post["body"]["text"]
    # The URL is a credential: the audit log holds only its fingerprint.
    change = AuditEvent.objects.unscoped().get(verb="organization.settings_changed")
    assert change.after is not None
    assert webhook.url not in json.dumps(change.after)
    assert change.after["chat_webhook_url"].startswith("sha256:")


def test_a_teams_webhook_gets_a_message_card(
    org: Organization, sales: AdvocacyRole, webhook: WebhookServer, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    settings.FRONTEND_URL = "https://advocacy.example"
    Organization.objects.filter(pk=org.pk).update(chat_webhook_kind="teams", chat_webhook_url=webhook.url)
    item = _grid_item(org, sales, "Streaming [report]", approved_at=NOW - timedelta(days=1))

    digests_dispatch(now=NOW)

    (post,) = webhook.received
    card = post["body"]
    assert card["@type"] == "MessageCard"
    # Brackets in a title cannot forge a link of their own.
    assert card["text"].startswith(f"- [Streaming (report)](https://advocacy.example/o/acme/share/{item.pk})")
    assert card["potentialAction"][0]["targets"][0]["uri"].endswith("/o/acme/for-you")


def test_no_nudge_when_nothing_is_new_or_it_is_not_monday_8am_there(
    org: Organization, sales: AdvocacyRole, webhook: WebhookServer, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = True
    Organization.objects.filter(pk=org.pk).update(
        chat_webhook_kind="slack", chat_webhook_url=webhook.url, time_zone="America/New_York"
    )
    _grid_item(org, sales, "Old news", approved_at=NOW - timedelta(days=30))

    digests_dispatch(now=NOW)  # 3:15 in New York
    digests_dispatch(now=NOW + timedelta(hours=5))  # 8:15 there, but nothing new

    assert webhook.received == []


def test_a_webhook_on_a_private_address_is_refused_without_the_setting(
    org: Organization, sales: AdvocacyRole, webhook: WebhookServer, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False
    Organization.objects.filter(pk=org.pk).update(chat_webhook_kind="slack", chat_webhook_url=webhook.url)
    _grid_item(org, sales, "Streaming report", approved_at=NOW - timedelta(days=1))

    with tenant_context(org):
        outcome = chat_digest_send(organization=org, now=NOW)

    assert outcome == DigestOutcome.REFUSED
    assert webhook.received == []
    org.refresh_from_db()
    assert org.chat_digest_sent_at is None


@pytest.mark.parametrize(
    ("webhook_settings", "code"),
    [
        ({"chat_webhook_kind": "slack", "chat_webhook_url": "http://hooks.slack.com/services/x"}, "webhook_not_https"),
        ({"chat_webhook_url": "https://hooks.slack.com/services/x"}, "webhook_kind_required"),
    ],
)
def test_webhook_settings_that_would_leak_or_cannot_work_are_refused(
    org: Organization, admin: Membership, client_for: Any, settings: Any, webhook_settings: dict[str, str], code: str
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False

    response = client_for(admin.user).patch("/api/v1/orgs/acme/", {"settings": webhook_settings}, format="json")

    assert (response.status_code, response.json()["code"]) == (422, code)
    org.refresh_from_db()
    assert org.chat_webhook_url == ""


@override_settings(DIGEST_MAX_ITEMS=2)
def test_a_long_week_lists_the_newest_and_points_at_the_feed(
    org: Organization, make_member: MakeMember, sales: AdvocacyRole
) -> None:
    member = _seller(org, make_member, sales)
    for day in range(1, 5):
        _grid_item(org, sales, f"Item from {day} days ago", approved_at=NOW - timedelta(days=day))

    digests_dispatch(now=NOW)

    (message,) = _emails_to(member)
    assert "Item from 1 days ago" in message.body
    assert "Item from 2 days ago" in message.body
    assert "Item from 3 days ago" not in message.body
    assert "more in your feed" in message.body
    assert message.subject == "Acme: 2+ new to share this week"
