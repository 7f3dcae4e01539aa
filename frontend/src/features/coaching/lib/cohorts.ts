import { EMAIL_PATTERN } from '@/lib/forms';

import type { Cohort, CohortInput } from '../api/coaching';

import { dayOf, dayToDateTime } from './dates';

export interface CohortValues {
  name: string;
  members: string[];
  /** Email addresses, one per line (commas and spaces work too). */
  invitees: string;
  /** The day an earlier wave was invited, for cohorts invited before this tool. */
  invited_on: string;
}

export function cohortValues(cohort?: Cohort): CohortValues {
  return {
    name: cohort?.name ?? '',
    members: cohort?.members ?? [],
    invitees: cohort?.invitees.map((i) => i.email).join('\n') ?? '',
    invited_on: dayOf(cohort?.invited_at),
  };
}

export function parseEmails(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\s,;]+/)) {
    const email = part.trim().toLowerCase();
    if (email) seen.add(email);
  }
  return [...seen];
}

export function invalidEmails(text: string): string[] {
  return parseEmails(text).filter((email) => !EMAIL_PATTERN.test(email));
}

export function validateInvitees(text: string): string | null {
  const wrong = invalidEmails(text);
  if (wrong.length === 0) return null;
  return wrong.length === 1
    ? `“${wrong[0]}” is not an email address.`
    : `These are not email addresses: ${wrong.map((w) => `“${w}”`).join(', ')}.`;
}

/**
 * The API body. `invited_at` is sent only when the person set or cleared it: the invite
 * action sets it to the exact moment, which a day picker must not overwrite.
 */
export function cohortInput(values: CohortValues, cohort?: Cohort): CohortInput {
  const input: CohortInput = {
    name: values.name.trim(),
    members: values.members,
    invitees: parseEmails(values.invitees),
  };
  if (values.invited_on !== dayOf(cohort?.invited_at)) {
    input.invited_at = values.invited_on ? dayToDateTime(values.invited_on) : null;
  }
  return input;
}

/** What inviting will do, in a sentence, before the comms lead confirms it. */
export function inviteSummary(cohort: Cohort): string {
  const notAmbassadors = cohort.history.filter((m) => m.is_active && !m.ambassador).length;
  const toInvite = cohort.invitees.filter(
    (i) => i.status === 'not_invited' || i.status === 'expired' || i.status === 'revoked',
  ).length;
  const parts: string[] = [];
  parts.push(
    notAmbassadors === 0
      ? 'Every member of this cohort is already an ambassador.'
      : `${notAmbassadors} ${notAmbassadors === 1 ? 'member becomes an ambassador' : 'members become ambassadors'}, so they can share while the rollout is for ambassadors only.`,
  );
  if (toInvite > 0) {
    parts.push(
      `${toInvite} ${toInvite === 1 ? 'person who is' : 'people who are'} not in the organisation yet will get an invitation by email.`,
    );
  }
  parts.push('Inviting again later is safe: nobody is invited twice.');
  return parts.join(' ');
}
