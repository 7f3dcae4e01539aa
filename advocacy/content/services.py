"""Use cases of the content library: the approval workflow with frozen versions, the
grid, templates, employee suggestions and link previews. Every transition is audited."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string

from advocacy.accounts.models import Membership, Organization
from advocacy.audiences.models import Audience
from advocacy.content.models import (
    VERSIONED_FIELDS,
    ApprovalDecision,
    ApprovalStep,
    ContentApproval,
    ContentItem,
    ContentSource,
    ContentStatus,
    ContentVersion,
    GridCell,
    MessageTemplate,
    PreviewStatus,
)
from advocacy.core.archiving import save_or_conflict
from advocacy.core.audit import audit_changes, audit_record
from advocacy.core.errors import ConflictError, PermissionDeniedError, RuleViolationError
from advocacy.core.safe_http import FetchError, UnsafeUrlError
from advocacy.roles.models import AdvocacyRole

EDITABLE_FIELDS = VERSIONED_FIELDS


def _state(content: ContentItem) -> dict[str, Any]:
    return {**content.working_copy(), "status": content.status, "version": content.version}


def _transition_error(content: ContentItem, action: str) -> ConflictError:
    return ConflictError(
        f"Cannot {action} an item that is {content.get_status_display().lower()}.",
        code="invalid_transition",
        content_status=content.status,
    )


def _locked(content: ContentItem) -> ContentItem:
    return ContentItem.objects.select_for_update().get(pk=content.pk)


def _live_state(content: ContentItem) -> dict[str, Any]:
    version = content.approved_version
    live = version is not None and content.status != ContentStatus.RETIRED
    return {
        "live": live,
        "live_until": version.expires_at if version is not None else None,
        "approved_at": version.approved_at if version is not None else None,
    }


def _grid_sync(content: ContentItem) -> None:
    """Copy the content's live state onto its grid cells (see GridCell.live)."""
    GridCell.objects.filter(content=content).update(**_live_state(content))


def _schedule_preview(content: ContentItem) -> None:
    from advocacy.content.tasks import content_preview_fetch_task

    organization_id, content_id = str(content.organization_id), str(content.pk)
    transaction.on_commit(
        lambda: content_preview_fetch_task.delay(organization_id=organization_id, content_id=content_id)
    )


# --- The library and its workflow ----------------------------------------------------------


@transaction.atomic
def content_create(
    *, organization: Organization, actor: Membership, fetch_preview: bool = True, **fields: Any
) -> ContentItem:
    content = ContentItem(
        organization=organization,
        created_by=actor,
        **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS},
    )
    fetch = bool(content.url) and fetch_preview
    if fetch:
        content.preview_status = PreviewStatus.PENDING
    content.save()
    audit_record(
        organization=organization, actor=actor.user, verb="content.created", obj=content, after=_state(content)
    )
    if fetch:
        _schedule_preview(content)
    return content


@transaction.atomic
def content_update(*, content: ContentItem, actor: Membership, **fields: Any) -> ContentItem:
    """Edit the working copy. On an approved item this starts a new version that needs
    approval again (the approved version stays live meanwhile); an item in review goes
    back to draft, since what was being reviewed changed."""
    content = _locked(content)
    if content.status == ContentStatus.RETIRED:
        raise _transition_error(content, "edit")
    before = _state(content)
    url_before = content.url
    for name, value in fields.items():
        if name in EDITABLE_FIELDS:
            setattr(content, name, value)
    if content.working_copy() == {k: before[k] for k in VERSIONED_FIELDS}:
        return content
    if content.status in (ContentStatus.APPROVED, ContentStatus.IN_REVIEW):
        content.status = ContentStatus.DRAFT
    if content.url != url_before:
        content.preview_status = PreviewStatus.PENDING if content.url else PreviewStatus.NONE
        content.preview_title = content.preview_description = content.preview_image_url = content.preview_error = ""
    content.save()
    audit_changes(
        organization=content.organization,
        actor=actor.user,
        verb="content.changed",
        obj=content,
        before=before,
        after=_state(content),
    )
    if content.url and content.url != url_before:
        _schedule_preview(content)
    return content


