"""Mass assignment: nobody raises their own role, sets server-owned fields (organisation,
owner, status, confirmation and posting facts) or moves a row to another organisation by
adding fields to a request body. Input serializers refuse unknown fields, so every write on
the router is walked with such fields; then the role-specific cases one by one."""

import re
from typing import Any

import pytest

from advocacy.accounts.models import Membership, Organization, OrgRole, RolloutStage
from advocacy.accounts.selectors import token_hash
from advocacy.content.models import ContentItem
from advocacy.networks.models import NetworkConnection
from advocacy.shares.models import Share, ShareStatus
from config.urls import router
from tests.conftest import MakeMember
from tests.factories import InvitationFactory, NetworkConnectionFactory, ShareFactory, UserFactory, approved_content
from tests.tenant_objects import make_tenant_object, snapshot

VIEWSETS = [(prefix, viewset) for prefix, viewset, _basename in router.registry]
# Fields only the server sets. None is an input field anywhere.
SERVER_OWNED = [
    "id",
    "organization",
    "organization_id",
    "membership",
    "user",
    "created_by",
    "created_at",
    "updated_at",
    "status",
    "confirmed_at",
    "confirmed_sha256",
    "posted_at",
    "external_id",
    "external_url",
    "archived_at",
]


@pytest.fixture
def body(outsider_org: Organization) -> dict[str, Any]:
    values: dict[str, Any] = dict.fromkeys(SERVER_OWNED, "x")
    values.update(organization=str(outsider_org.pk), organization_id=str(outsider_org.pk), status="posted")
    return values


def _collection(prefix: str) -> str:
    return "/api/v1/" + re.sub(r"\(\?P<org_slug>[^)]*\)", "acme", prefix) + "/"


def assert_refused(response: Any, names: list[str]) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    assert response.json()["code"] == "validation_error"
    fields = response.json()["fields"]
    for name in names:
        assert fields.get(name) == ["Unknown field."], (name, fields)


@pytest.mark.parametrize(("prefix", "viewset"), VIEWSETS, ids=[p.rsplit("/", 1)[-1] for p, _ in VIEWSETS])
def test_no_create_or_update_on_the_router_takes_server_owned_fields(
    prefix: str, viewset: Any, org: Organization, admin: Membership, client_for: Any, body: dict[str, Any]
) -> None:
    client = client_for(admin.user)
    row = make_tenant_object(viewset.model, org)
    before = snapshot(row)
    rows_before = type(row)._base_manager.count()

    if hasattr(viewset, "create"):
        assert_refused(client.post(_collection(prefix), body, format="json"), SERVER_OWNED)
    if hasattr(viewset, "partial_update"):
        assert_refused(client.patch(f"{_collection(prefix)}{row.pk}/", body, format="json"), SERVER_OWNED)

    assert snapshot(row) == before
    assert type(row)._base_manager.count() == rows_before


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/api/v1/orgs/"),
        ("patch", "/api/v1/orgs/acme/"),
        ("put", "/api/v1/orgs/acme/me/voice"),
        ("patch", "/api/v1/orgs/acme/me/notifications"),
        ("put", "/api/v1/orgs/acme/me/readiness"),
    ],
)
def test_the_other_writes_refuse_server_owned_fields(
    method: str, path: str, admin: Membership, client_for: Any, body: dict[str, Any]
) -> None:
    response = getattr(client_for(admin.user), method)(path, {**body, "org_role": "admin", "slug": "x"}, format="json")

    assert_refused(response, [*SERVER_OWNED, "org_role"])


@pytest.mark.parametrize("org_role", [OrgRole.EMPLOYEE, OrgRole.REVIEWER, OrgRole.COMMS_LEAD])
def test_a_member_cannot_raise_their_own_role(
    org: Organization, make_member: MakeMember, client_for: Any, org_role: str
) -> None:
    member = make_member(org, org_role)
    client = client_for(member.user)

    answers = [
        client.patch(f"/api/v1/orgs/acme/members/{member.pk}/", {"org_role": "admin"}, format="json"),
        client.patch(f"/api/v1/orgs/acme/members/{member.pk}/", {"is_active": True, "ambassador": True}, format="json"),
        client.patch("/api/v1/me", {"org_role": "admin"}, format="json"),
        client.patch("/api/v1/orgs/acme/me/notifications", {"org_role": "admin"}, format="json"),
        client.put("/api/v1/orgs/acme/me/voice", {"org_role": "admin"}, format="json"),
    ]

    assert [a.status_code for a in answers] == [403, 403, 405, 400, 400]
    member.refresh_from_db()
    assert member.org_role == org_role
    assert member.ambassador is False


