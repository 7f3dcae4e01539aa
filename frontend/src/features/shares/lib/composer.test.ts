import { describe, expect, it } from 'vitest';

import type { Share } from '@/api/types';

import { composerReducer, confirmBody, draftAction, initialComposer } from './composer';

const share = (over: Partial<Share> = {}): Share =>
  ({
    id: 's1',
    text: 'Hello',
    final_text: 'Hello\n\nhttps://x/l/abc',
    text_sha256: 'a'.repeat(64),
    status: 'draft',
    checks: [],
    ...over,
  }) as Share;

describe('composerReducer', () => {
  it('types, drafts, goes back to edit and knows to update the draft', () => {
    let state = composerReducer(initialComposer, { type: 'type', text: 'Hello' });
    expect(draftAction(state)).toBe('create');
    state = composerReducer(state, { type: 'drafted', share: share() });
    expect(state.step).toBe('confirm');
    expect(draftAction(state)).toBe('none');
    // Typing is ignored while confirming: the text shown is the text confirmed.
    expect(composerReducer(state, { type: 'type', text: 'x' }).text).toBe('Hello');
    state = composerReducer(state, { type: 'agree', agreed: true });
    state = composerReducer(state, { type: 'back' });
    expect(state.agreed).toBe(false);
    state = composerReducer(state, { type: 'type', text: 'Hello again' });
    expect(draftAction(state)).toBe('update');
  });

  it('a reloaded draft replaces the text and asks for agreement again', () => {
    let state = composerReducer(
      { ...initialComposer, step: 'confirm', draft: share(), text: 'Hello', agreed: true },
      { type: 'reloaded', share: share({ text: 'New', text_sha256: 'b'.repeat(64) }), notice: 'n' },
    );
    expect(state).toMatchObject({ step: 'confirm', text: 'New', agreed: false, notice: 'n' });
    state = composerReducer(state, { type: 'confirmed', share: share({ status: 'queued' }) });
    expect(state.step).toBe('done');
  });
});

describe('confirmBody', () => {
  it("sends the draft's hash, and send_at only when given", () => {
    expect(confirmBody(share(), '')).toEqual({ text_sha256: 'a'.repeat(64) });
    const body = confirmBody(share(), '2030-01-02T10:30');
    expect(body.text_sha256).toBe('a'.repeat(64));
    expect(body.send_at).toBe(new Date('2030-01-02T10:30').toISOString());
  });
});
