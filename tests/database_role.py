"""The non-superuser owner role the test suite and the benchmarks run as, so that
row-level security binds as it does in production (settings ``DATABASE_ROLE``)."""

from typing import Any


def ensure_owner_role(connection: Any) -> None:
    """Create the connection's ``assume_role`` as a non-superuser owner (and hand it a test
    database left by a run as the login user) before the test database is created. Raises
    ``psycopg.Error`` when the login user may not; nothing to do off PostgreSQL or without
    a role."""
    role = connection.settings_dict.get("OPTIONS", {}).get("assume_role")
    if connection.vendor != "postgresql" or not role:
        return
    import psycopg
    from psycopg import sql

    params = {**connection.get_connection_params(), "dbname": "postgres", "autocommit": True}
    params.pop("assume_role", None)
    test_db = connection.creation._get_test_db_name()
    with psycopg.connect(**params) as login:
        login.execute("SELECT pg_advisory_lock(hashtext('advocacy test owner role'))")
        if login.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role]).fetchone() is None:
            login.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(role)))
        login.execute(sql.SQL("ALTER ROLE {} NOSUPERUSER NOBYPASSRLS CREATEDB NOLOGIN").format(sql.Identifier(role)))
        owner = login.execute(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s", [test_db]
        ).fetchone()
        if owner is not None and owner[0] != role:
            login.execute(
                sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(test_db), sql.Identifier(role))
            )