@transaction.atomic
def content_submit(*, content: ContentItem, actor: Membership) -> ContentItem:
    """Freeze the working copy as the next version and send it for review."""
    content = _locked(content)
    if content.status not in (ContentStatus.DRAFT, ContentStatus.REJECTED):
        raise _transition_error(content, "submit")
    content.version += 1
    version = ContentVersion.objects.create(
        organization_id=content.organization_id,
        content=content,
        number=content.version,
        submitted_by=actor,
        **content.working_copy(),
    )
    content.status = ContentStatus.IN_REVIEW
    content.rejection_reason = ""
    content.save()
    audit_record(
        organization=content.organization,
        actor=actor.user,
        verb="content.submitted",
        obj=content,
        after={"version": version.number, "title": version.title},
    )
    return content


def approval_steps(organization: Organization) -> list[str]:
    return [ApprovalStep.MARKETING, ApprovalStep.LEGAL] if organization.two_step_approval else [ApprovalStep.SINGLE]


def _current_version(content: ContentItem) -> ContentVersion:
    return ContentVersion.objects.get(content=content, number=content.version)


@transaction.atomic
def content_approve(*, content: ContentItem, actor: Membership) -> ContentItem:
    """Approve the version in review at its next step. With two-step approval (marketing,
    then legal) the two approvals come from two different people, neither of them the
    person who submitted the version."""
    content = _locked(content)
    if content.status != ContentStatus.IN_REVIEW:
        raise _transition_error(content, "approve")
    organization = content.organization
    version = _current_version(content)
    steps = approval_steps(organization)
    done = list(
        ContentApproval.objects.filter(version=version, decision=ApprovalDecision.APPROVED).values_list(
            "step", "approver_id"
        )
    )
    if organization.two_step_approval:
        if version.submitted_by_id == actor.pk:
            raise PermissionDeniedError(
                "With two-step approval, the person who submitted an item cannot approve it.",
                code="own_submission",
            )
        if any(approver_id == actor.pk for _step, approver_id in done):
            raise PermissionDeniedError(
                "You already approved this version; the next step needs someone else.", code="already_approved_step"
            )
    step = steps[len(done)]
    ContentApproval.objects.create(
        organization=organization,
        content=content,
        version=version,
        approver=actor,
        approver_email=actor.user.email,
        step=step,
        decision=ApprovalDecision.APPROVED,
    )
    complete = len(done) + 1 == len(steps)
    if complete:
        version.approved_at = timezone.now()
        version.save(update_fields=["approved_at", "updated_at"])
        content.approved_version = version
        content.status = ContentStatus.APPROVED
        content.save()
        _grid_sync(content)
    audit_record(
        organization=organization,
        actor=actor.user,
        verb="content.approved" if complete else "content.approval_step",
        obj=content,
        after={"version": version.number, "step": step, "complete": complete},
    )
    return content


@transaction.atomic
def content_reject(*, content: ContentItem, actor: Membership, reason: str) -> ContentItem:
    content = _locked(content)
    if content.status != ContentStatus.IN_REVIEW:
        raise _transition_error(content, "reject")
    version = _current_version(content)
    done = ContentApproval.objects.filter(version=version, decision=ApprovalDecision.APPROVED).count()
    steps = approval_steps(content.organization)
    ContentApproval.objects.create(
        organization=content.organization,
        content=content,
        version=version,
        approver=actor,
        approver_email=actor.user.email,
        step=steps[min(done, len(steps) - 1)],
        decision=ApprovalDecision.REJECTED,
        reason=reason,
    )
    content.status = ContentStatus.REJECTED
    content.rejection_reason = reason
    content.save()
    audit_record(
        organization=content.organization,
        actor=actor.user,
        verb="content.rejected",
        obj=content,
        after={"version": version.number, "reason": reason},
    )
    return content


