"""Background jobs of the shares app: thin wrappers around services."""

from celery import shared_task
from django.conf import settings

from advocacy.accounts.models import Organization
from advocacy.core.tenancy import tenant_context, with_tenant
from advocacy.shares.services import share_publish, shares_dispatch, shares_drain


@shared_task(acks_late=True)
@with_tenant
def share_publish_task(*, organization_id: str, share_id: str, drain: bool = False, slot: bool = False) -> None:
    if drain:
        shares_drain(share_id=share_id, slot=slot)
    else:
        share_publish(share_id=share_id, batch=settings.SHARES_PUBLISH_BATCH)


@shared_task
def shares_dispatch_task() -> None:
    """Every minute (beat): per organisation, send due and lost shares, recover stuck ones."""
    for organization_id in Organization.objects.values_list("pk", flat=True):
        with tenant_context(organization_id):
            shares_dispatch()
