"""Employee suggestions (credited, reviewers told, outcome visible) and message templates."""

from typing import Any

import pytest
from django.core import mail
from django.test import TestCase

from advocacy.accounts.models import Membership, Organization
from advocacy.content.models import ContentItem
from tests.conftest import MakeMember
from tests.factories import AdvocacyRoleFactory, MessageTemplateFactory


def _suggest(client: Any, url: str = "https://news.example.com/great-article", why: str = "CIOs will like it") -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post("/api/v1/orgs/acme/suggestions/", {"url": url, "why": why}, format="json")


def test_an_employee_suggests_content_and_reviewers_are_told(
    org: Organization, employee: Membership, make_member: MakeMember, client_for: Any, settings: Any
) -> None:
    settings.ALLOW_PRIVATE_NETWORK_HOSTS = False  # the preview fetch fails fast: no network here
    reviewer = make_member(org, "reviewer")

    response = _suggest(client_for(employee.user))

    assert response.status_code == 201
    assert response.json()["outcome"] == "Waiting for the comms team"
    content = ContentItem.objects.unscoped().get()
    assert (content.status, content.source, content.suggested_by_id) == ("draft", "employee_suggestion", employee.pk)
    notice = next(m for m in mail.outbox if "suggestion" in m.subject)
    assert notice.to == [reviewer.user.email]
    assert "CIOs will like it" in notice.body


def test_employees_see_their_own_suggestions_and_the_outcome(
    org: Organization, employee: Membership, make_member: MakeMember, client_for: Any
) -> None:
    colleague = make_member(org)
    reviewer = make_member(org, "reviewer")
    lead = make_member(org, "comms_lead")
    mine = _suggest(client_for(employee.user)).json()
    _suggest(client_for(colleague.user), url="https://news.example.com/other")
    client_for(lead.user).post(f"/api/v1/orgs/acme/content/{mine['id']}/submit")
    client_for(reviewer.user).post(
        f"/api/v1/orgs/acme/content/{mine['id']}/reject", {"reason": "Competitor's blog"}, format="json"
    )

    own = client_for(employee.user).get("/api/v1/orgs/acme/suggestions/").json()
    everyone = client_for(lead.user).get("/api/v1/orgs/acme/suggestions/").json()

    assert [s["id"] for s in own["results"]] == [mine["id"]]
    assert own["results"][0]["outcome"] == "Not approved"
    assert own["results"][0]["rejection_reason"] == "Competitor's blog"
    assert everyone["count"] == 2


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "https://a:b@x.com/"]
)
def test_suggestions_refuse_unsafe_urls(employee: Membership, client_for: Any, url: str) -> None:
    response = _suggest(client_for(employee.user), url=url)

    assert response.status_code == 400
    assert "url" in response.json()["fields"]


def test_templates_per_role_and_audience(
    org: Organization, employee: Membership, make_member: MakeMember, client_for: Any
) -> None:
    lead = make_member(org, "comms_lead")
    sales, devrel = AdvocacyRoleFactory(organization=org), AdvocacyRoleFactory(organization=org)
    client = client_for(lead.user)

    created = client.post(
        "/api/v1/orgs/acme/templates/",
        {"name": "Lesson", "body": "One thing I learned: ...", "role": str(sales.id)},
        format="json",
    )
    MessageTemplateFactory(organization=org, role=devrel)
    MessageTemplateFactory(organization=org)  # for every role

    for_sales = client_for(employee.user).get(f"/api/v1/orgs/acme/templates/?role={sales.id}").json()

    assert created.status_code == 201
    assert created.json()["role_name"] == sales.name
    assert for_sales["count"] == 2
    assert (
        client_for(employee.user)
        .post("/api/v1/orgs/acme/templates/", {"name": "x", "body": "y"}, format="json")
        .status_code
        == 403
    )
