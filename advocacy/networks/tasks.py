"""Background jobs of the networks app: thin wrappers around services."""

from celery import shared_task

from advocacy.accounts.models import Organization
from advocacy.core.tenancy import tenant_context
from advocacy.networks.services import connections_check_expiry


@shared_task
def connections_check_expiry_task() -> None:
    """Daily (beat): expire tokens that ran out, remind employees before they do."""
    for organization_id in Organization.objects.values_list("pk", flat=True):
        with tenant_context(organization_id):
            connections_check_expiry()
