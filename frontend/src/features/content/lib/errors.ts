// The content API's refusal codes as sentences a person can act on.
import { ApiError } from '@/api/client';
import { errorMessage } from '@/components/PageState';
import { serverFieldErrors } from '@/lib/forms';

const STATUS_WORDS: Record<string, string> = {
  draft: 'a draft',
  in_review: 'in review',
  approved: 'approved',
  rejected: 'rejected',
  retired: 'retired',
};

const SENTENCES: Record<string, string> = {
  own_submission:
    'With two-step approval, the person who submitted an item cannot approve it. Ask another reviewer.',
  already_approved_step: 'You already approved this version; the next step needs another reviewer.',
  use_retire: 'Content that was approved cannot be deleted. Retire it instead.',
  content_not_approved: 'Only approved, live content can be placed in the grid.',
  already_in_cell: 'This content is already in that cell.',
  reorder_mismatch:
    'Someone else changed this cell meanwhile. The grid was reloaded; please try again.',
};

/** A sentence for a failed content call; falls back to the server's own detail. */
export function contentErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.code === 'invalid_transition') {
    const match = /that is ([a-z ]+)\.?$/i.exec(error.detail);
    const status = match?.[1]?.trim().replace(' ', '_').toLowerCase();
    const now = status && STATUS_WORDS[status] ? ` It is ${STATUS_WORDS[status]} now.` : '';
    return `This cannot be done in the item's current status.${now} The page was refreshed.`;
  }
  return SENTENCES[error.code] ?? error.detail;
}

export { serverFieldErrors };
