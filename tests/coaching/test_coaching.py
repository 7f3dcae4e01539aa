"""Coaching: small weekly tasks per role, a member's own week and progress (private, never a
race), and what worked for their own shares."""

from datetime import date, timedelta
from typing import Any, cast

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.coaching.models import CoachingCompletion, CoachingTask
from advocacy.coaching.periods import today, week_of
from advocacy.core.models import AuditEvent
from tests.coaching.activity import clicks, conversations, posted
from tests.coaching.conftest import Strategy
from tests.conftest import MakeMember
from tests.factories import CoachingTaskFactory, GridCellFactory, approved_content, assign_roles
from tests.queries import assert_constant_queries

TASKS = "/api/v1/orgs/acme/coaching/tasks/"
MINE = "/api/v1/orgs/acme/me/coaching"


def make_task(organization: Organization, **fields: Any) -> CoachingTask:
    return cast(CoachingTask, CoachingTaskFactory(organization=organization, **fields))


def done_url(task: Any) -> str:
    return f"{MINE}/{task.id if hasattr(task, 'id') else task}/done"


@pytest.fixture
def seller(org: Organization, make_member: MakeMember, strategy: Strategy) -> Membership:
    member = make_member(org)
    assign_roles(member, strategy.sales)
    return member


def test_the_starter_library_names_the_five_tasks(employee: Membership, client_for: Any) -> None:
    library = client_for(employee.user).get("/api/v1/orgs/acme/coaching/library").json()["results"]

    assert [task["kind"] for task in library] == [
        "profile_summary",
        "follow_company",
        "reply_to_audience",
        "own_words_share",
        "read_policy",
    ]
    assert all(task["title"] and task["description"] for task in library)


def test_a_comms_lead_sets_a_task_from_the_library_for_one_week(
    lead: Membership, strategy: Strategy, client_for: Any
) -> None:
    wednesday = date(2026, 3, 4)

    response = client_for(lead.user).post(
        TASKS, {"kind": "reply_to_audience", "role": str(strategy.sales.id), "week": str(wednesday)}, format="json"
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Reply to one person in your audience"
    assert body["description"].startswith("Find one post")
    assert (body["role"], body["role_name"]) == (str(strategy.sales.id), "Sales")
    assert body["week"] == "2026-03-02"  # its Monday
    assert (body["recurring"], body["active"]) == (False, True)
    assert AuditEvent.objects.unscoped().filter(verb="coaching_task.created").exists()


def test_a_custom_recurring_task_for_everyone(lead: Membership, client_for: Any) -> None:
    response = client_for(lead.user).post(
        TASKS, {"kind": "custom", "title": "Comment on a colleague's post", "recurring": True}, format="json"
    )

    assert response.status_code == 201
    assert (response.json()["role"], response.json()["week"]) == (None, None)


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"kind": "custom", "recurring": True}, 422, "title_required"),
        ({"kind": "follow_company"}, 422, "week_or_recurring"),
        ({"kind": "follow_company", "recurring": True, "week": "2026-03-02"}, 422, "week_or_recurring"),
        ({"kind": "dance", "recurring": True}, 400, "validation_error"),
        ({"title": "x" * 201, "recurring": True}, 400, "validation_error"),
        ({"title": "T", "week": "next week"}, 400, "validation_error"),
        ({"title": "T", "recurring": True, "points": 10}, 400, "validation_error"),
        ({"title": "T", "recurring": True, "role": "00000000-0000-0000-0000-000000000000"}, 400, "validation_error"),
    ],
)
def test_bad_tasks_are_refused_with_a_code(
    lead: Membership, client_for: Any, body: dict[str, Any], status: int, code: str
) -> None:
    response = client_for(lead.user).post(TASKS, body, format="json")

    assert response.status_code == status
    assert response.json()["code"] == code
    assert not CoachingTask.objects.unscoped().exists()


def test_a_role_of_another_organisation_is_not_found(lead: Membership, strategy: Strategy, client_for: Any) -> None:
    response = client_for(lead.user).post(
        TASKS, {"title": "T", "recurring": True, "role": str(strategy.outsider_role.id)}, format="json"
    )

    assert response.status_code == 400
    assert "role" in response.json()["fields"]


