import { describe, expect, it } from 'vitest';

import { canCancel, connectErrorMessage, shareErrorAdvice } from './advice';

describe('shareErrorAdvice', () => {
  it('sends a revoked connection to reconnecting, keeping the server sentence', () => {
    const advice = shareErrorAdvice({
      code: 'connection_revoked',
      detail: 'The network connection was disconnected.',
      retryable: false,
    });
    expect(advice.remedy).toBe('reconnect');
    expect(advice.message).toBe('The network connection was disconnected.');
    expect(advice.action).toMatch(/Reconnect/);
  });

  it('asks to wait when the failure is retryable or a cap', () => {
    expect(shareErrorAdvice({ code: 'post_failed', detail: 'x', retryable: true }).remedy).toBe(
      'wait',
    );
    expect(shareErrorAdvice({ code: 'daily_cap', detail: 'x', retryable: false }).remedy).toBe(
      'wait',
    );
  });

  it('asks to edit when the text broke a rule', () => {
    for (const code of ['not_original', 'too_long', 'reserved_relationship', 'text_changed']) {
      expect(shareErrorAdvice({ code, detail: 'x', retryable: false }).remedy).toBe('edit');
    }
  });

  it('warns against posting twice when the outcome is unknown', () => {
    const advice = shareErrorAdvice({ code: 'outcome_unknown', detail: '', retryable: false });
    expect(advice.remedy).toBe('check_profile');
    expect(advice.message).toBe('Posting this share did not work.');
  });

  it('never shows a raw code', () => {
    const advice = shareErrorAdvice({ code: 'something_new', detail: '', retryable: false });
    expect(`${advice.message} ${advice.action}`).not.toMatch(/something_new|[{}[\]]/);
  });
});

describe('helpers', () => {
  it('cancels only what has not gone out', () => {
    expect(['draft', 'confirmed', 'in_review', 'queued'].every((s) => canCancel(s as never))).toBe(
      true,
    );
    expect(['posting', 'posted', 'failed', 'cancelled'].some((s) => canCancel(s as never))).toBe(
      false,
    );
  });

  it('explains connect errors in words', () => {
    expect(connectErrorMessage('state_expired')).toMatch(/took too long/);
    expect(connectErrorMessage('weird')).not.toMatch(/weird/);
  });
});
