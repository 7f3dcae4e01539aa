"""Background jobs of the accounts app: thin wrappers that enter the tenant and call one service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from advocacy.accounts.models import Invitation
from advocacy.core.tenancy import with_tenant


@shared_task(bind=True, max_retries=5, default_retry_delay=30, acks_late=True)
@with_tenant
def invitation_email_send_task(self: object, *, organization_id: str, invitation_id: str, token: str) -> None:
    from advocacy.accounts.services import invitation_url

    invitation = Invitation.objects.select_related("organization", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.status != "pending":
        return
    inviter = invitation.invited_by.get_full_name() if invitation.invited_by else "An administrator"
    send_mail(
        subject=f"You are invited to {invitation.organization.name}",
        message=(
            f"{inviter} invited you to join {invitation.organization.name} on the advocacy platform "
            f"as {invitation.get_org_role_display()}.\n\n"
            f"Accept the invitation: {invitation_url(token)}\n\n"
            f"The link expires on {invitation.expires_at:%Y-%m-%d %H:%M} UTC."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def member_erase_finish_task(self: object, *, organization_id: str, membership_id: str) -> None:
    """After an erasure: revoke the member's tokens at the networks, delete the connections."""
    from advocacy.accounts.data_rights import member_erase_finish

    member_erase_finish(organization_id=organization_id, membership_id=membership_id)


@shared_task(bind=True, max_retries=5, default_retry_delay=60, acks_late=True)
def organization_delete_task(self: object, *, organization_id: str, requested_by: str = "") -> None:
    """Crosses tenants by nature (it removes one): no ``with_tenant`` here."""
    from advocacy.accounts.data_rights import organization_delete

    organization_delete(organization_id=organization_id, requested_by=requested_by)


@shared_task
def erased_archives_purge_task() -> None:
    """Daily (beat): erased members' posted shares leave the archive when retention ends."""
    from advocacy.accounts.data_rights import erased_archives_purge

    erased_archives_purge()
