"""The grid and the employee's feed."""

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import ContentItem, ContentVersion, GridCell
from tests.conftest import MakeMember
from tests.factories import (
    AdvocacyRoleFactory,
    AudienceFactory,
    ContentItemFactory,
    GridCellFactory,
    approved_content,
    assign_roles,
)
from tests.queries import assert_constant_queries


@pytest.fixture
def lead(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, "comms_lead")


def _place(client: Any, **body: Any) -> Any:
    return client.post("/api/v1/orgs/acme/grid/", {k: str(v) if v else v for k, v in body.items()}, format="json")


def test_placing_content_in_cells(org: Organization, lead: Membership, client_for: Any) -> None:
    role, audience = AdvocacyRoleFactory(organization=org), AudienceFactory(organization=org)
    content = approved_content(org)
    client = client_for(lead.user)

    in_cell = _place(client, role=role.id, audience=audience.id, content=content.id, note="Frame it for CIOs")
    in_column = _place(client, role=role.id, content=content.id)
    duplicate = _place(client, role=role.id, audience=audience.id, content=content.id)
    duplicate_column = _place(client, role=role.id, content=content.id)

    assert in_cell.status_code == 201
    assert in_cell.json()["note"] == "Frame it for CIOs"
    assert in_column.status_code == 201
    assert in_column.json()["audience"] is None
    assert (duplicate.status_code, duplicate.json()["code"]) == (409, "already_in_cell")
    assert (duplicate_column.status_code, duplicate_column.json()["code"]) == (409, "already_in_cell")


def test_only_live_content_goes_into_the_grid(org: Organization, lead: Membership, client_for: Any) -> None:
    role = AdvocacyRoleFactory(organization=org)
    draft = ContentItemFactory(organization=org)
    retired = approved_content(org)
    ContentItem.objects.unscoped().filter(pk=retired.pk).update(status="retired", retired_at=timezone.now())
    client = client_for(lead.user)

    for content in (draft, retired):
        response = _place(client, role=role.id, content=content.id)
        assert response.status_code == 422
        assert response.json()["code"] == "content_not_approved"


@pytest.mark.parametrize("foreign", ["role", "audience", "content"])
def test_another_tenants_ids_in_a_cell_are_refused(
    org: Organization, outsider_org: Organization, lead: Membership, client_for: Any, foreign: str
) -> None:
    body = {
        "role": AdvocacyRoleFactory(organization=org).id,
        "audience": AudienceFactory(organization=org).id,
        "content": approved_content(org).id,
    }
    body[foreign] = {
        "role": lambda: AdvocacyRoleFactory(organization=outsider_org).id,
        "audience": lambda: AudienceFactory(organization=outsider_org).id,
        "content": lambda: approved_content(outsider_org).id,
    }[foreign]()

    response = _place(client_for(lead.user), **body)

    assert response.status_code == 400
    assert foreign in response.json()["fields"]
    assert not GridCell.objects.unscoped().exists()


def test_reordering_a_cell_is_one_call(org: Organization, lead: Membership, client_for: Any) -> None:
    role, audience = AdvocacyRoleFactory(organization=org), AudienceFactory(organization=org)
    cells = [GridCellFactory(organization=org, role=role, audience=audience, position=n) for n in range(3)]
    client = client_for(lead.user)
    order = [str(cells[2].id), str(cells[0].id), str(cells[1].id)]

    response = client.post(
        "/api/v1/orgs/acme/grid/reorder",
        {"role": str(role.id), "audience": str(audience.id), "cells": order},
        format="json",
    )
    partial = client.post(
        "/api/v1/orgs/acme/grid/reorder",
        {"role": str(role.id), "audience": str(audience.id), "cells": order[:2]},
        format="json",
    )

    assert [c["id"] for c in response.json()] == order
    assert list(GridCell.objects.unscoped().order_by("position").values_list("id", flat=True)) == [
        cells[2].id,
        cells[0].id,
        cells[1].id,
    ]
    assert (partial.status_code, partial.json()["code"]) == (422, "reorder_mismatch")


