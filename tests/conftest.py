"""Shared fixtures. Every test module gets an organisation *and* an outsider organisation,
so that leaks across tenants show up everywhere, not only in the isolation tests."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from advocacy.accounts.models import Membership, Organization, OrgRole, User
from advocacy.core.tenancy import tenant_context
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

# Strict local network servers (fixtures linkedin_server, x_server, mastodon_server, bluesky_server).
pytest_plugins = [
    "tests.networks.servers.linkedin",
    "tests.networks.servers.x",
    "tests.networks.servers.mastodon",
    "tests.networks.servers.bluesky",
]

# Property tests judge behaviour, not speed: no per-example deadline on a busy CI machine.
hypothesis_settings.register_profile("advocacy", deadline=None, derandomize=False)
hypothesis_settings.load_profile("advocacy")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On PostgreSQL, create the settings' DATABASE_ROLE (a non-superuser owner) before the
    test database is created, so the suite runs as production should and row-level security
    binds in every test. Without the rights to create it, the suite runs as the login user."""
    import warnings

    import psycopg
    from django.db import connection

    from tests.database_role import ensure_owner_role

    try:
        ensure_owner_role(connection)
    except psycopg.Error as exc:
        role = connection.settings_dict["OPTIONS"]["assume_role"]
        warnings.warn(f"Running the tests as the login user, not {role}: {exc}", stacklevel=1)
        del connection.settings_dict["OPTIONS"]["assume_role"]


@pytest.fixture(autouse=True)
def _clear_cache() -> Iterator[None]:
    # Rate-limit counters live in the cache; one test's failed logins must not throttle the next.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def org(db: Any) -> Organization:
    return OrganizationFactory(slug="acme", name="Acme")


@pytest.fixture
def outsider_org(db: Any) -> Organization:
    return OrganizationFactory(slug="outsider", name="Outsider Ltd")


MakeMember = Callable[..., Membership]


@pytest.fixture
def make_member(db: Any) -> MakeMember:
    def make(organization: Organization, org_role: str = OrgRole.EMPLOYEE, **kwargs: Any) -> Membership:
        return MembershipFactory(organization=organization, org_role=org_role, **kwargs)

    return make


@pytest.fixture
def admin(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, OrgRole.ADMIN)


@pytest.fixture
def employee(org: Organization, make_member: MakeMember) -> Membership:
    return make_member(org, OrgRole.EMPLOYEE)


@pytest.fixture
def outsider_admin(outsider_org: Organization, make_member: MakeMember) -> Membership:
    return make_member(outsider_org, OrgRole.ADMIN)


@pytest.fixture
def client_for() -> Callable[[User | None], APIClient]:
    """An API client logged in with a real session (or anonymous for None)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def user(db: Any) -> User:
    return UserFactory()


@pytest.fixture
def in_tenant() -> Callable[[Organization], Any]:
    return tenant_context


def forget_broker_connections() -> None:
    """After the broker URL changed: Celery keeps connection pools on the app and kombu keeps
    producer pools per connection in a global registry; drop both so the next publish
    connects to the broker now configured (a closed pool left registered fails later tests
    with "Acquire on closed pool")."""
    from kombu import pools

    from config.celery import app

    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()
