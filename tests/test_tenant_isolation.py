"""Walks every TenantViewSet on the router (new ones are picked up automatically) and tries
to reach organisation A's rows as an admin of organisation B, through A's URL and through
B's URL with A's ids. Objects answer 404, lists 403/404, and nothing changes."""

import re
from typing import Any

import pytest
from rest_framework.routers import SimpleRouter

from advocacy.accounts.models import Membership, Organization
from advocacy.core.api import TenantViewSet
from config.urls import router
from tests.tenant_objects import make_tenant_object, snapshot

VIEWSETS = [(prefix, viewset) for prefix, viewset, _basename in router.registry]
WRITE_BODY = {"name": "pwned", "org_role": "admin", "email": "x@example.com", "enabled": False}


def _path(prefix: str, org_slug: str) -> str:
    return "/api/v1/" + re.sub(r"\(\?P<org_slug>[^)]*\)", org_slug, prefix)


def _extra_actions(viewset: type[Any], detail: bool) -> list[tuple[str, list[str]]]:
    return [
        (action.url_path, [m for m in action.mapping if m != "options"])
        for action in viewset.get_extra_actions()
        if action.detail == detail
    ]


def test_every_routed_viewset_is_a_tenant_viewset() -> None:
    assert VIEWSETS
    for prefix, viewset in VIEWSETS:
        assert prefix.startswith("orgs/(?P<org_slug>"), prefix
        assert issubclass(viewset, TenantViewSet), viewset


@pytest.mark.parametrize(("prefix", "viewset"), VIEWSETS, ids=[p.rsplit("/", 1)[-1] for p, _ in VIEWSETS])
def test_another_organisations_rows_are_unreachable(
    prefix: str,
    viewset: type[TenantViewSet],
    org: Organization,
    outsider_org: Organization,
    admin: Membership,
    outsider_admin: Membership,
    client_for: Any,
) -> None:
    victim = make_tenant_object(viewset.model, org)
    before = snapshot(victim)
    attacker = client_for(outsider_admin.user)
    victim_collection = _path(prefix, org.slug)
    own_collection = _path(prefix, outsider_org.slug)

    # Through the victim's URL: not a member, so nothing is there.
    assert attacker.get(f"{victim_collection}/").status_code in (403, 404)
    assert attacker.post(f"{victim_collection}/", WRITE_BODY, format="json").status_code in (403, 404, 405)
    for url_path, methods in _extra_actions(viewset, detail=False):
        for method in methods:
            assert getattr(attacker, method)(f"{victim_collection}/{url_path}").status_code in (403, 404)

    # Object URLs, through the victim's slug and through the attacker's own slug.
    for collection in (victim_collection, own_collection):
        detail = f"{collection}/{victim.pk}/"
        for method in ("get", "put", "patch", "delete"):
            status = getattr(attacker, method)(detail, WRITE_BODY, format="json").status_code
            assert status in (404, 405), (method, detail, status)
        for url_path, methods in _extra_actions(viewset, detail=True):
            for method in methods:
                status = getattr(attacker, method)(
                    f"{collection}/{victim.pk}/{url_path}", {}, format="json"
                ).status_code
                assert status in (404, 405), (method, url_path, status)

    # The attacker's own list never contains the victim.
    own_list = attacker.get(own_collection + "/")
    if own_list.status_code == 200:
        assert str(victim.pk) not in own_list.content.decode()
    assert snapshot(victim) == before


def test_the_router_is_a_simple_router_so_the_walk_sees_every_route() -> None:
    assert isinstance(router, SimpleRouter)
