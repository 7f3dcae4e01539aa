import type { Share } from '@/api/types';

/**
 * The composer's steps: writing (with a live preview), confirming the exact text of the
 * saved draft, and done. Editing after a draft exists goes back to writing; the draft is
 * then updated (which voids any confirmation) before confirming again.
 */
export type ComposerStep = 'compose' | 'confirm' | 'done';

export interface ComposerState {
  step: ComposerStep;
  text: string;
  draft: Share | null;
  /** The person ticked "I wrote this and want it posted as shown" for this draft. */
  agreed: boolean;
  /** Something the person should know about the draft (e.g. it was reloaded). */
  notice: string | null;
}

export type ComposerAction =
  | { type: 'type'; text: string }
  | { type: 'drafted'; share: Share }
  | { type: 'reloaded'; share: Share; notice: string }
  | { type: 'agree'; agreed: boolean }
  | { type: 'back' }
  | { type: 'confirmed'; share: Share };

export const initialComposer: ComposerState = {
  step: 'compose',
  text: '',
  draft: null,
  agreed: false,
  notice: null,
};

export function composerReducer(state: ComposerState, action: ComposerAction): ComposerState {
  switch (action.type) {
    case 'type':
      return state.step === 'compose' ? { ...state, text: action.text } : state;
    case 'drafted':
      return { ...state, step: 'confirm', draft: action.share, agreed: false, notice: null };
    case 'reloaded':
      return {
        ...state,
        step: 'confirm',
        draft: action.share,
        text: action.share.text,
        agreed: false,
        notice: action.notice,
      };
    case 'agree':
      return { ...state, agreed: action.agreed };
    case 'back':
      return { ...state, step: 'compose', agreed: false, notice: null };
    case 'confirmed':
      return { ...state, step: 'done', draft: action.share, notice: null };
  }
}

/** What "Review and confirm" must do first: create the draft, update it, or nothing. */
export function draftAction(state: ComposerState): 'create' | 'update' | 'none' {
  if (!state.draft) return 'create';
  return state.draft.text === state.text ? 'none' : 'update';
}

/** The body of the confirm call: always the hash of the draft as last shown. */
export function confirmBody(
  draft: Share,
  sendAt: string,
): { text_sha256: string; send_at?: string } {
  const body: { text_sha256: string; send_at?: string } = { text_sha256: draft.text_sha256 };
  if (sendAt) {
    const date = new Date(sendAt);
    if (!Number.isNaN(date.getTime())) body.send_at = date.toISOString();
  }
  return body;
}

/** Bounds of the "send later" input (`datetime-local` values): now to 30 days ahead. */
export function sendAtBounds(now = new Date()): { min: string; max: string } {
  const local = (date: Date) => {
    const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
    return shifted.toISOString().slice(0, 16);
  };
  return { min: local(now), max: local(new Date(now.getTime() + 30 * 24 * 3600 * 1000)) };
}
