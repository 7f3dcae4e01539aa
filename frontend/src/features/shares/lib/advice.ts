import type { Network, Share, ShareError, ShareStatus } from '@/api/types';
import { formatDateTime, networkLabel } from '@/lib/labels';

/** What the person can do about a share that did not go out (yet). */
export type ShareRemedy =
  /** Reconnect the network, then share again. */
  | 'reconnect'
  /** Look at the network profile first: the post may exist. */
  | 'check_profile'
  /** Nothing: we try again by ourselves. */
  | 'automatic'
  /** Discard this share and share the item again (after fixing what was wrong). */
  | 'reshare'
  /** Something only the comms team or an admin can change. */
  | 'contact'
  /** Nothing to do (cancelled, withdrawn). */
  | 'none';

export interface ShareAdvice {
  /** A short headline. */
  title: string;
  /** What happened, in plain words. */
  message: string;
  /** What to do next, in plain words. */
  action: string;
  remedy: ShareRemedy;
  /** The network's or reviewer's own words, when they explain it best. */
  quote?: { label: string; text: string };
  /** The server's sentence, when it adds to `message`. */
  detail?: string;
  color: 'red' | 'yellow' | 'blue' | 'gray';
}

const RECONNECT = new Set([
  'connection_expired',
  'connection_revoked',
  'connection_invalid',
  'token_expired',
  'token_rejected',
  'invalid_grant',
  'unauthorized',
]);

/** Checks a share can fail when the worker checks it again; fixed by a new text. */
const EDIT = new Set([
  'not_original',
  'too_long',
  'disclaimer_missing',
  'reserved_relationship',
  'avoid_audience',
]);

/** Checks only the comms team or an admin can change. */
const CONTACT = new Set([
  'not_approved',
  'expired',
  'network_not_allowed',
  'network_not_enabled',
  'not_in_grid',
  'not_ambassador',
  'inactive_member',
]);

const RESHARE = 'then discard this share and share the item again';