def test_a_task_is_changed_from_one_week_to_every_week_and_back(
    org: Organization, lead: Membership, client_for: Any
) -> None:
    task = make_task(org, recurring=False, week=date(2026, 3, 2))
    client = client_for(lead.user)

    recurring = client.patch(f"{TASKS}{task.id}/", {"recurring": True}, format="json").json()
    one_week = client.patch(f"{TASKS}{task.id}/", {"recurring": False, "week": "2026-03-12"}, format="json").json()
    refused = client.patch(f"{TASKS}{task.id}/", {"week": None}, format="json")

    assert (recurring["recurring"], recurring["week"]) == (True, None)
    assert (one_week["recurring"], one_week["week"]) == (False, "2026-03-09")
    assert refused.status_code == 422
    assert AuditEvent.objects.unscoped().filter(verb="coaching_task.changed").count() == 2


def test_members_read_tasks_and_filter_them(
    org: Organization, employee: Membership, strategy: Strategy, client_for: Any
) -> None:
    make_task(org, role=strategy.sales, title="Sales task")
    make_task(org, title="Stopped", active=False)
    client = client_for(employee.user)

    everything = client.get(TASKS).json()
    sales = client.get(f"{TASKS}?role={strategy.sales.id}").json()
    active = client.get(f"{TASKS}?active=true").json()

    assert everything["count"] == 2
    assert [t["title"] for t in sales["results"]] == ["Sales task"]
    assert [t["title"] for t in active["results"]] == ["Sales task"]
    assert client.post(TASKS, {"title": "Mine", "recurring": True}, format="json").status_code == 403