@transaction.atomic
def content_retire(*, content: ContentItem, actor: Membership) -> ContentItem:
    """Withdraw live content: it leaves every feed at once, and every share of it that was
    not posted yet is cancelled (by the handlers in ``CONTENT_RETIRED_HANDLERS``)."""
    content = _locked(content)
    if content.status == ContentStatus.RETIRED or content.approved_version_id is None:
        raise _transition_error(content, "retire")
    before = _state(content)
    content.status = ContentStatus.RETIRED
    content.retired_at = timezone.now()
    content.save()
    _grid_sync(content)
    audit_record(
        organization=content.organization,
        actor=actor.user,
        verb="content.retired",
        obj=content,
        before={"status": before["status"]},
        after={"status": content.status},
    )
    for path in settings.CONTENT_RETIRED_HANDLERS:
        import_string(path)(content=content, actor=actor)
    return content


# --- Link previews ---------------------------------------------------------------------


def content_preview_refresh(*, content_id: Any) -> ContentItem | None:
    """Fetch the OpenGraph preview of the item's URL (outside any transaction: it waits on
    the network), then store it if the URL has not changed meanwhile."""
    from advocacy.content.previews import fetch_link_preview

    content = ContentItem.objects.filter(pk=content_id).first()
    if content is None or not content.url:
        return None
    url = content.url
    try:
        preview = fetch_link_preview(url)
        fields = {
            "preview_status": PreviewStatus.FETCHED,
            "preview_title": preview.title,
            "preview_description": preview.description,
            "preview_image_url": preview.image_url,
            "preview_error": "",
        }
    except (UnsafeUrlError, FetchError) as exc:
        fields = {"preview_status": PreviewStatus.FAILED, "preview_error": str(exc)[:300]}
    ContentItem.objects.filter(pk=content.pk, url=url).update(**fields, updated_at=timezone.now())
    return ContentItem.objects.filter(pk=content.pk).first()


# --- Suggestions -------------------------------------------------------------------------


@transaction.atomic
def suggestion_create(*, organization: Organization, member: Membership, url: str, why: str) -> ContentItem:
    """An employee found something worth sharing: it becomes a draft for the comms team,
    credited to them, and reviewers are told."""
    content = ContentItem.objects.create(
        organization=organization,
        title=(urlsplit(url).hostname or url)[:200],
        url=url,
        source=ContentSource.EMPLOYEE_SUGGESTION,
        suggested_by=member,
        suggestion_why=why,
        created_by=member,
        preview_status=PreviewStatus.PENDING,
    )
    audit_record(
        organization=organization,
        actor=member.user,
        verb="content.suggested",
        obj=content,
        after={"url": url, "why": why},
    )
    _schedule_preview(content)
    from advocacy.content.tasks import suggestion_notify_task

    organization_id, content_id = str(organization.pk), str(content.pk)
    transaction.on_commit(lambda: suggestion_notify_task.delay(organization_id=organization_id, content_id=content_id))
    return content


# --- The grid ----------------------------------------------------------------------------


def _require_live(content: ContentItem) -> None:
    if content.approved_version_id is None or content.status == ContentStatus.RETIRED:
        raise RuleViolationError("Only approved, live content can be placed in the grid.", code="content_not_approved")


@transaction.atomic
def grid_cell_create(
    *,
    organization: Organization,
    actor: Membership,
    role: AdvocacyRole,
    audience: Audience | None,
    content: ContentItem,
    note: str = "",
    position: int | None = None,
) -> GridCell:
    # Re-read: the caller's copy may predate an approval or a retirement.
    content = ContentItem.objects.select_for_update(of=("self",)).select_related("approved_version").get(pk=content.pk)
    _require_live(content)
    if position is None:
        last = GridCell.objects.filter(role=role, audience=audience).aggregate(last=Max("position"))["last"]
        position = 0 if last is None else last + 1
    cell = GridCell(
        organization=organization,
        role=role,
        audience=audience,
        content=content,
        note=note,
        position=position,
        **_live_state(content),
    )
    save_or_conflict(cell, message="This content is already in that cell.", code="already_in_cell")
    audit_record(organization=organization, actor=actor.user, verb="grid.placed", obj=cell, after=cell.audit_state())
    return cell


