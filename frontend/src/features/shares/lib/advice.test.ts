import { describe, expect, it } from 'vitest';

import type { Share, ShareStatus } from '@/api/types';
import { formatDateTime } from '@/lib/labels';

import { canCancel, canDiscard, connectErrorMessage, shareAdvice, shareStatusHint } from './advice';

type AdviceInput = Pick<Share, 'status' | 'network' | 'error' | 'retry_at'>;

const failed = (code: string, detail = '', extra: Partial<AdviceInput> = {}): AdviceInput => ({
  status: 'failed',
  network: 'linkedin',
  error: { code, detail, retryable: false },
  retry_at: null,
  ...extra,
});

/** Everything a person reads in the advice, to check no raw code or data leaks. */
const words = (input: AdviceInput) => {
  const advice = shareAdvice(input);
  return advice
    ? [advice.title, advice.message, advice.action, advice.quote?.text, advice.detail].join(' ')
    : '';
};

describe('shareAdvice', () => {
  it('warns to check the profile when the answer was lost after sending', () => {
    const advice = shareAdvice(failed('outcome_unknown', 'LinkedIn gave no clear answer.'));
    expect(advice?.remedy).toBe('check_profile');
    expect(advice?.message).toBe(
      'We lost the answer from LinkedIn after sending, so we cannot tell whether it was posted.',
    );
    expect(advice?.action).toMatch(/^Look at your LinkedIn profile first/);
  });

  it('says when a rate-limited share is retried, and that nothing is needed', () => {
    const retryAt = '2026-05-04T10:30:00Z';
    const advice = shareAdvice({
      status: 'queued',
      network: 'x',
      error: { code: 'rate_limited', detail: 'x asked us to slow down.', retryable: true },
      retry_at: retryAt,
    });
    expect(advice?.remedy).toBe('automatic');
    expect(advice?.title).toBe('Waiting for X');
    expect(advice?.action).toBe(
      `We are retrying automatically at ${formatDateTime(retryAt)}. You do not need to do anything.`,
    );
  });

  it('reads the retry time from the error when the share does not carry it', () => {
    const advice = shareAdvice({
      status: 'queued',
      network: 'mastodon',
      retry_at: null,
      error: {
        code: 'rate_limited',
        detail: '',
        retryable: true,
        retry_at: '2026-05-04T10:30:00Z',
      },
    });
    expect(advice?.action).toContain(formatDateTime('2026-05-04T10:30:00Z'));
  });

  it('promises a retry without a time when the API gives none', () => {
    const advice = shareAdvice({
      status: 'queued',
      network: 'mastodon',
      retry_at: null,
      error: { code: 'network_unreachable', detail: 'Timed out.', retryable: true },
    });
    expect(advice?.title).toBe('Trying again');
    expect(advice?.action).toBe(
      'We are retrying automatically shortly. You do not need to do anything.',
    );
  });

  it.each([
    ['connection_expired', 'Your LinkedIn connection expired, so this was not posted.'],
    ['connection_revoked', 'Your LinkedIn connection was disconnected, so this was not posted.'],
  ])('sends %s to reconnecting', (code, message) => {
    const advice = shareAdvice(failed(code, 'Reconnect and confirm again.'));
    expect(advice?.remedy).toBe('reconnect');
    expect(advice?.message).toBe(message);
    expect(advice?.action).toMatch(/^Reconnect LinkedIn, then discard this share/);
  });

  it("quotes the network's own message when it refused the post", () => {
    const advice = shareAdvice(failed('post_rejected', 'Duplicate content is not allowed'));
    expect(advice?.title).toBe('LinkedIn refused the post');
    expect(advice?.quote).toEqual({
      label: 'LinkedIn said',
      text: 'Duplicate content is not allowed',
    });
    expect(advice?.remedy).toBe('reshare');
  });

  it("quotes the reviewer's reason", () => {
    const advice = shareAdvice({
      ...failed('review_rejected', 'Please drop the revenue figure.'),
      status: 'blocked',
    });
    expect(advice?.quote).toEqual({
      label: 'Their reason',
      text: 'Please drop the revenue figure.',
    });
    expect(advice?.message).toBe('A reviewer did not pass this share, so it was not posted.');
  });

  it('explains a changed text and a withdrawn item in plain words', () => {
    expect(shareAdvice({ ...failed('text_changed'), status: 'blocked' })?.message).toMatch(
      /only post exactly the text you confirmed/,
    );
    const retired = shareAdvice({ ...failed('retired', 'Retired.'), status: 'cancelled' });
    expect(retired?.remedy).toBe('none');
    expect(retired?.message).toMatch(/withdrew this content/);
  });

  it('keeps the server sentence for a check that failed at posting time', () => {
    const advice = shareAdvice({
      ...failed('reserved_relationship', 'Mentions Globex Bank, reserved for its account team'),
      status: 'blocked',
    });
    expect(advice?.message).toBe('Mentions Globex Bank, reserved for its account team.');
    expect(advice?.remedy).toBe('reshare');
  });

  it('has nothing to say about a share without an error, or a posted one', () => {
    expect(shareAdvice({ status: 'queued', network: 'x', error: null, retry_at: null })).toBeNull();
    expect(shareAdvice({ ...failed('rate_limited'), status: 'posted' })).toBeNull();
  });

  it('never shows a raw code or data', () => {
    for (const code of ['something_new', 'outcome_unknown', 'post_rejected', 'cancelled']) {
      const text = words(failed(code));
      expect(text).not.toMatch(/something_new|outcome_unknown|post_rejected|[{}[\]]/);
      expect(text.length).toBeGreaterThan(10);
    }
  });
});

describe('shareStatusHint', () => {
  const now = new Date('2026-05-01T12:00:00Z');

  it('says when a scheduled share goes out', () => {
    expect(
      shareStatusHint({ status: 'queued', send_at: '2026-05-02T09:00:00Z', error: null }, now),
    ).toBe(`Will be posted at ${formatDateTime('2026-05-02T09:00:00Z')}.`);
    expect(shareStatusHint({ status: 'queued', send_at: null, error: null }, now)).toBe(
      'Will be posted in a moment.',
    );
  });

  it('leaves explaining to the advice when there is an error', () => {
    expect(
      shareStatusHint(
        {
          status: 'queued',
          send_at: null,
          error: { code: 'rate_limited', detail: '', retryable: true },
        },
        now,
      ),
    ).toBeNull();
  });
});

describe('helpers', () => {
  const all: ShareStatus[] = [
    'draft',
    'confirmed',
    'in_review',
    'queued',
    'posting',
    'posted',
    'failed',
    'cancelled',
    'blocked',
  ];

  it('cancels only what has not gone out, and discards only what did not', () => {
    expect(all.filter(canCancel)).toEqual(['draft', 'confirmed', 'in_review', 'queued']);
    expect(all.filter(canDiscard)).toEqual(['failed', 'blocked']);
  });

  it('explains connect errors in words', () => {
    expect(connectErrorMessage('state_expired')).toMatch(/took too long/);
    expect(connectErrorMessage('invalid_grant')).toMatch(/app password/);
    expect(connectErrorMessage('weird')).not.toMatch(/weird/);
  });
});