class TestFeed:
    @pytest.fixture
    def sales(self, org: Organization, employee: Membership) -> Any:
        role = AdvocacyRoleFactory(organization=org, name="Sales", networks=["sandbox", "linkedin"])
        assign_roles(employee, role)
        return role

    def _feed(self, client_for: Any, member: Membership, query: str = "") -> dict[str, Any]:
        response = client_for(member.user).get(f"/api/v1/orgs/acme/feed/{query}")
        assert response.status_code == 200, response.content
        return response.json()

    def test_shows_live_content_of_my_roles_only(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        mine = GridCellFactory(organization=org, role=sales, note="Lead with outcomes")
        GridCellFactory(organization=org)  # another role's cell
        draft = ContentItemFactory(organization=org)
        GridCell.objects.unscoped().create(organization=org, role=sales, content=draft)  # not approved

        feed = self._feed(client_for, employee)

        assert [item["id"] for item in feed["results"]] == [str(mine.content_id)]
        assert feed["results"][0]["cells"][0]["note"] == "Lead with outcomes"
        assert feed["results"][0]["networks"] == ["sandbox", "linkedin"]

    def test_expired_content_vanishes_at_its_expiry_without_a_job(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any, make_member: MakeMember
    ) -> None:
        # Given content approved with an expiry, through the API so every copy of it is kept
        lead = make_member(org, "comms_lead")
        reviewer = make_member(org, "reviewer")
        expires = timezone.now() + timedelta(seconds=2)
        lead_client = client_for(lead.user)
        item = lead_client.post(
            "/api/v1/orgs/acme/content/", {"title": "Webinar", "expires_at": expires.isoformat()}, format="json"
        ).json()
        lead_client.post(f"/api/v1/orgs/acme/content/{item['id']}/submit")
        client_for(reviewer.user).post(f"/api/v1/orgs/acme/content/{item['id']}/approve")
        lead_client.post("/api/v1/orgs/acme/grid/", {"role": str(sales.id), "content": item["id"]}, format="json")
        assert self._feed(client_for, employee)["count"] == 1

        # When its expiry passes, with nothing run in between
        with time_machine.travel(expires + timedelta(seconds=1)):
            count_after = self._feed(client_for, employee)["count"]

        assert count_after == 0

    def test_filter_by_audience_includes_the_every_audience_column(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        cios, press = AudienceFactory(organization=org), AudienceFactory(organization=org)
        for_cios = GridCellFactory(organization=org, role=sales, audience=cios)
        for_everyone = GridCellFactory(organization=org, role=sales, audience=None)
        GridCellFactory(organization=org, role=sales, audience=press)

        feed = self._feed(client_for, employee, f"?audience={cios.id}")

        assert {item["id"] for item in feed["results"]} == {str(for_cios.content_id), str(for_everyone.content_id)}

    def test_an_item_shows_all_my_cells_holding_it_in_grid_order_whatever_the_audience_asked(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        cios, press = AudienceFactory(organization=org, name="CIOs"), AudienceFactory(organization=org, name="Press")
        content = approved_content(org)
        GridCellFactory(organization=org, role=sales, content=content, audience=press, position=2, note="Quote it")
        GridCellFactory(organization=org, role=sales, content=content, audience=cios, position=1)
        GridCellFactory(organization=org, content=content, audience=cios)  # another role's cell

        item = self._feed(client_for, employee, f"?audience={cios.id}")["results"][0]

        assert [(cell["audience_name"], cell["position"], cell["note"]) for cell in item["cells"]] == [
            ("CIOs", 1, ""),
            ("Press", 2, "Quote it"),
        ]
        assert {cell["role"] for cell in item["cells"]} == {str(sales.id)}

    def test_angles_are_those_of_my_roles(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        other_role = AdvocacyRoleFactory(organization=org)
        content = approved_content(org)
        ContentVersion.objects.unscoped().filter(content=content).update(
            angles={str(sales.id): "Talk outcomes", str(other_role.id): "Talk code"}
        )
        GridCellFactory(organization=org, role=sales, content=content)

        item = self._feed(client_for, employee)["results"][0]

        assert item["angles"] == [{"role": str(sales.id), "role_name": "Sales", "text": "Talk outcomes"}]

    def test_an_item_shows_its_approved_version_and_preview(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        content = approved_content(org)
        expires = timezone.now().replace(microsecond=0) + timedelta(days=3)
        ContentVersion.objects.unscoped().filter(content=content).update(
            title="Q3 report",
            url="https://example.com/q3",
            summary="What changed",
            suggested_copy="Read this",
            image_url="",
            language="de",
            networks=["mastodon", "linkedin", "x"],
            disclaimer="",
            expires_at=expires,
        )
        ContentItem.objects.unscoped().filter(pk=content.pk).update(
            preview_title="Preview title", preview_description="Preview text", preview_image_url="https://img/p.png"
        )
        Organization.objects.filter(pk=org.pk).update(
            default_disclaimer="#employee", networks_enabled=["linkedin", "x"]
        )
        GridCellFactory(organization=org, role=sales, content=content)
        version = ContentVersion.objects.unscoped().get(content=content)

        item = self._feed(client_for, employee)["results"][0]

        assert {key: value for key, value in item.items() if key not in {"cells", "angles"}} == {
            "id": str(content.id),
            "version": version.number,
            "title": "Q3 report",
            "url": "https://example.com/q3",
            "summary": "What changed",
            "suggested_copy": "Read this",
            "image_url": "https://img/p.png",  # the preview's, as the version has none
            "preview": {"title": "Preview title", "description": "Preview text", "image_url": "https://img/p.png"},
            "language": "de",
            "networks": ["linkedin"],  # allowed by the version, the organisation and my role
            "disclaimer": "#employee",
            "expires_at": expires.isoformat().replace("+00:00", "Z"),
            "approved_at": version.approved_at.isoformat().replace("+00:00", "Z"),
            "shared_networks": [],
        }

    def test_an_outsider_gets_404(self, outsider_admin: Membership, client_for: Any) -> None:
        assert client_for(outsider_admin.user).get("/api/v1/orgs/acme/feed/").status_code == 404

    def test_the_feed_costs_constant_queries(
        self, org: Organization, employee: Membership, sales: Any, client_for: Any
    ) -> None:
        audience = AudienceFactory(organization=org)

        def add(n: int) -> None:
            for _ in range(n):
                content = approved_content(org)
                GridCellFactory(organization=org, role=sales, content=content, audience=audience)
                GridCellFactory(organization=org, role=sales, content=content, audience=None)

        assert_constant_queries(client_for(employee.user), "/api/v1/orgs/acme/feed/?page_size=100", add, budget=6)


def test_placing_content_writes_one_row_whatever_the_number_of_members(
    org: Organization, lead: Membership, make_member: MakeMember, client_for: Any
) -> None:
    role = AdvocacyRoleFactory(organization=org)
    client = client_for(lead.user)

    def queries_to_place() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert _place(client, role=role.id, content=approved_content(org).id).status_code == 201
        return len(captured)

    few = queries_to_place()
    for _ in range(50):
        assign_roles(make_member(org), role)
    many = queries_to_place()

    assert few == many


def test_a_new_approved_version_carries_its_expiry_to_the_cells_already_placed(
    org: Organization, employee: Membership, make_member: MakeMember, client_for: Any
) -> None:
    # Given approved content already in a member's grid, with no expiry
    lead, reviewer = make_member(org, "comms_lead"), make_member(org, "reviewer")
    role = AdvocacyRoleFactory(organization=org)
    assign_roles(employee, role)
    lead_client, reviewer_client = client_for(lead.user), client_for(reviewer.user)
    item = lead_client.post("/api/v1/orgs/acme/content/", {"title": "Offer"}, format="json").json()
    lead_client.post(f"/api/v1/orgs/acme/content/{item['id']}/submit")
    reviewer_client.post(f"/api/v1/orgs/acme/content/{item['id']}/approve")
    lead_client.post("/api/v1/orgs/acme/grid/", {"role": str(role.id), "content": item["id"]}, format="json")

    # When version 2, expiring in an hour, is approved
    expires = timezone.now() + timedelta(hours=1)
    lead_client.patch(f"/api/v1/orgs/acme/content/{item['id']}/", {"expires_at": expires.isoformat()}, format="json")
    lead_client.post(f"/api/v1/orgs/acme/content/{item['id']}/submit")
    reviewer_client.post(f"/api/v1/orgs/acme/content/{item['id']}/approve")

    # Then the feed shows it until then, and not after
    feed = client_for(employee.user)
    assert feed.get("/api/v1/orgs/acme/feed/").json()["count"] == 1
    with time_machine.travel(expires + timedelta(seconds=1)):
        assert feed.get("/api/v1/orgs/acme/feed/").json()["count"] == 0
    assert GridCell.objects.unscoped().get().live_until == expires.replace(microsecond=expires.microsecond)


def test_the_library_filters_live_content_for_grid_pickers(
    org: Organization, lead: Membership, client_for: Any
) -> None:
    live = approved_content(org)
    expired = approved_content(org)
    ContentVersion.objects.unscoped().filter(content=expired).update(expires_at=timezone.now() - timedelta(days=1))
    ContentItemFactory(organization=org)  # a draft

    listed = client_for(lead.user).get("/api/v1/orgs/acme/content/?live=true").json()

    assert [item["id"] for item in listed["results"]] == [str(live.id)]
