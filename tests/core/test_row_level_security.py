"""The third tenancy lock: PostgreSQL row-level security on every tenant table
(advocacy.core.rls), checked against the catalog and against the database's own behaviour,
for every tenant table, under a role that RLS binds."""

import datetime
import json
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import factory
import pytest
from django.apps import apps
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from advocacy.accounts.models import Organization, User
from advocacy.core import rls
from advocacy.core.models import TenantModel
from advocacy.core.tenancy import tenant_context, with_tenant
from tests import factories
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row-level security is PostgreSQL's"),
]


def _tenant_models() -> list[type[TenantModel]]:
    return sorted(
        (m for m in apps.get_models() if issubclass(m, TenantModel) and not m._meta.proxy),
        key=lambda m: m._meta.db_table,
    )


def _setting() -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting(%s, true)", [rls.SETTING])
        value: str | None = cursor.fetchone()[0]
    return value


# --- The catalog ---------------------------------------------------------------------------


def _reference_policy() -> tuple[str, str]:
    """The policy as PostgreSQL prints it, from a scratch table given the same policy."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMP TABLE rls_reference (organization_id uuid)")
        for statement in rls.enable_sql("rls_reference", connection.ops.quote_name):
            cursor.execute(statement)
        cursor.execute(
            "SELECT qual, with_check FROM pg_policies WHERE tablename = 'rls_reference' AND policyname = %s",
            [rls.POLICY],
        )
        using, check = cursor.fetchone()
        cursor.execute("DROP TABLE rls_reference")
    return using, check


def test_every_tenant_table_has_forced_row_level_security_and_the_tenant_policy() -> None:
    tables = rls.tenant_tables(connection)
    assert {m._meta.db_table for m in _tenant_models()} <= set(tables)
    assert len(tables) >= 37
    using, check = _reference_policy()
    status = rls.row_level_security_status(connection, tables)
    wrong = {
        table: s
        for table, s in status.items()
        if not (s["exists"] and s["enabled"] and s["forced"] and s["using"] == using and s["check"] == check)
    }
    assert not wrong, (
        "Tenant tables without forced row-level security and the tenant policy; add "
        f"advocacy.core.rls.EnableTenantRowLevelSecurity([...]) to their migration: {sorted(wrong)}"
    )


def test_the_status_reports_a_table_without_row_level_security_as_such() -> None:
    status = rls.row_level_security_status(connection, ["shares_share", "accounts_organization", "no_such_table"])
    assert status["shares_share"]["forced"]
    assert status["shares_share"]["using"]
    assert status["accounts_organization"]["exists"]
    assert not status["accounts_organization"]["enabled"]
    assert status["accounts_organization"]["using"] is None
    assert status["no_such_table"]["exists"] is False


def test_the_suite_runs_as_a_role_that_row_level_security_binds() -> None:
    role = connection.settings_dict["OPTIONS"].get("assume_role")
    if not role:
        pytest.skip("TEST_DATABASE_ROLE is empty: the suite runs as the login user")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_user, r.rolsuper, r.rolbypassrls, pg_get_userbyid(c.relowner) "
            "FROM pg_roles r, pg_class c WHERE r.rolname = current_user AND c.relname = 'shares_share'"
        )
        user, superuser, bypass, owner = cursor.fetchone()
    assert (user, superuser, bypass, owner) == (role, False, False, role)


# --- One row of every tenant table in each of two organisations ----------------------------

_FACTORIES: dict[type[models.Model], Any] = {
    f._meta.model: f
    for f in vars(factories).values()
    if isinstance(f, type) and issubclass(f, factory.django.DjangoModelFactory) and f._meta.model is not None
}
# Fields the generic maker cannot guess (check constraints across fields).
_OVERRIDES: dict[str, dict[str, Any]] = {
    "coaching_coachingtask": {"recurring": True, "week": None},
}


def _value(field: models.Field[Any, Any]) -> Any:
    if field.choices:
        return field.choices[0][0]
    unique = uuid.uuid4().hex
    if isinstance(field, models.EmailField):
        return f"{unique[:20]}@example.com"
    if isinstance(field, models.URLField):
        return f"https://example.com/{unique}"
    if isinstance(field, models.CharField | models.TextField):
        return unique[: field.max_length or 32]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return Decimal(1) if isinstance(field, models.DecimalField) else 1
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return datetime.date.today()
    if isinstance(field, models.DurationField):
        return datetime.timedelta(minutes=1)
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    if isinstance(field, models.JSONField):
        return {}
    raise AssertionError(f"Teach _value about {field.__class__.__name__} ({field})")


def _make(model: type[models.Model], organization: Organization, made: dict[type[models.Model], Any]) -> Any:
    """A saved row of ``model`` in ``organization``: its factory's when it has one, else
    every required field filled in (tenant parents made in the same organisation)."""
    if model in made:
        return made[model]
    if model is Organization:
        return organization
    if model is User:
        return UserFactory()
    if model in _FACTORIES:
        row = _FACTORIES[model](organization=organization) if issubclass(model, TenantModel) else _FACTORIES[model]()
    else:
        fields: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if field.primary_key or field.null or field.has_default() or getattr(field, "auto_now_add", False):
                continue
            if getattr(field, "auto_now", False):
                continue
            if field.is_relation:
                fields[field.name] = _make(field.related_model, organization, made)  # type: ignore[arg-type]
            else:
                fields[field.name] = _value(field)
        fields.update(_OVERRIDES.get(model._meta.db_table, {}))
        row = model._base_manager.create(**fields)
    made[model] = row
    return row


@pytest.fixture
def two_tenants(db: Any) -> tuple[Organization, Organization]:
    a, b = OrganizationFactory(), OrganizationFactory()
    for organization in (a, b):
        made: dict[type[models.Model], Any] = {}
        with tenant_context(organization):
            for model in _tenant_models():
                _make(model, organization, made)
    return a, b


@pytest.fixture
def probe_role(db: Any) -> Iterator[str]:
    """A NOLOGIN role that is neither superuser nor owner, with plain table privileges;
    created for this test only (its transaction rolls it back)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_user, (SELECT rolsuper FROM pg_roles WHERE rolname = session_user)")
        previous, can_create = cursor.fetchone()
        if not can_create:
            pytest.skip("creating a role needs a superuser login")
        role = f"rls_probe_{uuid.uuid4().hex[:12]}"
        cursor.execute("RESET ROLE")
        cursor.execute(f'CREATE ROLE "{role}" NOLOGIN NOSUPERUSER NOBYPASSRLS')
        cursor.execute(f'GRANT USAGE ON SCHEMA public TO "{role}"')
        cursor.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO "{role}"')
        cursor.execute(f'SET ROLE "{previous}"')
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{previous}"')


