import type { ShareError, ShareStatus } from '@/api/types';

/** What the person can do about a failed or blocked share. */
export type ShareRemedy = 'reconnect' | 'wait' | 'edit' | 'contact' | 'check_profile';

export interface ShareAdvice {
  /** The problem, in plain words. */
  message: string;
  /** What to do next, in plain words. */
  action: string;
  remedy: ShareRemedy;
}

const RECONNECT = new Set([
  'connection_revoked',
  'connection_invalid',
  'connection_expired',
  'token_expired',
  'unauthorized',
]);

const EDIT = new Set([
  'not_original',
  'too_long',
  'disclaimer_missing',
  'reserved_relationship',
  'avoid_audience',
  'text_changed',
]);

const WAIT = new Set(['daily_cap', 'rate_limited', 'network_unavailable']);

const CONTACT = new Set([
  'not_approved',
  'retired',
  'expired',
  'network_not_allowed',
  'network_not_enabled',
  'not_in_grid',
  'not_ambassador',
  'inactive_member',
  'policy_not_acknowledged',
]);

/** Maps a share's `error` (`{code, detail, retryable}`) to a sentence and what to do. */
export function shareErrorAdvice(error: ShareError): ShareAdvice {
  const message = error.detail?.trim() || 'Posting this share did not work.';
  if (RECONNECT.has(error.code)) {
    return {
      message,
      remedy: 'reconnect',
      action: 'Reconnect the network on the Connections page, then share again.',
    };
  }
  if (error.code === 'outcome_unknown') {
    return {
      message,
      remedy: 'check_profile',
      action: 'Look at your profile on the network before sharing again, to avoid posting twice.',
    };
  }
  if (EDIT.has(error.code)) {
    return {
      message,
      remedy: 'edit',
      action: 'Share it again with text you edited to fix this.',
    };
  }
  if (error.code === 'policy_not_acknowledged') {
    return {
      message,
      remedy: 'contact',
      action: 'Read and acknowledge the current policy, then share again.',
    };
  }
  if (CONTACT.has(error.code)) {
    return {
      message,
      remedy: 'contact',
      action: 'This is not something you can fix here; ask your comms team if you need it.',
    };
  }
  if (WAIT.has(error.code) || error.retryable) {
    return {
      message,
      remedy: 'wait',
      action: 'Wait a while and try again; nothing was posted.',
    };
  }
  return {
    message,
    remedy: 'wait',
    action: 'Try again later. If it keeps failing, reconnect the network.',
  };
}

const STATUS_LABELS: Record<ShareStatus, string> = {
  draft: 'Draft',
  confirmed: 'Confirmed',
  in_review: 'Waiting for review',
  queued: 'Queued',
  posting: 'Posting',
  posted: 'Posted',
  failed: 'Failed',
  cancelled: 'Cancelled',
  blocked: 'Blocked',
};

const STATUS_COLORS: Record<ShareStatus, string> = {
  draft: 'gray',
  confirmed: 'blue',
  in_review: 'yellow',
  queued: 'blue',
  posting: 'blue',
  posted: 'green',
  failed: 'red',
  cancelled: 'gray',
  blocked: 'red',
};

export const shareStatusLabel = (status: ShareStatus) => STATUS_LABELS[status] ?? status;
export const shareStatusColor = (status: ShareStatus) => STATUS_COLORS[status] ?? 'gray';

const CANCELLABLE = new Set<ShareStatus>(['draft', 'confirmed', 'in_review', 'queued']);
export const canCancel = (status: ShareStatus) => CANCELLABLE.has(status);

const CONNECT_ERRORS: Record<string, string> = {
  invalid_callback: 'The network sent you back without the details we need. Please try again.',
  invalid_state: 'This connection attempt is not valid any more. Please start again.',
  state_expired: 'The connection attempt took too long. Please start again.',
  state_used: 'This connection attempt was already used. Please start again.',
  state_not_yours: 'This connection attempt was started by someone else. Please start again.',
  access_denied: 'The network did not grant access. Please try again and allow access.',
  network_unavailable: 'This network cannot be connected right now.',
};

/** The `?connect_error=` code the connect callback redirects with, as a sentence. */
export const connectErrorMessage = (code: string): string =>
  CONNECT_ERRORS[code] ?? 'Connecting the network did not work. Please try again.';
