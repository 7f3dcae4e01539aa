"""Use cases that change readiness, cohorts and coaching tasks.

Cohort and task changes are audited. A member's own readiness and the tasks they tick off
are not: like the voice profile, they are the member's own notes, and recording them in the
organisation's audit log would turn private progress into something others can track.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from advocacy.accounts.models import Invitation, Membership, Organization, OrgRole, User
from advocacy.accounts.services import invitation_create, membership_update
from advocacy.audiences.models import Audience
from advocacy.coaching.library import STARTER_TASKS_BY_KIND
from advocacy.coaching.models import (
    AudienceSize,
    CoachingCompletion,
    CoachingTask,
    Cohort,
    CohortInvitee,
    CohortMember,
    PostingFrequency,
    SocialPresence,
    SocialPresenceAudience,
)
from advocacy.coaching.periods import week_of
from advocacy.coaching.selectors import members_by_email, open_invitations_by_email, reachable_audiences
from advocacy.core.archiving import save_or_conflict
from advocacy.core.audit import audit_changes, audit_record
from advocacy.core.errors import RuleViolationError

# --- Readiness ---------------------------------------------------------------------------

# What a field left out of the description becomes (a PUT replaces everything).
PRESENCE_DEFAULTS: dict[str, str] = {
    "profile_url": "",
    "audience_size": AudienceSize.UNKNOWN,
    "audience_description": "",
    "posting_frequency": PostingFrequency.NEVER,
}


@transaction.atomic
def readiness_save(*, membership: Membership, networks: list[dict[str, Any]]) -> None:
    """Replace the member's description of their social presence (a PUT): networks left out
    are forgotten. Audiences must be ones the member's roles lead or support."""
    reachable = {audience.id for audience in reachable_audiences(membership=membership)}
    for entry in networks:
        outside = [a for a in entry.get("audiences", []) if a.pk not in reachable]
        if outside:
            names = ", ".join(f"“{audience.name}”" for audience in outside)
            raise RuleViolationError(
                f"None of your roles leads or supports {names}; "
                "say who else you reach in the audience description instead.",
                code="audience_not_in_roles",
                network=entry["network"],
            )
    # Two saves of the same member (two tabs) run one after the other, not interleaved.
    Membership.objects.select_for_update().filter(pk=membership.pk).first()
    kept = [entry["network"] for entry in networks]
    SocialPresence.objects.filter(membership=membership).exclude(network__in=kept).delete()
    existing = {p.network: p for p in SocialPresence.objects.filter(membership=membership)}
    for entry in networks:
        presence = existing.get(entry["network"]) or SocialPresence(
            organization_id=membership.organization_id, membership=membership, network=entry["network"]
        )
        for name, default in PRESENCE_DEFAULTS.items():
            setattr(presence, name, entry.get(name, default))
        presence.save()
        _presence_audiences_set(presence, entry.get("audiences", []))


def _presence_audiences_set(presence: SocialPresence, audiences: list[Audience]) -> None:
    wanted = {audience.pk for audience in audiences}
    links = SocialPresenceAudience.objects.filter(presence=presence)
    links.exclude(audience_id__in=wanted).delete()
    present = set(links.values_list("audience_id", flat=True))
    SocialPresenceAudience.objects.bulk_create(
        SocialPresenceAudience(organization_id=presence.organization_id, presence=presence, audience_id=audience_id)
        for audience_id in wanted - present
    )


# --- Cohorts -----------------------------------------------------------------------------


def _cohort_state(cohort: Cohort) -> dict[str, Any]:
    return {
        **cohort.audit_state(),
        "members": sorted(
            str(pk) for pk in CohortMember.objects.filter(cohort=cohort).values_list("membership_id", flat=True)
        ),
        "invitees": sorted(CohortInvitee.objects.filter(cohort=cohort).values_list("email", flat=True)),
    }


def _cohort_members_set(cohort: Cohort, members: list[Membership]) -> None:
    wanted = {member.pk for member in members}
    links = CohortMember.objects.filter(cohort=cohort)
    links.exclude(membership_id__in=wanted).delete()
    present = set(links.values_list("membership_id", flat=True))
    CohortMember.objects.bulk_create(
        CohortMember(organization_id=cohort.organization_id, cohort=cohort, membership_id=member_id)
        for member_id in wanted - present
    )


def _cohort_invitees_set(cohort: Cohort, emails: list[str]) -> None:
    wanted = {email.strip().lower() for email in emails}
    invitees = CohortInvitee.objects.filter(cohort=cohort)
    invitees.exclude(email__in=wanted).delete()
    present = set(invitees.values_list("email", flat=True))
    CohortInvitee.objects.bulk_create(
        CohortInvitee(organization_id=cohort.organization_id, cohort=cohort, email=email)
        for email in sorted(wanted - present)
    )


