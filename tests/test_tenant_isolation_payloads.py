"""Tenant isolation beyond the path: another organisation's ids inside request bodies and
query parameters, the exports and analytics, the public redirect and the Celery tasks.

Write and read operations are taken from the OpenAPI schema drf-spectacular builds from the
URL conf, so a new endpoint joins on its own: a write endpoint with an id field in its body
fails here until it has an entry in PAYLOADS, an id query parameter until QUERY_KIND knows
it, a task taking ids until TASK_KIND does. A task the World's objects leave with nothing to
do gets work made due in both organisations (TASK_DUE): B's must stay undone, A's get done.

The attacker is an admin of organisation A (``org``); organisation B (``outsider_org``) is
the victim. Every case first sends B's id (must be refused, nothing of B changes and nothing
starts pointing at B), then the same request with A's id (must succeed: the base payload is
valid, so the refusal came from the foreign id and the test cannot pass by accident)."""

import importlib
import inspect
import pkgutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

import pytest
from celery import Task
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import TestCase
from drf_spectacular.generators import SchemaGenerator

import advocacy
from advocacy.accounts.models import Membership, Organization, OrgRole
from advocacy.analytics.buffer import click_buffer
from advocacy.analytics.links import tracked_links_forget_in_process
from advocacy.analytics.models import Click, ShareDailyStats, ShareEngagement
from advocacy.analytics.services import clicks_flush
from advocacy.content.models import GridCell
from advocacy.core.audit import audit_record
from advocacy.core.models import TenantModel
from advocacy.networks.models import NetworkConnection
from advocacy.networks.tokens import encrypt_token
from tests.analytics.conftest import BROWSER, click, posted_share, record
from tests.factories import (
    AdvocacyRoleFactory,
    AudienceFactory,
    CoachingTaskFactory,
    ContentItemFactory,
    GridCellFactory,
    InvitationFactory,
    MembershipFactory,
    MessageTemplateFactory,
    NetworkConnectionFactory,
    ReservedRelationshipFactory,
    ShareFactory,
    approved_content,
    assign_roles,
    cohort_with_members,
)
from tests.networks.servers.x import XServer
from tests.tenant_objects import snapshot

MARKER = "ZEBRAFISH-ORG-B"
MY_WORDS = "I rebuilt our nightly batch as a stream last year; this report matches what we saw."


# --- The two worlds -------------------------------------------------------------------------


@dataclass
class World:
    """One organisation's objects, each a possible target of a foreign id."""

    org: Organization
    admin: Membership
    member: Membership
    role: Any
    audience: Any
    content: Any
    spare_content: Any
    cell: Any
    connection: Any
    cohort: Any
    task: Any
    reserved: Any
    template: Any
    invitation: Any
    suggestion: Any
    queued_share: Any
    posted: Any
    audit: Any

    def objects(self) -> list[models.Model]:
        return [getattr(self, f.name) for f in fields(self) if f.name != "org"]

    def ids(self) -> set[str]:
        return {str(obj.pk) for obj in self.objects()}


def build_world(org: Organization, admin: Membership, tag: str) -> World:
    Membership.objects.unscoped().filter(pk=admin.pk).update(ambassador=True)
    admin.refresh_from_db()
    member = MembershipFactory(organization=org, ambassador=True)
    role = AdvocacyRoleFactory(organization=org, name=f"Sales {tag}")
    audience = AudienceFactory(organization=org, name=f"Bankers {tag}")
    content = approved_content(org, title=f"Report {tag}", suggested_copy=f"Streaming report {tag}")
    assign_roles(admin, role)
    cell = GridCellFactory(organization=org, role=role, audience=audience, content=content)
    connection = NetworkConnectionFactory(organization=org, membership=admin)
    spare_content = approved_content(org, title=f"Spare {tag}")
    posted = posted_share(org, membership=admin, content=spare_content, text=f"{MY_WORDS} {tag}", final_text=tag)
    return World(
        org=org,
        admin=admin,
        member=member,
        role=role,
        audience=audience,
        content=content,
        spare_content=spare_content,
        cell=cell,
        connection=connection,
        cohort=cohort_with_members(org, member),
        task=CoachingTaskFactory(organization=org, title=f"Task {tag}"),
        reserved=ReservedRelationshipFactory(organization=org, name=f"Client {tag}"),
        template=MessageTemplateFactory(organization=org, name=f"Template {tag}"),
        invitation=InvitationFactory(organization=org),
        suggestion=ContentItemFactory(
            organization=org, source="employee_suggestion", suggested_by=member, title=f"Idea {tag}"
        ),
        queued_share=ShareFactory(organization=org, membership=admin, connection=connection, status="queued"),
        posted=posted,
        audit=audit_record(
            organization=org, actor=None, verb="content.updated", object_type="content", object_id=str(content.pk)
        ),
    )