@transaction.atomic
def grid_cell_update(*, cell: GridCell, actor: Membership, **fields: Any) -> GridCell:
    cell = GridCell.objects.select_for_update().get(pk=cell.pk)
    before = cell.audit_state()
    for name in ("note", "position"):
        if name in fields:
            setattr(cell, name, fields[name])
    cell.save()
    audit_changes(
        organization=cell.organization,
        actor=actor.user,
        verb="grid.changed",
        obj=cell,
        before=before,
        after=cell.audit_state(),
    )
    return cell


@transaction.atomic
def grid_cell_delete(*, cell: GridCell, actor: Membership) -> None:
    audit_record(
        organization=cell.organization, actor=actor.user, verb="grid.removed", obj=cell, before=cell.audit_state()
    )
    cell.delete()


@transaction.atomic
def grid_reorder(
    *, organization: Organization, actor: Membership, role: AdvocacyRole, audience: Audience | None, cell_ids: list[Any]
) -> list[GridCell]:
    """Put the cells of one (role, audience) in the given order, in one call."""
    cells = {c.pk: c for c in GridCell.objects.select_for_update().filter(role=role, audience=audience)}
    if set(cell_ids) != set(cells) or len(cell_ids) != len(cells):
        raise RuleViolationError("Give every cell of this role and audience exactly once.", code="reorder_mismatch")
    for position, cell_id in enumerate(cell_ids):
        cells[cell_id].position = position
    GridCell.objects.bulk_update(list(cells.values()), ["position"])
    audit_record(
        organization=organization,
        actor=actor.user,
        verb="grid.reordered",
        obj=role,
        after={
            "audience": str(audience.pk) if audience else None,
            "order": [str(cell_id) for cell_id in cell_ids],
        },
    )
    return [cells[cell_id] for cell_id in cell_ids]


# --- Templates ---------------------------------------------------------------------------


@transaction.atomic
def template_create(*, organization: Organization, actor: Membership, **fields: Any) -> MessageTemplate:
    template = MessageTemplate.objects.create(organization=organization, **fields)
    audit_record(
        organization=organization, actor=actor.user, verb="template.created", obj=template, after=template.audit_state()
    )
    return template


@transaction.atomic
def template_update(*, template: MessageTemplate, actor: Membership, **fields: Any) -> MessageTemplate:
    template = MessageTemplate.objects.select_for_update().get(pk=template.pk)
    before = template.audit_state()
    for name, value in fields.items():
        setattr(template, name, value)
    template.save()
    audit_changes(
        organization=template.organization,
        actor=actor.user,
        verb="template.changed",
        obj=template,
        before=before,
        after=template.audit_state(),
    )
    return template


@transaction.atomic
def template_delete(*, template: MessageTemplate, actor: Membership) -> None:
    audit_record(
        organization=template.organization,
        actor=actor.user,
        verb="template.deleted",
        obj=template,
        before=template.audit_state(),
    )
    template.delete()


@transaction.atomic
def content_delete(*, content: ContentItem, actor: Membership) -> None:
    """Delete a draft that was never approved (nothing can point at it yet); live content
    is retired instead, so what points at it keeps it."""
    content = _locked(content)
    never_live = content.approved_version_id is None and content.status in (ContentStatus.DRAFT, ContentStatus.REJECTED)
    if not never_live:
        raise ConflictError(
            "Only drafts that were never approved can be deleted; retire it instead.", code="use_retire"
        )
    audit_record(
        organization=content.organization, actor=actor.user, verb="content.deleted", obj=content, before=_state(content)
    )
    content.delete()


@transaction.atomic
def content_preview_schedule(*, content: ContentItem, actor: Membership) -> ContentItem:
    content = _locked(content)
    if content.url:
        content.preview_status = PreviewStatus.PENDING
        content.save(update_fields=["preview_status", "updated_at"])
        _schedule_preview(content)
    return content
