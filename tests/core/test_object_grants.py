"""Per-object grants (django-guardian): an admin can let a member without the role act on
one specific object, and only that object. The first real users are advocacy roles and
audiences; the mechanism lives in TenantViewSet and is exercised here on its own."""

from typing import Any

import pytest
from django.urls import include, path
from guardian.shortcuts import assign_perm
from rest_framework.request import Request
from rest_framework.response import Response

from advocacy.accounts.models import Invitation, Organization
from advocacy.core.api import ORG_PREFIX, ApiRouter, TenantViewSet
from advocacy.core.permissions import ADMINS, ALL_MEMBERS
from tests.factories import InvitationFactory


class GrantableInvitationViewSet(TenantViewSet):
    model = Invitation
    permission_roles = {"list": ALL_MEMBERS, "*": ADMINS}
    object_grants = {"partial_update": "accounts.change_invitation"}

    def list(self, request: Request, org_slug: str) -> Response:
        return Response({"count": self.get_queryset().count()})

    def partial_update(self, request: Request, org_slug: str, pk: str) -> Response:
        invitation = self.get_object()
        return Response({"id": str(invitation.pk)})

    def create(self, request: Request, org_slug: str) -> Response:
        return Response(status=201)

    def destroy(self, request: Request, org_slug: str, pk: str) -> Response:
        self.get_object()
        return Response(status=204)


router = ApiRouter()
router.register(rf"{ORG_PREFIX}/grantable", GrantableInvitationViewSet, basename="grantable")
urlpatterns = [path("api/v1/", include(router.urls))]


@pytest.fixture(autouse=True)
def _urls(settings: Any) -> None:
    settings.ROOT_URLCONF = __name__


def test_without_a_grant_the_role_decides(org: Organization, employee: Any, client_for: Any) -> None:
    invitation = InvitationFactory(organization=org)

    response = client_for(employee.user).patch(f"/api/v1/orgs/acme/grantable/{invitation.pk}/", {}, format="json")

    assert response.status_code == 403


def test_a_grant_opens_exactly_that_object(org: Organization, employee: Any, client_for: Any) -> None:
    granted, other = InvitationFactory(organization=org), InvitationFactory(organization=org)
    assign_perm("accounts.change_invitation", employee.user, granted)
    client = client_for(employee.user)

    assert client.patch(f"/api/v1/orgs/acme/grantable/{granted.pk}/", {}, format="json").status_code == 200
    assert client.patch(f"/api/v1/orgs/acme/grantable/{other.pk}/", {}, format="json").status_code == 403
    # A grant opens only the actions it names: not collection actions, not other object actions.
    assert client.post("/api/v1/orgs/acme/grantable/", {}, format="json").status_code == 403
    assert client.delete(f"/api/v1/orgs/acme/grantable/{granted.pk}/").status_code == 403


def test_a_grant_does_not_reach_across_tenants(
    org: Organization, outsider_org: Organization, outsider_admin: Any, employee: Any, client_for: Any
) -> None:
    theirs = InvitationFactory(organization=outsider_org)
    assign_perm("accounts.change_invitation", employee.user, theirs)

    response = client_for(employee.user).patch(f"/api/v1/orgs/acme/grantable/{theirs.pk}/", {}, format="json")

    assert response.status_code == 404