@pytest.fixture
def worlds(
    org: Organization, outsider_org: Organization, admin: Membership, outsider_admin: Membership
) -> tuple[World, World]:
    Organization.objects.filter(pk=org.pk).update(default_disclaimer="")
    return build_world(org, admin, "org-a"), build_world(outsider_org, outsider_admin, MARKER)


def _tenant_models() -> list[type[TenantModel]]:
    return [m for m in apps.get_models() if issubclass(m, TenantModel)]


def fingerprint(world: World) -> dict[str, Any]:
    """Everything of B an attack could change: its objects, its row counts, and every foreign
    key (in any table, A's included, through tables too) that points at one of its objects."""
    targets: dict[type[models.Model], set[Any]] = {}
    for obj in world.objects():
        targets.setdefault(type(obj), set()).add(obj.pk)
    references = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.many_to_one or field.one_to_one:
                pks = targets.get(field.related_model)  # type: ignore[arg-type]
                if pks:
                    rows = model._base_manager.filter(**{f"{field.attname}__in": pks}).values_list("pk", field.attname)
                    references |= {(model._meta.label, str(pk), field.attname, str(to)) for pk, to in rows}
    return {
        "objects": {str(obj.pk): snapshot(obj) for obj in world.objects()},
        "counts": {
            m._meta.label: m._base_manager.filter(organization=world.org).count()  # type: ignore[misc]
            for m in _tenant_models()
        },
        "references": references,
    }


def assert_no_foreign_data(body: str, victim: World, sent: Any = None) -> None:
    """Nothing of the victim in a body; the id the caller sent may be echoed in an error."""
    assert MARKER not in body
    leaked = {pk for pk in victim.ids() - {str(sent)} if pk in body}
    assert not leaked, leaked


# --- The operations, from the schema -------------------------------------------------------

SCHEMA = SchemaGenerator().get_schema(request=None, public=True)
COMPONENTS = SCHEMA["components"]["schemas"]


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    return COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema


def _is_id(schema: dict[str, Any]) -> bool:
    schema = _resolve(schema)
    return "uuid" in (schema.get("format"), _resolve(schema.get("items") or {}).get("format"))


def _body_id_fields(operation: dict[str, Any]) -> list[str]:
    content = (operation.get("requestBody") or {}).get("content") or {}
    names: list[str] = []
    for media in content.values():
        props = _resolve(media["schema"]).get("properties", {})
        names += [n for n, s in props.items() if not _resolve(s).get("readOnly") and _is_id(s) and n not in names]
    return names