def test_accepting_an_invitation_ignores_a_role_in_the_body(org: Organization, client_for: Any) -> None:
    InvitationFactory(organization=org, email="new@example.com", token_hash=token_hash("tok"))
    invitee = UserFactory(email="new@example.com")

    response = client_for(invitee).post(
        "/api/v1/invitations/tok/accept", {"org_role": "admin", "organization": "other"}, format="json"
    )

    assert response.status_code == 200
    assert Membership.objects.unscoped().get(user=invitee).org_role == OrgRole.EMPLOYEE


def test_a_comms_lead_changes_only_the_rollout_stage(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    client = client_for(make_member(org, OrgRole.COMMS_LEAD).user)

    stage = client.patch("/api/v1/orgs/acme/", {"settings": {"rollout_stage": RolloutStage.EVERYONE}}, format="json")
    refused = [
        client.patch("/api/v1/orgs/acme/", {"name": "Renamed"}, format="json"),
        client.patch("/api/v1/orgs/acme/", {"settings": {"regulated": True}}, format="json"),
        client.patch(
            "/api/v1/orgs/acme/",
            {"settings": {"rollout_stage": RolloutStage.EVERYONE, "daily_share_cap": 99}},
            format="json",
        ),
        client.patch(
            "/api/v1/orgs/acme/", {"settings": {"chat_webhook_url": "https://hooks.example/x"}}, format="json"
        ),
    ]

    assert stage.status_code == 200
    assert [r.status_code for r in refused] == [403, 403, 403, 403]
    org.refresh_from_db()
    assert org.name == "Acme"
    assert org.regulated is False
    assert org.daily_share_cap != 99
    assert org.chat_webhook_url == ""


def test_the_organisation_slug_and_owner_cannot_be_changed(admin: Membership, client_for: Any) -> None:
    response = client_for(admin.user).patch(
        "/api/v1/orgs/acme/", {"slug": "stolen", "owner": str(admin.pk)}, format="json"
    )

    assert_refused(response, ["slug", "owner"])


def test_a_share_cannot_use_a_colleagues_connection(
    org: Organization, make_member: MakeMember, client_for: Any
) -> None:
    member, colleague = make_member(org), make_member(org)
    colleagues_connection = NetworkConnectionFactory(organization=org, membership=colleague)
    content = approved_content(org)

    response = client_for(member.user).post(
        "/api/v1/orgs/acme/shares/",
        {"content": str(content.pk), "connection": str(colleagues_connection.pk), "text": "Hi"},
        format="json",
    )

    assert 400 <= response.status_code < 500
    assert not Share.objects.unscoped().exists()


def test_a_share_cannot_use_another_organisations_content_or_connection(
    org: Organization, outsider_org: Organization, employee: Membership, client_for: Any
) -> None:
    own_connection = NetworkConnectionFactory(organization=org, membership=employee)
    foreign_content: ContentItem = approved_content(outsider_org)
    foreign_connection: NetworkConnection = NetworkConnectionFactory(organization=outsider_org)
    client = client_for(employee.user)

    answers = [
        client.post(
            "/api/v1/orgs/acme/shares/",
            {"content": str(foreign_content.pk), "connection": str(own_connection.pk), "text": "Hi"},
            format="json",
        ),
        client.post(
            "/api/v1/orgs/acme/shares/",
            {"content": str(approved_content(org).pk), "connection": str(foreign_connection.pk), "text": "Hi"},
            format="json",
        ),
    ]

    assert [a.status_code for a in answers] == [400, 400]
    assert not Share.objects.unscoped().exists()


def test_only_the_author_edits_or_confirms_a_share(org: Organization, make_member: MakeMember, client_for: Any) -> None:
    author = make_member(org)
    share = ShareFactory(organization=org, membership=author)
    before = snapshot(share)
    colleague = client_for(make_member(org).user)
    reviewer = client_for(make_member(org, OrgRole.REVIEWER).user)

    answers = [
        colleague.patch(f"/api/v1/orgs/acme/shares/{share.pk}/", {"text": "mine now"}, format="json"),
        colleague.post(f"/api/v1/orgs/acme/shares/{share.pk}/confirm", {"text_sha256": "0" * 64}, format="json"),
        reviewer.patch(f"/api/v1/orgs/acme/shares/{share.pk}/", {"text": "edited"}, format="json"),
        reviewer.post(f"/api/v1/orgs/acme/shares/{share.pk}/confirm", {"text_sha256": "0" * 64}, format="json"),
    ]

    assert [a.status_code for a in answers] == [404, 404, 403, 403]
    assert {a.json()["code"] for a in answers[2:]} == {"not_owner"}
    assert snapshot(share) == before
    assert Share.objects.unscoped().get(pk=share.pk).status != ShareStatus.CONFIRMED
