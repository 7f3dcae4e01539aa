"""The tenant (organisation) in context, set in exactly three places.

1. ``TenantViewSet`` (advocacy.core.api): from the URL, after checking membership.
2. ``with_tenant`` for Celery tasks, which take ``organization_id``.
3. ``tenant_context()`` for management commands and scripts.

``TenantModel.objects`` reads the tenant from here and refuses to run a query when there
is none (fail closed). Everything crossing tenants must say so with ``.unscoped()``.

On PostgreSQL the database follows this contextvar too (``advocacy.core.rls``): before a
statement runs, the session setting ``app.organization_id`` is brought in line with it, and
row-level security shows and accepts only that organisation's rows. Entering and leaving a
tenant here therefore needs no database work of its own.
"""

import functools
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from typing import Any, ParamSpec, TypeVar

_current_organization_id: ContextVar[uuid.UUID | None] = ContextVar("current_organization_id", default=None)

P = ParamSpec("P")
R = TypeVar("R")


class TenantContextMissing(RuntimeError):
    """A tenant-scoped query ran with no organisation in context: a bug, never a fallback."""


def current_organization_id() -> uuid.UUID | None:
    return _current_organization_id.get()


def require_organization_id() -> uuid.UUID:
    organization_id = _current_organization_id.get()
    if organization_id is None:
        raise TenantContextMissing(
            "No organisation in context. Enter one with tenant_context() / with_tenant, "
            "or cross tenants explicitly with .unscoped()."
        )
    return organization_id


def activate_tenant(organization_id: uuid.UUID) -> Token[uuid.UUID | None]:
    """Low-level: used by TenantViewSet, which resets the token in ``dispatch``'s finally."""
    return _current_organization_id.set(organization_id)


def deactivate_tenant(token: Token[uuid.UUID | None]) -> None:
    _current_organization_id.reset(token)


@contextmanager
def tenant_context(organization: Any) -> Iterator[None]:
    """Run a block inside one organisation. Accepts an Organization or its id."""
    organization_id = getattr(organization, "pk", organization)
    if not isinstance(organization_id, uuid.UUID):
        organization_id = uuid.UUID(str(organization_id))
    token = activate_tenant(organization_id)
    try:
        yield
    finally:
        deactivate_tenant(token)


def with_tenant(task: Callable[P, R]) -> Callable[P, R]:
    """Decorate a task taking ``organization_id`` so its body runs in that tenant."""

    @functools.wraps(task)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        organization_id = kwargs.get("organization_id")
        if organization_id is None:
            raise TenantContextMissing(f"{task.__name__} must be called with organization_id=...")
        with tenant_context(organization_id):
            return task(*args, **kwargs)

    return wrapper
