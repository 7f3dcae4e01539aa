"""The tenancy mechanism itself: fail closed, scope inside a context, loud escape hatch."""

import pytest

from advocacy.accounts.models import Membership, Organization
from advocacy.accounts.tasks import invitation_email_send_task
from advocacy.core.api import TenantViewSet
from advocacy.core.tenancy import TenantContextMissing, current_organization_id, tenant_context, with_tenant
from tests.conftest import MakeMember


def test_tenant_query_without_context_is_refused(employee: Membership) -> None:
    with pytest.raises(TenantContextMissing):
        list(Membership.objects.all())


def test_tenant_query_in_context_sees_only_that_organisation(
    org: Organization, outsider_org: Organization, make_member: MakeMember
) -> None:
    mine = make_member(org)
    theirs = make_member(outsider_org)

    with tenant_context(org):
        ids = set(Membership.objects.values_list("id", flat=True))

    assert mine.id in ids
    assert theirs.id not in ids


def test_unscoped_is_the_explicit_way_across_tenants(
    org: Organization, outsider_org: Organization, make_member: MakeMember
) -> None:
    make_member(org)
    make_member(outsider_org)

    assert Membership.objects.unscoped().count() == 2


def test_saving_another_tenants_row_inside_a_context_is_refused(
    org: Organization, outsider_org: Organization, make_member: MakeMember
) -> None:
    theirs = make_member(outsider_org)
    theirs.ambassador = True

    with tenant_context(org), pytest.raises(PermissionError):
        theirs.save()


def test_context_is_restored_after_the_block_even_on_error(org: Organization) -> None:
    with pytest.raises(ValueError, match="boom"), tenant_context(org):
        raise ValueError("boom")

    assert current_organization_id() is None


def test_with_tenant_enters_the_organisation_of_the_task(org: Organization) -> None:
    seen = []

    @with_tenant
    def task(*, organization_id: str) -> None:
        seen.append(current_organization_id())

    task(organization_id=str(org.pk))

    assert seen == [org.pk]
    assert current_organization_id() is None


def test_with_tenant_refuses_a_task_called_without_organisation() -> None:
    with pytest.raises(TenantContextMissing):
        invitation_email_send_task(invitation_id="x", token="y")


def test_a_viewset_overriding_get_queryset_is_refused_at_class_creation() -> None:
    with pytest.raises(TypeError, match="base_queryset"):

        class Leaky(TenantViewSet):
            model = Membership

            def get_queryset(self) -> object:  # type: ignore[override]
                return Membership.objects.unscoped()


def test_related_managers_are_scoped_too(
    org: Organization, outsider_org: Organization, make_member: MakeMember
) -> None:
    mine = make_member(org)
    make_member(outsider_org, user=mine.user)

    with tenant_context(org):
        assert [m.organization_id for m in mine.user.memberships.all()] == [org.pk]
    with pytest.raises(TenantContextMissing):
        list(mine.user.memberships.all())
