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