def _refused(sql: str, params: list[Any]) -> str:
    """The error PostgreSQL gives for ``sql`` (in a savepoint rolled back, so the test goes on)."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            transaction.set_rollback(True)
    except DatabaseError as exc:
        return str(exc)
    return "accepted"


def _rows_touched(sql: str, params: list[Any]) -> int | str:
    """Rows ``sql`` changed (or its error), rolled back at once."""
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            touched: int = cursor.rowcount
            transaction.set_rollback(True)
    except DatabaseError as exc:
        return str(exc)
    return touched


def _check_every_table(role: str, a: Organization, b: Organization) -> dict[str, list[str]]:
    tables = rls.tenant_tables(connection)
    # Read as the suite's role with no tenant in context (all rows visible), before switching.
    templates: dict[str, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT to_jsonb(t) FROM "{table}" t WHERE organization_id = %s LIMIT 1', [b.pk])  # noqa: S608
            row = cursor.fetchone()
            assert row is not None, f"no row of {table} in the second organisation"
            templates[table] = json.loads(row[0]) if isinstance(row[0], str) else row[0]
    problems: dict[str, list[str]] = {}
    with tenant_context(a), connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{role}"')
        for table in tables:
            found: list[str] = []
            quoted = f'"{table}"'
            cursor.execute(
                f"SELECT count(*) FILTER (WHERE organization_id = %s), count(*) FILTER (WHERE organization_id <> %s) "  # noqa: S608
                f"FROM {quoted}",
                [a.pk, a.pk],
            )
            own, others = cursor.fetchone()
            if own == 0:
                found.append("own rows invisible")
            if others:
                found.append(f"sees {others} rows of other organisations")
            cursor.execute(f"UPDATE {quoted} SET organization_id = organization_id WHERE organization_id = %s", [b.pk])  # noqa: S608
            if cursor.rowcount:
                found.append("updated another organisation's rows")
            deleted = _rows_touched(f"DELETE FROM {quoted} WHERE organization_id = %s", [b.pk])  # noqa: S608
            if deleted:
                found.append(f"deleted another organisation's rows: {deleted}")
            moved = _refused(
                f"UPDATE {quoted} SET organization_id = %s WHERE id = (SELECT id FROM {quoted} LIMIT 1)",  # noqa: S608
                [b.pk],
            )
            if "row-level security" not in moved:
                found.append(f"moving a row to another organisation: {moved}")
            template = {**templates[table], "id": str(uuid.uuid4())}
            inserted = _refused(
                f"INSERT INTO {quoted} SELECT * FROM jsonb_populate_record(NULL::{quoted}, %s::jsonb)",  # noqa: S608
                [json.dumps(template)],
            )
            if "row-level security" not in inserted:
                found.append(f"inserting another organisation's row: {inserted}")
            if found:
                problems[table] = found
    return problems


def test_a_plain_role_sees_and_writes_only_the_tenant_in_context_in_every_table(
    two_tenants: tuple[Organization, Organization], probe_role: str
) -> None:
    a, b = two_tenants
    assert _check_every_table(probe_role, a, b) == {}


def test_the_owner_role_is_bound_too_because_row_level_security_is_forced(
    two_tenants: tuple[Organization, Organization],
) -> None:
    role = connection.settings_dict["OPTIONS"].get("assume_role")
    if not role:
        pytest.skip("TEST_DATABASE_ROLE is empty: the suite runs as the login user")
    a, b = two_tenants
    assert _check_every_table(role, a, b) == {}


def test_with_no_tenant_in_context_every_row_stays_visible(
    two_tenants: tuple[Organization, Organization], probe_role: str
) -> None:
    """The documented trade-off: no tenant = lock one (the fail-closed manager) alone."""
    a, b = two_tenants
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{probe_role}"')
        cursor.execute(
            "SELECT count(DISTINCT organization_id) FROM accounts_membership WHERE organization_id IN (%s, %s)",
            [a.pk, b.pk],
        )
        assert cursor.fetchone()[0] == 2


def test_a_setting_that_is_not_an_organisation_id_fails_closed(probe_role: str, admin: Any) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f'SET ROLE "{probe_role}"')
        cursor.execute("SELECT set_config(%s, 'not-a-uuid', true)", [rls.SETTING])
    assert "uuid" in _refused("SELECT count(*) FROM accounts_membership", [])


# --- The session setting follows the tenant in context -------------------------------------


def test_the_session_setting_follows_the_tenant_context() -> None:
    a, b = OrganizationFactory(), OrganizationFactory()
    assert _setting() in ("", None)
    with tenant_context(a):
        assert _setting() == str(a.pk)
        with tenant_context(b):
            assert _setting() == str(b.pk)
        assert _setting() == str(a.pk)
    assert _setting() == ""


def test_tasks_run_with_the_setting_of_their_organisation() -> None:
    a = OrganizationFactory()

    @with_tenant
    def task(*, organization_id: Any) -> str | None:
        return _setting()

    assert task(organization_id=str(a.pk)) == str(a.pk)
    assert _setting() == ""


def test_a_rolled_back_savepoint_does_not_leave_a_stale_setting() -> None:
    """SET is transactional: rolling back a savepoint undoes a set_config made inside it."""
    a, b = OrganizationFactory(), OrganizationFactory()
    with tenant_context(a):
        assert _setting() == str(a.pk)
        with transaction.atomic():
            with tenant_context(b):
                assert _setting() == str(b.pk)
            transaction.set_rollback(True)
        # The server reverted to a; we issued nothing since, and must know it.
        with tenant_context(b):
            assert _setting() == str(b.pk)
    with tenant_context(a), transaction.atomic():
        assert _setting() == str(a.pk)
        transaction.set_rollback(True)
    assert _setting() == ""


def test_a_connection_carrying_another_sessions_value_is_corrected() -> None:
    """A pooled connection may come back with the previous user's tenant."""
    a, b = OrganizationFactory(), OrganizationFactory()
    connection.ensure_connection()
    assert connection.connection is not None
    connection.connection.execute("SELECT set_config(%s, %s, false)", [rls.SETTING, str(b.pk)])
    rls.install(connection)
    connection._tenant_session.value = rls._UNKNOWN  # type: ignore[attr-defined]  # what a pool gives
    with tenant_context(a):
        assert _setting() == str(a.pk)
    assert _setting() == ""


def test_a_request_sends_the_setting_at_most_twice_and_a_repeat_in_the_same_tenant_never(
    monkeypatch: pytest.MonkeyPatch, admin: Any, client_for: Any
) -> None:
    sent: list[str | None] = []
    original = rls.sync_session_tenant

    def counting(db: Any) -> bool:
        did = original(db)
        if did:
            sent.append(db._tenant_session.value)
        return did

    monkeypatch.setattr(rls, "sync_session_tenant", counting)
    client = client_for(admin.user)
    assert client.get("/api/v1/orgs/acme/members/").status_code == 200
    # The membership lookup runs with no tenant, then the tenant's queries.
    assert sent[-2:] == ["", str(admin.organization_id)] or sent == [str(admin.organization_id)]
    assert len(sent) <= 2
    sent.clear()
    with tenant_context(admin.organization):
        list(admin.__class__.objects.all())
        list(admin.__class__.objects.all())
    assert len(sent) <= 1