const sentenceOf = (text: string) => {
  const trimmed = text.trim();
  return /[.!?…”"]$/.test(trimmed) ? trimmed : `${trimmed}.`;
};

/** When the worker tries again: `retry_at` on the share or its error, as the API sends it. */
export function retryTime(share: Pick<Share, 'retry_at' | 'error'>): string | null {
  return share.retry_at ?? share.error?.retry_at ?? null;
}

function retryAction(share: Pick<Share, 'retry_at' | 'error'>): string {
  const at = retryTime(share);
  return at
    ? `We are retrying automatically at ${formatDateTime(at)}. You do not need to do anything.`
    : 'We are retrying automatically shortly. You do not need to do anything.';
}

/** A held-back share (queued again after a failed attempt): why, and that we retry. */
function heldBackAdvice(
  share: Pick<Share, 'retry_at' | 'error'>,
  net: string,
  error: ShareError,
): ShareAdvice {
  const messages: Record<string, string> = {
    rate_limited: `${net} asked us to slow down (too many posts in a short time). Nothing was posted yet.`,
    network_unreachable: `${net} could not be reached. Nothing was posted yet.`,
    outcome_unknown: `${net} did not answer clearly. Trying again is safe: ${net} never posts the same share twice.`,
  };
  return {
    title: error.code === 'rate_limited' ? `Waiting for ${net}` : 'Trying again',
    message:
      messages[error.code] ??
      `The last attempt to post did not get through. Nothing was posted yet.`,
    action: retryAction(share),
    remedy: 'automatic',
    detail: messages[error.code] ? undefined : error.detail || undefined,
    color: 'blue',
  };
}

/**
 * Explains why a share did not go out (or not yet) and what to do next, from its status
 * and `error` (`{code, detail, retryable}`). Null when there is nothing to explain.
 */
export function shareAdvice(
  share: Pick<Share, 'status' | 'network' | 'error' | 'retry_at'>,
): ShareAdvice | null {
  const error = share.error;
  if (!error || !error.code || share.status === 'posted') return null;
  const net = networkLabel(share.network as Network);
  const detail = error.detail?.trim() ?? '';
  const extra = detail ? { detail: sentenceOf(detail) } : {};

  // Back in the queue after a failed attempt: the worker tries again by itself.
  if (share.status === 'queued' || share.status === 'posting') {
    return heldBackAdvice(share, net, error);
  }

  switch (error.code) {
    case 'outcome_unknown':
      return {
        title: 'Check your profile before trying again',
        message: `We lost the answer from ${net} after sending, so we cannot tell whether it was posted.`,
        action: `Look at your ${net} profile first. If the post is there, there is nothing to do; if it is not, discard this share and share the item again.`,
        remedy: 'check_profile',
        color: 'yellow',
      };
    case 'rate_limited':
      return {
        title: `Waiting for ${net}`,
        message: `${net} asked us to slow down (too many posts in a short time).`,
        action: retryTime(share) ? retryAction(share) : `Wait a while, ${RESHARE}.`,
        remedy: retryTime(share) ? 'automatic' : 'reshare',
        color: 'yellow',
      };
    case 'post_rejected':
      return {
        title: `${net} refused the post`,
        message: 'Nothing was posted.',
        quote: detail ? { label: `${net} said`, text: detail } : undefined,
        action: `Change what ${net} objected to, ${RESHARE}.`,
        remedy: 'reshare',
        color: 'red',
      };
    case 'text_changed':
      return {
        title: 'Not posted: the text changed',
        message:
          'The text changed after you confirmed it. We only post exactly the text you confirmed, so it was held back.',
        action: 'Discard this share and share the item again, then confirm the final text.',
        remedy: 'reshare',
        color: 'red',
      };
    case 'retired':
      return {
        title: 'Content withdrawn',
        message:
          'Your comms team withdrew this content before it was posted, so the share was cancelled.',
        action: 'Nothing to do. Pick something else from For you.',
        remedy: 'none',
        color: 'gray',
      };
    case 'review_rejected':
      return {
        title: 'Not passed by a reviewer',
        message: 'A reviewer did not pass this share, so it was not posted.',
        quote: detail ? { label: 'Their reason', text: detail } : undefined,
        action: `Edit your text to address the reason: discard this share and share the item again.`,
        remedy: 'reshare',
        color: 'red',
      };
    case 'cancelled':
      return {
        title: 'Cancelled',
        message: detail ? sentenceOf(detail) : 'This share was cancelled.',
        action: 'Nothing was posted.',
        remedy: 'none',
        color: 'gray',
      };
    case 'network_unreachable':
      return {
        title: `Could not reach ${net}`,
        message: `We tried several times and could not reach ${net}. Nothing was posted.`,
        action: `Wait a while, ${RESHARE}.`,
        remedy: 'reshare',
        color: 'red',
      };
    case 'daily_cap':
      return {
        title: 'Daily limit reached',
        message: 'You reached your organisation’s limit of shares for today.',
        action: 'Discard this share and share the item again tomorrow.',
        remedy: 'reshare',
        color: 'yellow',
      };
    case 'policy_not_acknowledged':
      return {
        title: 'Policy not acknowledged',
        message: 'The social media policy changed and you have not acknowledged it yet.',
        action: `Read and acknowledge the policy, ${RESHARE}.`,
        remedy: 'reshare',
        color: 'red',
      };
  }
  if (RECONNECT.has(error.code)) {
    const what =
      error.code === 'connection_expired' || error.code === 'token_expired'
        ? 'expired'
        : error.code === 'connection_revoked'
          ? 'was disconnected'
          : 'no longer works';
    return {
      title: `Reconnect ${net}`,
      message: `Your ${net} connection ${what}, so this was not posted.`,
      action: `Reconnect ${net}, ${RESHARE}.`,
      remedy: 'reconnect',
      ...extra,
      color: 'red',
    };
  }
  if (EDIT.has(error.code)) {
    return {
      title: 'Not posted: the text needs a change',
      message: detail ? sentenceOf(detail) : 'The text no longer passes the checks.',
      action: `Fix the text, ${RESHARE}.`,
      remedy: 'reshare',
      color: 'red',
    };
  }
  if (CONTACT.has(error.code)) {
    return {
      title: 'Not posted',
      message: detail ? sentenceOf(detail) : 'This share no longer passes the checks.',
      action: 'This is not something you can fix here; ask your comms team if you need it.',
      remedy: 'contact',
      color: 'red',
    };
  }
  return {
    title: 'Not posted',
    message: detail ? sentenceOf(detail) : 'Posting this share did not work.',
    action: error.retryable
      ? `Wait a while, ${RESHARE}.`
      : `If it keeps failing, reconnect ${net} or ask your comms team.`,
    remedy: error.retryable ? 'reshare' : 'contact',
    color: 'red',
  };
}

/** Where a share stands when nothing went wrong, in plain words (null: the badge says it). */
export function shareStatusHint(
  share: Pick<Share, 'status' | 'send_at' | 'error'>,
  now = new Date(),
): string | null {
  if (share.error?.code) return null;
  switch (share.status) {
    case 'draft':
      return 'Not confirmed yet: nothing is posted until you confirm the final text.';
    case 'in_review':
      return 'A reviewer checks it before it is posted.';
    case 'confirmed':
    case 'queued':
      return share.send_at && new Date(share.send_at) > now
        ? `Will be posted at ${formatDateTime(share.send_at)}.`
        : 'Will be posted in a moment.';
    case 'posting':
      return 'Being posted now.';
    default:
      return null;
  }
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
/** Not sent yet: cancelling stops it. */
export const canCancel = (status: ShareStatus) => CANCELLABLE.has(status);

const DISCARDABLE = new Set<ShareStatus>(['failed', 'blocked']);
/**
 * Did not go out: discarding it (the API's cancel) lets the person share the item again
 * on that network, since only one live share per network is allowed.
 */
export const canDiscard = (status: ShareStatus) => DISCARDABLE.has(status);

const CONNECT_ERRORS: Record<string, string> = {
  invalid_callback: 'The network sent you back without the details we need. Please try again.',
  invalid_state: 'This connection attempt is not valid any more. Please start again.',
  state_expired: 'The connection attempt took too long. Please start again.',
  state_used: 'This connection attempt was already used. Please start again.',
  state_not_yours: 'This connection attempt was started by someone else. Please start again.',
  access_denied: 'The network did not grant access. Please try again and allow access.',
  network_unavailable:
    'This server is not set up to connect this network yet. Ask your organisation admin.',
  network_not_enabled: 'Your organisation does not use this network.',
  invalid_instance: 'That Mastodon server could not be used. Check its name and try again.',
  invalid_grant:
    'The network refused the sign-in. For Bluesky, check your handle and use an app password.',
  connect_failed: 'The network did not finish connecting your account. Please try again.',
  network_error: 'The network did not answer as expected. Please try again in a moment.',
  network_unreachable: 'The network could not be reached. Please try again in a moment.',
  rate_limited: 'The network asked us to slow down. Please wait a few minutes and try again.',
};

/** The `?connect_error=` code the connect callback redirects with, as a sentence. */
export const connectErrorMessage = (code: string): string =>
  CONNECT_ERRORS[code] ?? 'Connecting the network did not work. Please try again.';