def test_my_week_holds_the_tasks_of_my_roles(
    org: Organization, seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    this_week = week_of(today())
    for_everyone = make_task(org, title="Everyone, every week")
    for_sales = make_task(org, role=strategy.sales, title="Sales, this week", recurring=False, week=this_week)
    make_task(org, role=strategy.sales, recurring=False, week=this_week - timedelta(weeks=1))
    make_task(org, role=strategy.executives, title="Executives")
    make_task(org, title="Stopped", active=False)

    mine = client_for(seller.user).get(MINE).json()

    assert mine["week"] == str(this_week)
    assert mine["week_ends"] == str(this_week + timedelta(days=6))
    assert [t["id"] for t in mine["tasks"]] == [str(for_everyone.id), str(for_sales.id)]
    assert mine["tasks"][1]["role_name"] == "Sales"
    assert mine["progress"]["tasks_this_week"] == 2
    assert mine["progress"]["done_this_week"] == 0
    assert len(mine["progress"]["recent_weeks"]) == 8
    assert mine["progress"]["recent_weeks"][-1] == {"week": str(this_week), "done": 0}


def test_marking_a_task_done_is_idempotent(org: Organization, seller: Membership, client_for: Any) -> None:
    task = make_task(org)
    client = client_for(seller.user)

    first = client.post(done_url(task))
    second = client.post(done_url(task))

    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert first.json()["week"] == str(week_of(today()))
    assert CoachingCompletion.objects.unscoped().count() == 1
    mine = client.get(MINE).json()
    assert mine["tasks"][0]["done"] is True
    assert mine["progress"]["done_this_week"] == 1
    assert mine["progress"]["weeks_with_something_done"] == 1
    assert [entry["task"] for entry in mine["done_history"]] == [str(task.id)]


def test_a_member_undoes_done_this_week_and_can_do_it_again(
    org: Organization, seller: Membership, make_member: MakeMember, client_for: Any
) -> None:
    task = make_task(org)
    colleague = make_member(org)
    client = client_for(seller.user)
    client.post(done_url(task))
    client_for(colleague.user).post(done_url(task))
    last_week = week_of(today()) - timedelta(weeks=1)
    CoachingCompletion.objects.unscoped().create(organization=org, task=task, membership=seller, week=last_week)

    first = client.delete(done_url(task))
    second = client.delete(done_url(task))

    assert first.status_code == second.status_code == 204
    mine = client.get(MINE).json()
    assert mine["tasks"][0]["done"] is False
    assert mine["tasks"][0]["done_at"] is None
    assert mine["progress"]["done_this_week"] == 0
    # Only this week's "done", and only mine: last week's record and the colleague's stay.
    left = CoachingCompletion.objects.unscoped().values_list("membership_id", "week")
    assert sorted(left, key=str) == sorted([(seller.id, last_week), (colleague.id, week_of(today()))], key=str)
    assert client.post(done_url(task)).status_code == 200
    assert client.get(MINE).json()["tasks"][0]["done"] is True


def test_tasks_that_are_not_mine_this_week_cannot_be_undone(
    org: Organization, outsider_org: Organization, seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    not_my_role = make_task(org, role=strategy.executives)
    stopped = make_task(org, active=False)
    foreign = make_task(outsider_org)
    client = client_for(seller.user)

    for task in (not_my_role, stopped, foreign):
        response = client.delete(done_url(task))
        assert response.status_code == 404, task.title
        assert response.json()["code"] == "not_found"
    assert client.delete(f"{MINE}/not-a-uuid/done").status_code == 404


def test_tasks_that_are_not_mine_this_week_cannot_be_done(
    org: Organization, outsider_org: Organization, seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    not_my_role = make_task(org, role=strategy.executives)
    last_week = make_task(org, recurring=False, week=week_of(today()) - timedelta(weeks=1))
    stopped = make_task(org, active=False)
    foreign = make_task(outsider_org)
    client = client_for(seller.user)

    for task in (not_my_role, last_week, stopped, foreign):
        response = client.post(done_url(task))
        assert response.status_code == 404, task.title
        assert response.json()["code"] == "not_found"
    assert client.post(f"{MINE}/not-a-uuid/done").status_code == 404
    assert not CoachingCompletion.objects.unscoped().exists()


def test_strangers_cannot_tick_off_tasks_here(org: Organization, outsider_member: Membership, client_for: Any) -> None:
    task = make_task(org)

    response = client_for(outsider_member.user).post(done_url(task))

    assert response.status_code == 404
    assert not CoachingCompletion.objects.unscoped().exists()


def test_progress_is_visible_only_to_its_owner(
    org: Organization, seller: Membership, make_member: MakeMember, lead: Membership, client_for: Any
) -> None:
    task = make_task(org)
    client_for(seller.user).post(done_url(task))
    colleague = make_member(org)
    admin = make_member(org, "admin")

    # A colleague, the comms lead and an admin each see only their own week...
    for viewer in (colleague, lead, admin):
        week = client_for(viewer.user).get(MINE).json()
        assert week["tasks"][0]["done"] is False
        assert week["progress"]["done_this_week"] == 0
    # ...the task list carries no completion counts, and the audit log records none.
    listed = client_for(lead.user).get(f"{TASKS}{task.id}/").json()
    assert not {"done", "completions", "done_count"} & set(listed)
    audit = client_for(admin.user).get("/api/v1/orgs/acme/audit/").content.decode()
    assert str(seller.id) not in audit
    assert not AuditEvent.objects.unscoped().filter(verb__contains="done").exists()


def test_what_worked_shows_only_my_own_shares(
    org: Organization, seller: Membership, make_member: MakeMember, strategy: Strategy, client_for: Any
) -> None:
    # Given my share of content placed for Sales x CIOs, clicked and talked about...
    content = approved_content(org, title="Bank report")
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)
    mine = posted(seller, content)
    clicks(mine, humans=4, bots=9)
    conversations(mine, comments=1, reactions=6)
    quiet = posted(seller, approved_content(org))
    # ...and a colleague's share of the same content that did much better.
    colleague = make_member(org)
    assign_roles(colleague, strategy.sales)
    clicks(posted(colleague, content), humans=40)

    worked = client_for(seller.user).get(MINE).json()["what_worked"]

    assert worked["shares_posted"] == 2
    assert worked["audiences"] == [
        {"id": str(strategy.cios.id), "name": "CIOs", "shares": 1, "clicks": 4, "conversations": 1}
    ]
    assert [s["id"] for s in worked["shares"]] == [str(mine.id)]
    assert str(quiet.id) not in str(worked)
    share = worked["shares"][0]
    assert (share["title"], share["clicks"], share["conversations"], share["reactions"]) == ("Bank report", 4, 1, 6)
    assert share["audiences"] == [{"id": str(strategy.cios.id), "name": "CIOs"}]


def test_my_week_and_the_task_list_cost_the_same_for_one_task_and_fifty(
    org: Organization, seller: Membership, strategy: Strategy, client_for: Any
) -> None:
    client = client_for(seller.user)
    content = approved_content(org)
    GridCellFactory(organization=org, role=strategy.sales, audience=strategy.cios, content=content)

    def add(n: int) -> None:
        for _ in range(n):
            task = make_task(org, role=strategy.sales)
            CoachingCompletion.objects.unscoped().create(
                organization=org, task=task, membership=seller, week=week_of(today())
            )

    def add_tasks_and_shares(n: int) -> None:
        add(n)
        for _ in range(n):
            clicks(posted(seller, approved_content(org)), humans=1)

    assert_constant_queries(client, MINE, add_tasks_and_shares, budget=9)
    assert_constant_queries(client, f"{TASKS}?page_size=100", add, budget=5)