def _refuse_future_invitation(invited_at: datetime | None) -> None:
    if invited_at is not None and invited_at > timezone.now():
        raise RuleViolationError(
            "A cohort cannot have been invited in the future; invite it when the time comes.",
            code="invited_at_in_future",
        )


def _save_cohort(cohort: Cohort) -> None:
    save_or_conflict(cohort, message=f"A cohort named “{cohort.name}” already exists.", code="cohort_name_taken")


@transaction.atomic
def cohort_create(
    *,
    organization: Organization,
    actor: User,
    name: str,
    members: list[Membership] | None = None,
    invitees: list[str] | None = None,
    invited_at: datetime | None = None,
) -> Cohort:
    _refuse_future_invitation(invited_at)
    cohort = Cohort(organization=organization, name=name, invited_at=invited_at)
    _save_cohort(cohort)
    _cohort_members_set(cohort, members or [])
    _cohort_invitees_set(cohort, invitees or [])
    audit_record(organization=organization, actor=actor, verb="cohort.created", obj=cohort, after=_cohort_state(cohort))
    return cohort


@transaction.atomic
def cohort_update(
    *,
    cohort: Cohort,
    actor: User,
    members: list[Membership] | None = None,
    invitees: list[str] | None = None,
    **fields: Any,
) -> Cohort:
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    before = _cohort_state(cohort)
    if "invited_at" in fields:
        _refuse_future_invitation(fields["invited_at"])
        cohort.invited_at = fields["invited_at"]
    if "name" in fields:
        cohort.name = fields["name"]
    _save_cohort(cohort)
    if members is not None:
        _cohort_members_set(cohort, members)
    if invitees is not None:
        _cohort_invitees_set(cohort, invitees)
    audit_changes(
        organization=cohort.organization,
        actor=actor,
        verb="cohort.changed",
        obj=cohort,
        before=before,
        after=_cohort_state(cohort),
    )
    return cohort


@transaction.atomic
def cohort_delete(*, cohort: Cohort, actor: User) -> None:
    """Forget the cohort. Ambassadors it made stay ambassadors, invitations it sent stay
    valid: people are not un-invited by tidying up a list."""
    audit_record(
        organization=cohort.organization, actor=actor, verb="cohort.deleted", obj=cohort, before=_cohort_state(cohort)
    )
    cohort.delete()


@dataclass(frozen=True)
class CohortInviteResult:
    cohort: Cohort
    made_ambassadors: int
    invitations_sent: int
    joined_from_invitees: int


@transaction.atomic
def cohort_invite(*, cohort: Cohort, actor: User) -> CohortInviteResult:
    """Invite the cohort into the rollout: its active members become ambassadors (so they
    may share while the organisation is in ``ambassadors_only``); people not in the
    organisation yet get an invitation as employees. Safe to repeat: invitees who have
    joined since become members of the cohort and ambassadors; pending invitations are not
    sent twice. Moving everyone in is the organisation setting ``rollout_stage``."""
    cohort = Cohort.objects.select_for_update().select_related("organization").get(pk=cohort.pk)
    organization = cohort.organization
    now = timezone.now()
    invitees = list(CohortInvitee.objects.filter(cohort=cohort).order_by("email"))
    emails = [invitee.email for invitee in invitees]
    known = members_by_email(emails=emails)
    pending = open_invitations_by_email(emails=emails, now=now)
    joined = 0
    sent = 0
    for invitee in invitees:
        member = known.get(invitee.email)
        if member is not None and member.is_active:
            # They joined since the cohort was set up: from now on they are a member of it.
            CohortMember.objects.get_or_create(
                cohort=cohort, membership=member, defaults={"organization_id": organization.pk}
            )
            invitee.delete()
            joined += 1
            continue
        invitation = pending.get(invitee.email)
        if invitation is None:
            invitation, _token = invitation_create(
                organization=organization, actor=actor, email=invitee.email, org_role=OrgRole.EMPLOYEE
            )
            sent += 1
        if invitee.invitation_id != invitation.pk:
            invitee.invitation = invitation
            invitee.save(update_fields=["invitation", "updated_at"])
    made_ambassadors = 0
    links = CohortMember.objects.filter(cohort=cohort, membership__is_active=True).select_related("membership__user")
    for link in links:
        if not link.membership.ambassador:
            membership_update(membership=link.membership, actor=actor, ambassador=True)
            made_ambassadors += 1
        if link.invited_at is None:
            link.invited_at = now
            link.save(update_fields=["invited_at", "updated_at"])
    before = cohort.audit_state()
    if cohort.invited_at is None:
        cohort.invited_at = now
        cohort.save(update_fields=["invited_at", "updated_at"])
    audit_record(
        organization=organization,
        actor=actor,
        verb="cohort.invited",
        obj=cohort,
        before=before,
        after={
            **cohort.audit_state(),
            "made_ambassadors": made_ambassadors,
            "invitations_sent": sent,
            "joined_from_invitees": joined,
        },
    )
    return CohortInviteResult(cohort, made_ambassadors, sent, joined)