TENANT_PATH = "/api/v1/orgs/{org_slug}/"
WRITES = [
    (path, method, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
    if method in ("post", "put", "patch") and path.startswith(TENANT_PATH)
]
WRITE_CASES = [
    pytest.param(path, method, operation["operationId"], field, id=f"{operation['operationId']}:{field}")
    for path, method, operation in WRITES
    for field in _body_id_fields(operation)
]

# A body field naming an object -> which of the World's objects it takes.
FIELD_KIND = {
    "role": "role",
    "roles": "role",
    "advocacy_roles": "role",
    "allowed_roles": "role",
    "audience": "audience",
    "content": "content",
    "connection": "connection",
    "member": "member",
    "members": "member",
    "owner": "member",
    "allowed_members": "member",
    "cells": "cell",
}

Payload = Callable[[World], tuple[dict[str, Any], dict[str, Any]]]
HANDLES = [{"network": "x", "handle": "client"}]

# operationId -> (path parameters, a valid body using only the organisation's own objects).
PAYLOADS: dict[str, Payload] = {
    "orgs_audiences_grants_create": lambda w: ({"id": w.audience.pk}, {"member": w.member.pk}),
    "orgs_roles_grants_create": lambda w: ({"id": w.role.pk}, {"member": w.member.pk}),
    "orgs_coaching_tasks_create": lambda w: (
        {},
        {"title": "Post once", "kind": "custom", "recurring": True, "role": w.role.pk},
    ),
    "orgs_coaching_tasks_partial_update": lambda w: ({"id": w.task.pk}, {"role": w.role.pk}),
    "orgs_cohorts_create": lambda w: ({}, {"name": "Wave X", "members": [w.member.pk]}),
    "orgs_cohorts_partial_update": lambda w: ({"id": w.cohort.pk}, {"members": [w.member.pk]}),
    "orgs_grid_create": lambda w: ({}, {"role": w.role.pk, "audience": w.audience.pk, "content": w.spare_content.pk}),
    "orgs_grid_reorder_create": lambda w: ({}, {"role": w.role.pk, "audience": w.audience.pk, "cells": [w.cell.pk]}),
    "orgs_members_partial_update": lambda w: ({"id": w.member.pk}, {"advocacy_roles": [w.role.pk]}),
    "orgs_reserved_relationships_create": lambda w: (
        {},
        {
            "name": "Big client",
            "reason": "Exclusive",
            "handles": HANDLES,
            "owner": w.member.pk,
            "allowed_members": [w.member.pk],
            "allowed_roles": [w.role.pk],
        },
    ),
    "orgs_reserved_relationships_partial_update": lambda w: (
        {"id": w.reserved.pk},
        {"owner": w.member.pk, "allowed_members": [w.member.pk], "allowed_roles": [w.role.pk]},
    ),
    "orgs_role_audiences_create": lambda w: ({}, {"role": w.role.pk, "audience": w.audience.pk, "level": "lead"}),
    "orgs_shares_create": lambda w: ({}, {"content": w.content.pk, "connection": w.connection.pk, "text": MY_WORDS}),
    "orgs_shares_preview_create": lambda w: (
        {},
        {"content": w.content.pk, "connection": w.connection.pk, "text": MY_WORDS},
    ),
    "orgs_templates_create": lambda w: (
        {},
        {"name": "T", "body": "Hello", "role": w.role.pk, "audience": w.audience.pk},
    ),
    "orgs_templates_partial_update": lambda w: ({"id": w.template.pk}, {"role": w.role.pk, "audience": w.audience.pk}),
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return str(value) if isinstance(value, uuid.UUID) else value


def test_every_write_endpoint_with_id_fields_has_a_payload() -> None:
    assert WRITE_CASES, "the schema lists no write with an id field: the walk sees nothing"
    missing = {op for _, _, op, _ in (c.values for c in WRITE_CASES) if op not in PAYLOADS}
    assert not missing, f"add a base payload to PAYLOADS for {sorted(missing)}"
    unknown = {field for *_, field in (c.values for c in WRITE_CASES) if field not in FIELD_KIND}
    assert not unknown, f"add these body id fields to FIELD_KIND: {sorted(unknown)}"
    stale = set(PAYLOADS) - {op for _, _, op, _ in (c.values for c in WRITE_CASES)}
    assert not stale, f"PAYLOADS names operations the API no longer has: {sorted(stale)}"


@pytest.mark.parametrize(("path", "method", "operation_id", "field"), WRITE_CASES)
def test_another_organisations_id_in_a_body_is_refused(
    path: str,
    method: str,
    operation_id: str,
    field: str,
    worlds: tuple[World, World],
    client_for: Any,
) -> None:
    if operation_id not in PAYLOADS or field not in FIELD_KIND:
        pytest.fail(f"{operation_id}: no PAYLOADS entry or unknown id field {field!r}")
    mine, theirs = worlds
    path_kwargs, body = PAYLOADS[operation_id](mine)
    assert field in body, f"PAYLOADS[{operation_id!r}] must carry {field!r}"
    url = path.format(org_slug=mine.org.slug, **{k: str(v) for k, v in path_kwargs.items()})
    foreign = getattr(theirs, FIELD_KIND[field]).pk
    attack = {**body, field: body[field] + [foreign] if isinstance(body[field], list) else foreign}
    client = client_for(mine.admin.user)
    before = fingerprint(theirs)

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = getattr(client, method)(url, _jsonable(attack), format="json")

    assert response.status_code in (400, 404, 422), (response.status_code, response.content[:500])
    assert isinstance(response.json().get("code"), str), response.content[:500]
    assert_no_foreign_data(response.content.decode(), theirs, sent=foreign)
    assert fingerprint(theirs) == before

    control = getattr(client, method)(url, _jsonable(body), format="json")
    assert 200 <= control.status_code < 300, ("the base payload is not valid", control.content[:500])


# --- Query parameters --------------------------------------------------------------------------

# A query parameter naming an object -> which of the World's objects it takes.
QUERY_KIND = {
    "role": "role",
    "advocacy_role": "role",
    "audience": "audience",
    "content": "content",
    "object_id": "content",
}
READS = [
    (path, operation)
    for path, operations in SCHEMA["paths"].items()
    for method, operation in operations.items()
    if method == "get" and path.startswith(TENANT_PATH) and path.count("{") == 1
]
QUERY_CASES = [
    pytest.param(path, param["name"], id=f"{operation['operationId']}:{param['name']}")
    for path, operation in READS
    for param in operation.get("parameters", [])
    if param["in"] == "query" and (param["name"] in QUERY_KIND or param["schema"].get("format") == "uuid")
]


def test_every_id_query_parameter_is_known() -> None:
    assert len(QUERY_CASES) >= 5
    unknown = {c.values[1] for c in QUERY_CASES if c.values[1] not in QUERY_KIND}
    assert not unknown, f"add these id query parameters to QUERY_KIND: {sorted(unknown)}"


@pytest.mark.parametrize(("path", "name"), QUERY_CASES)
def test_another_organisations_id_in_a_query_finds_nothing(
    path: str, name: str, worlds: tuple[World, World], client_for: Any
) -> None:
    mine, theirs = worlds
    client = client_for(mine.admin.user)
    url = path.format(org_slug=mine.org.slug)
    foreign = getattr(theirs, QUERY_KIND[name]).pk
    own = getattr(mine, QUERY_KIND[name]).pk

    response = client.get(url, {name: str(foreign)})

    assert response.status_code in (200, 400, 404), (response.status_code, response.content[:500])
    if response.status_code != 200:
        assert isinstance(response.json().get("code"), str)
    assert_no_foreign_data(response.content.decode(), theirs, sent=foreign)
    assert client.get(url, {name: str(own)}).status_code == 200


# --- Exports and analytics ---------------------------------------------------------------------


@pytest.fixture
def with_clicks(worlds: tuple[World, World]) -> tuple[World, World]:
    mine, theirs = worlds
    record(click(mine.posted, visitor="alice"), *(click(theirs.posted, visitor=f"v{n}") for n in range(3)))
    Organization.objects.filter(pk__in=[mine.org.pk, theirs.org.pk]).update(my_progress_enabled=True)
    return worlds


ANALYTICS_READS = [
    "/api/v1/orgs/{slug}/exports/analytics.csv",
    "/api/v1/orgs/{slug}/exports/archive.jsonl",
    "/api/v1/orgs/{slug}/exports/archive.csv",
    "/api/v1/orgs/{slug}/analytics/objectives",
    "/api/v1/orgs/{slug}/me/progress",
    "/api/v1/orgs/{slug}/insights/",
    *(
        f"/api/v1/orgs/{{slug}}/analytics/summary?group_by={g}"
        for g in ("content", "role", "audience", "member", "network", "day")
    ),
]


@pytest.mark.parametrize("template", ANALYTICS_READS)
def test_exports_and_analytics_hold_only_the_organisations_own_rows(
    template: str, with_clicks: tuple[World, World], client_for: Any
) -> None:
    mine, theirs = with_clicks
    response = client_for(mine.admin.user).get(template.format(slug=mine.org.slug))

    assert response.status_code == 200, response.content[:500]
    body = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
    assert_no_foreign_data(body, theirs)
    assert theirs.posted.tracked_code not in body
    if "archive" in template:
        assert str(mine.posted.pk) in body  # the export is not simply empty


def test_the_summary_counts_only_the_organisations_own_clicks(
    with_clicks: tuple[World, World], client_for: Any
) -> None:
    mine, _theirs = with_clicks
    url = f"/api/v1/orgs/{mine.org.slug}/analytics/summary?group_by=network"
    body = client_for(mine.admin.user).get(url).json()
    assert [(row["clicks"], row["shares"]) for row in body["results"]] == [(1, 1)], body


# --- The public redirect --------------------------------------------------------------------


@pytest.fixture
def spool(settings: Any, tmp_path: Path) -> Iterator[None]:
    settings.REDIS_URL = ""
    settings.CLICK_SPOOL_DIR = tmp_path / "clicks"
    tracked_links_forget_in_process()
    yield
    click_buffer().clear()
    tracked_links_forget_in_process()


@pytest.mark.usefixtures("spool")
def test_a_redirect_counts_for_the_share_of_its_code_only(worlds: tuple[World, World], client: Any) -> None:
    mine, theirs = worlds

    for address in ("203.0.113.1", "203.0.113.2"):
        response = client.get(f"/l/{theirs.posted.tracked_code}", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address)
        assert response.status_code == 302
    clicks_flush()

    assert set(Click.objects.unscoped().values_list("organization_id", "share_id")) == {
        (theirs.org.pk, theirs.posted.pk)
    }
    daily = ShareDailyStats.objects.unscoped().get(share=theirs.posted)
    assert (daily.organization_id, daily.clicks) == (theirs.org.pk, 2)
    assert not ShareDailyStats.objects.unscoped().filter(share=mine.posted, clicks__gt=0).exists()


# --- Celery tasks ------------------------------------------------------------------------------


def _tasks() -> list[Task]:
    found: dict[str, Task] = {}
    for module_info in pkgutil.iter_modules(advocacy.__path__):
        try:
            module = importlib.import_module(f"advocacy.{module_info.name}.tasks")
        except ModuleNotFoundError:
            continue
        found |= {t.name: t for t in vars(module).values() if isinstance(t, Task)}
    return [t for _, t in sorted(found.items())]


def _parameters(task: Task) -> list[str]:
    return [p for p in inspect.signature(task.run).parameters if p != "self"]


TASK_CASES = [
    pytest.param(task, id=task.name.rsplit(".", 1)[-1])
    for task in _tasks()
    if "organization_id" in _parameters(task)
    and any(p.endswith("_id") and p != "organization_id" for p in _parameters(task))
]
# A task's id argument -> the World object it takes; other arguments -> a value.
TASK_KIND = {
    "invitation_id": "invitation",
    "membership_id": "admin",
    "share_id": "queued_share",
    "share_ids": "queued_share",  # a list parameter: given a list of that one id
    "content_id": "suggestion",
}
# Monday 08:05 UTC: a weekly digest is due for every member in UTC who had none this week.
TASK_NOW = datetime(2026, 3, 2, 8, 5, tzinfo=UTC)
TASK_VALUES: dict[str, Callable[[], Any]] = {
    "token": lambda: "not-a-real-token",
    "now": lambda: TASK_NOW.isoformat(),
    "requested_by": lambda: "",
    # share_publish_task as confirming sends it: a drain, holding no slot.
    "drain": lambda: True,
    "slot": lambda: False,
}


@dataclass
class Due:
    """Work made due for a task in one organisation: the id arguments that start it there,
    and what it leaves behind (in the database, the mail outbox or at a network), read by
    ``traces`` and equal to ``done`` once the task has done it."""

    ids: dict[str, str]
    traces: Callable[[], Any]
    done: Any


def _tokens_to_revoke(world: World, request: pytest.FixtureRequest) -> Due:
    """The admin holds an X token (at the local X) on a connection no share uses: erasing
    them revokes it at X and deletes the connection."""
    x_server: XServer = request.getfixturevalue("x_server")
    token = x_server.issue_token(f"{world.org.slug}-account")
    connection = cast(
        NetworkConnection,
        NetworkConnectionFactory(
            organization=world.org,
            membership=world.admin,
            network="x",
            account_id=f"{world.org.slug}-account",
            access_token=encrypt_token(token.access_token),
            refresh_token=encrypt_token(token.refresh_token),
        ),
    )

    def traces() -> tuple[bool, bool]:
        revoked = {token.access_token, token.refresh_token} <= x_server.revoked_tokens
        return revoked, NetworkConnection.objects.unscoped().filter(pk=connection.pk).exists()

    return Due(ids={"membership_id": str(world.admin.pk)}, traces=traces, done=(True, False))


def _posted_share_not_yet_counted(world: World, request: pytest.FixtureRequest) -> Due:
    """A share posted whose posted handler has not run yet: counting it makes its engagement
    row and adds one share to its day."""
    share = posted_share(world.org, membership=world.admin, content=world.content, record=False)

    def traces() -> tuple[bool, int]:
        counted = ShareEngagement.objects.unscoped().filter(share=share).exists()
        days = ShareDailyStats.objects.unscoped().filter(share=share)
        return counted, sum(days.values_list("shares_posted", flat=True))

    return Due(ids={"share_id": str(share.pk)}, traces=traces, done=(True, 1))


def _digest_due(world: World, request: pytest.FixtureRequest) -> Due:
    """The admin is at Monday 8am with no digest this week, and their role's grid cell went
    live the day before: the digest is mailed to them and the week claimed."""
    Membership.objects.unscoped().filter(pk=world.admin.pk).update(
        time_zone="UTC", digest_enabled=True, digest_sent_at=None
    )
    GridCell.objects.unscoped().filter(pk=world.cell.pk).update(
        live=True, live_until=None, approved_at=TASK_NOW - timedelta(days=1)
    )
    email = world.admin.user.email

    def traces() -> tuple[int, datetime | None]:
        sent = sum(email in message.to for message in mail.outbox)
        return sent, Membership.objects.unscoped().get(pk=world.admin.pk).digest_sent_at

    return Due(ids={"membership_id": str(world.admin.pk)}, traces=traces, done=(1, TASK_NOW))


def _suggestion_with_a_reviewer(world: World, request: pytest.FixtureRequest) -> Due:
    """The organisation has a reviewer: a suggestion is mailed to them, with its review link."""
    reviewer = cast(Membership, MembershipFactory(organization=world.org, org_role=OrgRole.REVIEWER))
    review_link = f"/content/{world.suggestion.pk}"

    def traces() -> list[list[str]]:
        return [message.to for message in mail.outbox if review_link in message.body]

    return Due(ids={"content_id": str(world.suggestion.pk)}, traces=traces, done=[[reviewer.user.email]])


# Tasks whose World objects alone leave them nothing to do -> what makes their work due.
# Both organisations get it: B's is what a broken tenancy would act on, A's proves the task
# does act when given its own organisation's ids.
TASK_DUE: dict[str, Callable[[World, pytest.FixtureRequest], Due]] = {
    "member_erase_finish_task": _tokens_to_revoke,
    "share_posted_count_task": _posted_share_not_yet_counted,
    "digest_send_task": _digest_due,
    "suggestion_notify_task": _suggestion_with_a_reviewer,
}


def _short_name(task: Task) -> str:
    return str(task.name).rsplit(".", 1)[-1]


def test_every_task_taking_ids_is_walked() -> None:
    assert len(TASK_CASES) >= 5
    stale = set(TASK_DUE) - {_short_name(cast(Task, case.values[0])) for case in TASK_CASES}
    assert not stale, f"TASK_DUE names tasks that are not walked: {sorted(stale)}"
    for case in TASK_CASES:
        (task,) = case.values
        for name in _parameters(task):
            if name != "organization_id":
                assert name in TASK_KIND or name in TASK_VALUES, f"{task.name}: add {name!r} to TASK_KIND"


@pytest.mark.parametrize("task", TASK_CASES)
def test_a_task_in_one_organisation_never_touches_another_organisations_object(
    task: Task, worlds: tuple[World, World], request: pytest.FixtureRequest
) -> None:
    mine, theirs = worlds
    make_due = TASK_DUE.get(_short_name(task))
    my_work, their_work = (make_due(mine, request), make_due(theirs, request)) if make_due else (None, None)
    kwargs: dict[str, Any] = {"organization_id": str(mine.org.pk)}
    for name in _parameters(task):
        if name in TASK_KIND:
            their_id = str(getattr(theirs, TASK_KIND[name]).pk)
            kwargs[name] = [their_id] if name.endswith("_ids") else their_id
        elif name in TASK_VALUES:
            kwargs[name] = TASK_VALUES[name]()
    # The posted share too: a count task must not count B's posted share either.
    variants = [kwargs] + ([{**kwargs, "share_id": str(theirs.posted.pk)}] if "share_id" in kwargs else [])
    variants += [{**kwargs, "share_ids": [str(theirs.posted.pk)]}] if "share_ids" in kwargs else []
    # And the ids of the work waiting in B, when they are not among those already.
    if their_work is not None and {**kwargs, **their_work.ids} not in variants:
        variants.append({**kwargs, **their_work.ids})
    mail.outbox.clear()
    before = fingerprint(theirs)
    their_traces = their_work.traces() if their_work else None
    own_rollups = ShareDailyStats.objects.unscoped().filter(organization=mine.org).count()

    for variant in variants:
        result = task.apply(kwargs=variant)
        assert result.successful(), (task.name, result.traceback)

    assert fingerprint(theirs) == before
    assert mail.outbox == []
    assert ShareDailyStats.objects.unscoped().filter(organization=mine.org).count() == own_rollups
    if my_work is None or their_work is None:
        return
    # B's work was waiting and is still waiting (nothing done at its network or in its mail)...
    assert their_work.traces() == their_traces != their_work.done
    # ...while the same task given A's own ids does A's: what B's ids met was A's tenancy.
    assert my_work.traces() != my_work.done
    result = task.apply(kwargs={**kwargs, **my_work.ids})
    assert result.successful(), (task.name, result.traceback)
    assert my_work.traces() == my_work.done
