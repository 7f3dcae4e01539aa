"""Background jobs of the content app: wrappers that enter the tenant and call one service."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail

from advocacy.content.services import content_preview_refresh
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