def cohort_join_on_invitation_accepted(*, invitation: Invitation, membership: Membership) -> int:
    """INVITATION_ACCEPTED_HANDLERS: someone invited with a cohort joins that cohort the
    moment they accept (``added_to_cohort_at`` is the join time; ``invited_at`` when the
    cohort's invitation was sent) and, the cohort being invited, becomes an ambassador like
    its other members. Runs in the accepting transaction, in the organisation's context."""
    invitees = list(CohortInvitee.objects.select_for_update().filter(invitation=invitation).select_related("cohort"))
    for invitee in invitees:
        cohort = invitee.cohort
        CohortMember.objects.get_or_create(
            cohort=cohort,
            membership=membership,
            defaults={"organization_id": membership.organization_id, "invited_at": invitation.created_at},
        )
        invitee.delete()
        audit_record(
            organization=membership.organization,
            actor=membership.user,
            verb="cohort.member_joined",
            obj=cohort,
            after={"member": str(membership.pk), "invitation": str(invitation.pk)},
        )
    if invitees and not membership.ambassador:
        membership_update(membership=membership, actor=invitation.invited_by or membership.user, ambassador=True)
    return len(invitees)


# --- Coaching tasks ----------------------------------------------------------------------

TASK_FIELDS = ("title", "description", "role", "kind", "week", "recurring", "active")


def _check_schedule(task: CoachingTask) -> None:
    if task.recurring and task.week is not None:
        raise RuleViolationError(
            "A task is either for one week or recurring every week, not both.", code="week_or_recurring"
        )
    if not task.recurring and task.week is None:
        raise RuleViolationError("Give the week the task is for, or make it recurring.", code="week_or_recurring")


def _apply_task_fields(task: CoachingTask, fields: dict[str, Any]) -> None:
    for name in TASK_FIELDS:
        if name in fields:
            setattr(task, name, fields[name])
    if "week" in fields and fields["week"] is not None:
        task.week = week_of(fields["week"])
    # A one-week task made recurring (or the reverse) needs no second field in the request.
    if fields.get("recurring") is True and "week" not in fields:
        task.week = None
    starter = STARTER_TASKS_BY_KIND.get(task.kind)
    if starter is not None:
        task.title = task.title or starter.title
        task.description = task.description or starter.description
    if not task.title:
        raise RuleViolationError("A custom task needs a title.", code="title_required")
    _check_schedule(task)


@transaction.atomic
def coaching_task_create(*, organization: Organization, actor: User, **fields: Any) -> CoachingTask:
    """A task from the starter library (``kind``; title and description default to the
    library's) or written from scratch (``kind="custom"``). ``week`` is any day of the week
    the task is for; it is stored as that week's Monday."""
    task = CoachingTask(organization=organization)
    _apply_task_fields(task, fields)
    task.save()
    audit_record(
        organization=organization, actor=actor, verb="coaching_task.created", obj=task, after=task.audit_state()
    )
    return task


@transaction.atomic
def coaching_task_update(*, task: CoachingTask, actor: User, **fields: Any) -> CoachingTask:
    task = CoachingTask.objects.select_for_update().get(pk=task.pk)
    before = task.audit_state()
    _apply_task_fields(task, fields)
    task.save()
    audit_changes(
        organization=task.organization,
        actor=actor,
        verb="coaching_task.changed",
        obj=task,
        before=before,
        after=task.audit_state(),
    )
    return task


@transaction.atomic
def coaching_task_delete(*, task: CoachingTask, actor: User) -> None:
    """Deletes the task and who did it when. To stop a task while keeping members' record
    of it, set ``active`` to false instead."""
    audit_record(
        organization=task.organization, actor=actor, verb="coaching_task.deleted", obj=task, before=task.audit_state()
    )
    task.delete()


def coaching_task_done(*, task: CoachingTask, membership: Membership, week: date) -> CoachingCompletion:
    """Mark the task done by the member in ``week``; doing so again changes nothing."""
    week = week_of(week)
    existing = CoachingCompletion.objects.filter(task=task, membership=membership, week=week).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return CoachingCompletion.objects.create(
                organization_id=membership.organization_id, task=task, membership=membership, week=week
            )
    except IntegrityError:
        # A double click raced us to it: the completion exists, which is all that was asked.
        return CoachingCompletion.objects.get(task=task, membership=membership, week=week)


def coaching_task_undone(*, task: CoachingTask, membership: Membership, week: date) -> bool:
    """Take back the member's "done" on the task in ``week``. Returns whether there was one
    to take back; undoing what is not done changes nothing."""
    deleted, _ = CoachingCompletion.objects.filter(task=task, membership=membership, week=week_of(week)).delete()
    return deleted > 0
