"""PostgreSQL row-level security on the tenant tables: the third tenancy lock.

Lock one is ``TenantModel.objects`` (fails closed without a tenant), lock two the explicit
organisation filter in ``TenantViewSet``; this one holds in the database itself, for SQL
the ORM's locks never see (raw SQL, ``.unscoped()`` in a tenant, a forgotten filter).

- Every tenant table has RLS enabled and FORCED (so the owner is bound too) and one
  policy, ``tenant_isolation``: a row is visible and writable when its ``organization_id``
  is the session's ``app.organization_id``. When that setting is empty (no tenant in
  context: migrations, the ``/l/{code}`` redirect, ``/api/v1/me``, OAuth callbacks, beat
  jobs that fan out per organisation) every row is visible: code with no tenant is
  guarded by lock one alone, which refuses to query a tenant model unless it says
  ``.unscoped()``.
- The session setting follows the tenant contextvar lazily: just before a statement runs
  on a connection whose setting differs from the contextvar, one ``set_config`` is sent on
  the raw connection (not logged as a query). Entering or leaving a tenant costs nothing
  until a query runs, and a connection already set to the tenant costs nothing at all.
- Superusers and BYPASSRLS roles skip every policy: production must connect as (or
  ``SET ROLE`` to, see ``DATABASE_ROLE``) a role that is neither.

On SQLite (the embedded default) all of this is a no-op.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.apps import apps
from django.db import migrations
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.backends.signals import connection_created
from django.db.migrations.state import ProjectState
from psycopg.pq import TransactionStatus

from advocacy.core.tenancy import current_organization_id

SETTING = "app.organization_id"
POLICY = "tenant_isolation"
# Wrapped in scalar subqueries so PostgreSQL reads the setting once per statement (an
# InitPlan), not once per row. Empty or unset means "no tenant in context".
_TENANT = f"(SELECT NULLIF(current_setting('{SETTING}', true), ''))"
POLICY_EXPRESSION = f"({_TENANT} IS NULL OR organization_id = {_TENANT}::uuid)"


# --- Schema --------------------------------------------------------------------------------


def enable_sql(table: str, quote: Callable[[str], str]) -> list[str]:
    name = quote(table)
    return [
        f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY",
        f"ALTER TABLE {name} FORCE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS {POLICY} ON {name}",
        f"CREATE POLICY {POLICY} ON {name} USING {POLICY_EXPRESSION} WITH CHECK {POLICY_EXPRESSION}",
    ]


def disable_sql(table: str, quote: Callable[[str], str]) -> list[str]:
    name = quote(table)
    return [
        f"DROP POLICY IF EXISTS {POLICY} ON {name}",
        f"ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY",
        f"ALTER TABLE {name} DISABLE ROW LEVEL SECURITY",
    ]


class EnableTenantRowLevelSecurity(migrations.operations.base.Operation):
    """Migration operation: RLS + the tenant policy on the given tables (PostgreSQL only).

    Every migration that creates a tenant table adds one; tests/core/test_row_level_security.py
    fails for a tenant table without it.
    """

    reversible = True
    reduces_to_sql = True

    def __init__(self, tables: Iterable[str]) -> None:
        self.tables = list(tables)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        pass

    def database_forwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._run(schema_editor, enable_sql)

    def database_backwards(
        self, app_label: str, schema_editor: BaseDatabaseSchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._run(schema_editor, disable_sql)

    def _run(
        self, schema_editor: BaseDatabaseSchemaEditor, make: Callable[[str, Callable[[str], str]], list[str]]
    ) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        for table in self.tables:
            for statement in make(table, schema_editor.quote_name):
                schema_editor.execute(statement)

    def describe(self) -> str:
        return f"Enable tenant row-level security on {len(self.tables)} table(s)"

    @property
    def migration_name_fragment(self) -> str:
        return "tenant_row_level_security"


def tenant_tables(connection: BaseDatabaseWrapper) -> list[str]:
    """Every table that must carry the policy: each concrete TenantModel's, and any other
    table in the schema with an ``organization_id`` column."""
    from advocacy.core.models import TenantModel

    tables = {
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if issubclass(model, TenantModel) and not model._meta.proxy and model._meta.managed
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND column_name = 'organization_id'"
        )
        tables.update(row[0] for row in cursor.fetchall())
    return sorted(tables)


def row_level_security_status(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> dict[str, dict[str, Any]]:
    """table -> {"exists", "enabled", "forced", "using", "check"} as PostgreSQL reports them."""
    tables = list(tables)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, p.qual, p.with_check "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema() "
            "LEFT JOIN pg_policies p ON p.schemaname = n.nspname AND p.tablename = c.relname AND p.policyname = %s "
            "WHERE c.relname = ANY(%s) AND c.relkind = 'r'",
            [POLICY, tables],
        )
        found = {
            name: {"exists": True, "enabled": enabled, "forced": forced, "using": using, "check": check}
            for name, enabled, forced, using, check in cursor.fetchall()
        }
    missing = {"exists": False, "enabled": False, "forced": False, "using": None, "check": None}
    return {table: found.get(table, missing) for table in tables}


# --- The session setting -------------------------------------------------------------------

# What the server session holds is unknown (a connection handed out by a pool may carry
# the last user's value).
_UNKNOWN = "<unknown>"


class _SessionTenant:
    """What ``app.organization_id`` holds on one connection, as far as we know.

    ``tentative``: it was set inside a transaction, so a rollback (of the transaction or of
    an enclosing savepoint) may have undone it; once the transaction is over, or after any
    ROLLBACK statement, it is unknown again and the next statement sets it afresh.
    """

    __slots__ = ("tentative", "value")

    def __init__(self, value: str) -> None:
        self.value = value
        self.tentative = False


def _session(db: BaseDatabaseWrapper) -> _SessionTenant:
    state: _SessionTenant | None = getattr(db, "_tenant_session", None)
    if state is None:
        state = _SessionTenant(_UNKNOWN)
        db._tenant_session = state  # type: ignore[attr-defined]
    return state


def sync_session_tenant(db: BaseDatabaseWrapper) -> bool:
    """Make the session setting match the tenant in context; True when a statement was sent."""
    raw = db.connection
    if raw is None:
        return False
    status = raw.info.transaction_status
    if status == TransactionStatus.INERROR:
        return False  # the statement about to run fails anyway, with the real error
    state = _session(db)
    if state.tentative and status == TransactionStatus.IDLE:
        state.value, state.tentative = _UNKNOWN, False  # committed or rolled back: unknown
    organization_id = current_organization_id()
    wanted = "" if organization_id is None else str(organization_id)
    if state.value == wanted:
        return False
    with db.wrap_database_errors, raw.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false)", [SETTING, wanted])
    state.value = wanted
    state.tentative = raw.info.transaction_status != TransactionStatus.IDLE
    return True


_TRANSACTION_CONTROL = ("ROLLBACK", "SAVEPOINT", "RELEASE", "COMMIT", "BEGIN")


def _tenant_setting_wrapper(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    db = context["connection"]
    head = sql[:16].lstrip()[:9].upper() if isinstance(sql, str) else ""
    if not head.startswith(_TRANSACTION_CONTROL):
        sync_session_tenant(db)
        return execute(sql, params, many, context)
    try:
        return execute(sql, params, many, context)
    finally:
        state = _session(db)
        if state.tentative and head.startswith("ROLLBACK"):
            state.value, state.tentative = _UNKNOWN, False


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    install(connection)


def install(connection: BaseDatabaseWrapper) -> None:
    """Track the tenant setting on this connection (called for every new connection)."""
    if connection.vendor != "postgresql":
        return
    # A new server session has no setting (same as empty); a pooled one may carry any.
    fresh = getattr(connection, "pool", None) is None
    connection._tenant_session = _SessionTenant("" if fresh else _UNKNOWN)  # type: ignore[attr-defined]
    if _tenant_setting_wrapper not in connection.execute_wrappers:
        # At the front: ``connection.execute_wrapper()`` pops the *last* wrapper on exit.
        connection.execute_wrappers.insert(0, _tenant_setting_wrapper)


def connect_signals() -> None:
    from django.db import connections

    connection_created.connect(_on_connection_created, dispatch_uid="advocacy.core.rls")
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            install(connection)
