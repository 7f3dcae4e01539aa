"""Background jobs of the content app: wrappers that enter the tenant and call one service."""

from datetime import datetime
from smtplib import SMTPException

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from advocacy.accounts.models import Organization
from advocacy.content.digest import chat_digest_send, digest_send, digests_dispatch, digests_for_organization
from advocacy.content.services import content_preview_refresh
from advocacy.core.safe_http import FetchError
from advocacy.core.tenancy import with_tenant


@shared_task(acks_late=True, soft_time_limit=30)
@with_tenant
def content_preview_fetch_task(*, organization_id: str, content_id: str) -> None:
    content_preview_refresh(content_id=content_id)


@shared_task(acks_late=True, max_retries=5, default_retry_delay=30)
@with_tenant
def suggestion_notify_task(*, organization_id: str, content_id: str) -> None:
    from advocacy.content.selectors import suggestion_get, suggestion_reviewer_emails

    content = suggestion_get(content_id=content_id)
    recipients = suggestion_reviewer_emails()
    if content is None or not recipients:
        return
    who = content.suggested_by.user.get_full_name() if content.suggested_by else "An employee"
    send_mail(
        subject=f"New content suggestion from {who}",
        message=(
            f"{who} suggested content for the advocacy programme:\n\n{content.url}\n\n"
            f"Why: {content.suggestion_why or '(no reason given)'}\n\n"
            f"Review it: {settings.FRONTEND_URL}/o/{content.organization.slug}/content/{content.pk}"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


# --- The weekly digest (see content/digest.py) ----------------------------------------------


@shared_task(acks_late=True)
def digests_dispatch_task() -> int:
    """Hourly from beat. Crosses tenants only to list organisations; each gets its own task."""
    return digests_dispatch()


@shared_task(acks_late=True)
@with_tenant
def digests_for_organization_task(*, organization_id: str, now: str) -> int:
    organization = Organization.objects.get(pk=organization_id)
    return len(digests_for_organization(organization=organization, now=datetime.fromisoformat(now)))


@shared_task(acks_late=True, autoretry_for=(SMTPException, OSError), max_retries=3, retry_backoff=60)
@with_tenant
def digest_send_task(*, organization_id: str, membership_id: str, now: str) -> str:
    return digest_send(membership_id=membership_id, now=datetime.fromisoformat(now))


@shared_task(acks_late=True, autoretry_for=(FetchError,), max_retries=3, retry_backoff=60)
@with_tenant
def chat_digest_send_task(*, organization_id: str, now: str) -> str:
    organization = Organization.objects.get(pk=organization_id)
    return chat_digest_send(organization=organization, now=datetime.fromisoformat(now))
