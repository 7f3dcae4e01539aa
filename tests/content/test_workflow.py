"""The approval workflow: frozen versions, two-step approval, impossible transitions,
editing approved content, retiring."""

from typing import Any

import pytest
from django.test import override_settings

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import ContentApproval, ContentItem
from advocacy.core.models import AuditEvent
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, GridCellFactory, assign_roles

RETIRED_CALLS: list[Any] = []


def record_retirement(*, content: ContentItem, actor: Membership) -> None:
    RETIRED_CALLS.append((content.pk, actor.pk))


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


@pytest.fixture
def reviewer(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "reviewer")


def _create(client: Any, **fields: Any) -> dict[str, Any]:
    body = {"title": "Our 2026 report", "url": "https://news.example.com/report", "summary": "Findings", **fields}
    response = client.post("/api/v1/orgs/acme/content/", body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


def _act(client: Any, content_id: str, action: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(f"/api/v1/orgs/acme/content/{content_id}/{action}", body or {}, format="json")


def test_draft_submit_approve(lead: Membership, reviewer: Membership, client_for: Any) -> None:
    lead_client, reviewer_client = client_for(lead.user), client_for(reviewer.user)
    item = _create(lead_client)

    submitted = _act(lead_client, item["id"], "submit").json()
    approved = _act(reviewer_client, item["id"], "approve").json()

    assert (item["status"], item["version"], item["approved_version"]) == ("draft", 0, None)
    assert (submitted["status"], submitted["version"]) == ("in_review", 1)
    assert (approved["status"], approved["approved_version"]) == ("approved", 1)
    approval = ContentApproval.objects.unscoped().get()
    assert (approval.approver_id, approval.version.number, approval.step) == (reviewer.pk, 1, "single")
    verbs = list(
        AuditEvent.objects.unscoped().filter(object_id=item["id"]).order_by("seq").values_list("verb", flat=True)
    )
    assert verbs == ["content.created", "content.submitted", "content.approved"]


@pytest.mark.parametrize(
    ("setup", "action", "body"),
    [
        ([], "approve", {}),
        ([], "reject", {"reason": "No"}),
        ([], "retire", {}),
        (["submit"], "submit", {}),
        (["submit", "reject"], "retire", {}),
        (["submit", "reject"], "approve", {}),
        (["submit", "approve", "retire"], "retire", {}),
        (["submit", "approve", "retire"], "submit", {}),
    ],
)
def test_impossible_transitions_are_409(
    lead: Membership, reviewer: Membership, client_for: Any, setup: list[str], action: str, body: dict[str, Any]
) -> None:
    lead_client, reviewer_client = client_for(lead.user), client_for(reviewer.user)
    item = _create(lead_client)
    for step in setup:
        client = reviewer_client if step in ("approve", "reject") else lead_client
        assert _act(client, item["id"], step, {"reason": "Off-brand"} if step == "reject" else None).status_code == 200
    status_before = ContentItem.objects.unscoped().get(pk=item["id"]).status

    client = reviewer_client if action in ("approve", "reject") else lead_client
    response = _act(client, item["id"], action, body)

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert response.json()["content_status"] == status_before
    assert ContentItem.objects.unscoped().get(pk=item["id"]).status == status_before


def test_a_rejection_needs_a_reason_and_can_be_resubmitted(
    lead: Membership, reviewer: Membership, client_for: Any
) -> None:
    lead_client, reviewer_client = client_for(lead.user), client_for(reviewer.user)
    item = _create(lead_client)
    _act(lead_client, item["id"], "submit")

    no_reason = _act(reviewer_client, item["id"], "reject", {})
    rejected = _act(reviewer_client, item["id"], "reject", {"reason": "Check the figures"}).json()
    resubmitted = _act(lead_client, item["id"], "submit").json()

    assert no_reason.status_code == 400
    assert (rejected["status"], rejected["rejection_reason"]) == ("rejected", "Check the figures")
    assert (resubmitted["status"], resubmitted["version"], resubmitted["rejection_reason"]) == ("in_review", 2, "")


class TestTwoStepApproval:
    @pytest.fixture(autouse=True)
    def _two_step(self, org: Organization) -> None:
        Organization.objects.filter(pk=org.pk).update(two_step_approval=True)

    def test_marketing_then_legal_by_two_different_people(
        self, org: Organization, lead: Membership, reviewer: Membership, make_member: MakeMember, client_for: Any
    ) -> None:
        legal = make_member(org, "reviewer")
        item = _create(client_for(lead.user))
        _act(client_for(lead.user), item["id"], "submit")

        first = _act(client_for(reviewer.user), item["id"], "approve").json()
        same_person_again = _act(client_for(reviewer.user), item["id"], "approve")
        second = _act(client_for(legal.user), item["id"], "approve").json()

        assert first["status"] == "in_review"
        assert same_person_again.status_code == 403
        assert same_person_again.json()["code"] == "already_approved_step"
        assert second["status"] == "approved"
        steps = list(ContentApproval.objects.unscoped().order_by("created_at").values_list("step", "approver_id"))
        assert steps == [("marketing", reviewer.pk), ("legal", legal.pk)]

    def test_the_submitter_cannot_approve_their_own_item(
        self, org: Organization, make_member: MakeMember, client_for: Any
    ) -> None:
        admin = make_member(org, "admin")  # admins may approve, but not what they submitted
        item = _create(client_for(admin.user))
        _act(client_for(admin.user), item["id"], "submit")

        response = _act(client_for(admin.user), item["id"], "approve")

        assert response.status_code == 403
        assert response.json()["code"] == "own_submission"


def test_editing_approved_content_makes_a_new_version_while_the_old_one_stays_live(
    org: Organization, lead: Membership, reviewer: Membership, employee: Membership, client_for: Any
) -> None:
    lead_client, reviewer_client = client_for(lead.user), client_for(reviewer.user)
    item = _create(lead_client, title="Version one")
    _act(lead_client, item["id"], "submit")
    _act(reviewer_client, item["id"], "approve")
    role = AdvocacyRoleFactory(organization=org)
    assign_roles(employee, role)
    lead_client.post("/api/v1/orgs/acme/grid/", {"role": str(role.id), "content": item["id"]}, format="json")
    feed = client_for(employee.user)

    edited = lead_client.patch(
        f"/api/v1/orgs/acme/content/{item['id']}/", {"title": "Version two"}, format="json"
    ).json()
    live_during_edit = feed.get("/api/v1/orgs/acme/feed/").json()["results"][0]
    _act(lead_client, item["id"], "submit")
    _act(reviewer_client, item["id"], "approve")
    live_after = feed.get("/api/v1/orgs/acme/feed/").json()["results"][0]
    history = lead_client.get(f"/api/v1/orgs/acme/content/{item['id']}/history").json()

    assert (edited["status"], edited["approved_version"]) == ("draft", 1)
    assert (live_during_edit["title"], live_during_edit["version"]) == ("Version one", 1)
    assert (live_after["title"], live_after["version"]) == ("Version two", 2)
    assert [v["number"] for v in history["versions"]] == [2, 1]
    assert [a["version"] for a in history["approvals"]] == [1, 2]


def test_editing_an_item_in_review_sends_it_back_to_draft(lead: Membership, client_for: Any) -> None:
    client = client_for(lead.user)
    item = _create(client)
    _act(client, item["id"], "submit")

    edited = client.patch(f"/api/v1/orgs/acme/content/{item['id']}/", {"summary": "Fixed typo"}, format="json").json()

    assert edited["status"] == "draft"


@override_settings(CONTENT_RETIRED_HANDLERS=["tests.content.test_workflow.record_retirement"])
def test_retiring_removes_content_from_feeds_and_calls_the_share_cancellation(
    org: Organization, lead: Membership, employee: Membership, client_for: Any
) -> None:
    RETIRED_CALLS.clear()
    cell = GridCellFactory(organization=org)
    assign_roles(employee, cell.role)
    feed = client_for(employee.user)
    assert feed.get("/api/v1/orgs/acme/feed/").json()["count"] == 1

    response = _act(client_for(lead.user), str(cell.content_id), "retire")

    assert response.json()["status"] == "retired"
    assert feed.get("/api/v1/orgs/acme/feed/").json()["count"] == 0
    assert [(cell.content_id, lead.pk)] == RETIRED_CALLS


def test_only_never_approved_drafts_can_be_deleted(lead: Membership, reviewer: Membership, client_for: Any) -> None:
    client = client_for(lead.user)
    draft, live = _create(client), _create(client)
    _act(client, live["id"], "submit")
    _act(client_for(reviewer.user), live["id"], "approve")

    assert client.delete(f"/api/v1/orgs/acme/content/{draft['id']}/").status_code == 204
    refused = client.delete(f"/api/v1/orgs/acme/content/{live['id']}/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "use_retire"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("url", "javascript:alert(1)"),
        ("url", "data:text/html,<script>alert(1)</script>"),
        ("url", "file:///etc/passwd"),
        ("url", "https://user:secret@example.com/a"),
        ("url", "ftp://example.com/a"),
        ("url", "https://example.com/" + "a" * 2000),
        ("image_url", "javascript:alert(1)"),
        ("title", ""),
        ("title", "t" * 201),
        ("summary", "s" * 5001),
        ("suggested_copy", "c" * 3001),
        ("networks", ["myspace"]),
        ("language", "english please"),
        ("expires_at", "2001-01-01T00:00:00Z"),
        ("angles", {"not-a-role": "x"}),
    ],
)
def test_bad_content_is_refused(lead: Membership, client_for: Any, field: str, value: Any) -> None:
    body = {"title": "Fine", "url": "https://example.com/a", field: value}

    response = client_for(lead.user).post("/api/v1/orgs/acme/content/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not ContentItem.objects.unscoped().exists()


def test_angles_must_be_roles_of_this_organisation(
    org: Organization, outsider_org: Organization, lead: Membership, client_for: Any
) -> None:
    mine, theirs = AdvocacyRoleFactory(organization=org), AdvocacyRoleFactory(organization=outsider_org)
    client = client_for(lead.user)

    ok = client.post(
        "/api/v1/orgs/acme/content/", {"title": "A", "angles": {str(mine.id): "Lead with outcomes"}}, format="json"
    )
    foreign = client.post("/api/v1/orgs/acme/content/", {"title": "B", "angles": {str(theirs.id): "x"}}, format="json")

    assert ok.json()["angles"] == {str(mine.id): "Lead with outcomes"}
    assert foreign.status_code == 400


def test_employees_do_not_see_the_library(employee: Membership, client_for: Any) -> None:
    assert client_for(employee.user).get("/api/v1/orgs/acme/content/").status_code == 403
