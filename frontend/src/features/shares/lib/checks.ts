import type { ShareCheck } from '@/api/types';

/** Failing checks first (in the server's order), then the passing ones. */
export function sortChecks(checks: readonly ShareCheck[]): {
  failing: ShareCheck[];
  passing: ShareCheck[];
} {
  return {
    failing: checks.filter((check) => !check.ok),
    passing: checks.filter((check) => check.ok),
  };
}

const CHECK_LABELS: Record<string, string> = {
  not_approved: 'Content approved',
  retired: 'Content not retired',
  expired: 'Content not expired',
  network_not_allowed: 'Network allowed',
  not_in_grid: 'In your grid',
  policy_not_acknowledged: 'Policy acknowledged',
  not_ambassador: 'Sharing open to you',
  inactive_member: 'Active member',
  not_original: 'In your own words',
  reserved_relationship: 'No reserved relationships',
  avoid_audience: 'No audiences to avoid',
  disclaimer_missing: 'Disclaimer included',
  too_long: 'Within the length limit',
  daily_cap: 'Within the daily limit',
  already_shared: 'Not shared there yet',
};

/** A short name for a passing check. */
export const checkLabel = (code: string): string =>
  CHECK_LABELS[code] ?? code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** A failing check as a sentence: the server's detail, or a fallback naming the rule. */
export function checkSentence(check: ShareCheck): string {
  const detail = check.detail.trim();
  if (detail) return /[.!?]$/.test(detail) ? detail : `${detail}.`;
  return `This does not pass the rule "${checkLabel(check.code).toLowerCase()}".`;
}
