// The voice profile form: its values, normalising and validation. The limits mirror the
// server's (advocacy/accounts/serializers.py, VoiceProfileSerializer) so most mistakes are
// caught before a request; the server's own messages are still shown by each field.
import { ApiError } from '@/api/client';
import type { VoiceProfile, VoiceProfileInput } from '@/api/types';

export const MAX_TONE = 200;
export const MAX_TOPICS = 30;
export const MAX_TOPIC_LENGTH = 60;
export const MAX_LANGUAGES = 10;
export const MAX_HASHTAGS = 10;
export const MAX_HASHTAG_LENGTH = 50;
export const MAX_AVOID = 50;
export const MAX_AVOID_LENGTH = 60;
export const MAX_SAMPLES = 5;
export const MAX_SAMPLE_LENGTH = 1000;

/** BCP 47 style: a 2-3 letter language, optionally a region or script (`en`, `pt-BR`). */
const LANGUAGE_PATTERN = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;
/** Python's `\w` in the server's pattern matches letters and digits of any script. */
const HASHTAG_BODY = /^[\p{L}\p{N}_]+$/u;

export const LANGUAGE_SUGGESTIONS = [
  'en',
  'fr',
  'de',
  'es',
  'it',
  'nl',
  'pt',
  'pt-BR',
  'pl',
  'sv',
  'da',
  'nb',
  'fi',
  'ja',
  'zh',
  'ko',
  'ar',
  'hi',
];

export interface SamplePostDraft {
  /** Stable React key for the row; never sent. */
  key: string;
  text: string;
}

export interface VoiceFormValues {
  tone: string;
  expertise_topics: string[];
  languages: string[];
  signature_hashtags: string[];
  words_to_avoid: string[];
  sample_posts: SamplePostDraft[];
}

export const VOICE_FIELDS = [
  'tone',
  'expertise_topics',
  'languages',
  'signature_hashtags',
  'words_to_avoid',
  'sample_posts',
] as const;

let nextKey = 0;
export const samplePost = (text = ''): SamplePostDraft => ({
  key: `sample-${(nextKey += 1)}`,
  text,
});

export function voiceToFormValues(profile?: VoiceProfile | null): VoiceFormValues {
  return {
    tone: profile?.tone ?? '',
    expertise_topics: profile?.expertise_topics ?? [],
    languages: profile?.languages ?? [],
    signature_hashtags: profile?.signature_hashtags ?? [],
    words_to_avoid: profile?.words_to_avoid ?? [],
    sample_posts: (profile?.sample_posts ?? []).map((text) => samplePost(text)),
  };
}

/** True when nothing is described yet: the page explains why a voice profile helps. */
export function isVoiceEmpty(profile: VoiceProfile): boolean {
  return (
    !profile.tone.trim() &&
    VOICE_FIELDS.every((field) => field === 'tone' || profile[field].length === 0)
  );
}

/** `EN-gb` -> `en-gb`: the language part in lower case, as the server expects. */
export function normaliseLanguage(value: string): string {
  const [language, ...rest] = value.trim().split('-');
  return [language.toLowerCase(), ...rest].join('-');
}

/** `growth`, `#growth` and `##growth` all become `#growth`. */
export function normaliseHashtag(value: string): string {
  return `#${value.trim().replace(/^#+/, '')}`;
}

/** Trimmed, without empty entries or case-insensitive repeats, in the order given. */
function cleanList(values: readonly string[], normalise = (v: string) => v.trim()): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = normalise(raw);
    if (!value.trim() || value === '#') continue;
    const key = value.toLocaleLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

/** Sample posts that will be sent, with the form row each came from. */
function sentSamples(values: VoiceFormValues): { row: number; text: string }[] {
  return values.sample_posts
    .map((post, row) => ({ row, text: post.text.trim() }))
    .filter((post) => post.text);
}

export function voiceFormToInput(values: VoiceFormValues): VoiceProfileInput {
  return {
    tone: values.tone.trim(),
    expertise_topics: cleanList(values.expertise_topics),
    languages: cleanList(values.languages, normaliseLanguage),
    signature_hashtags: cleanList(values.signature_hashtags, normaliseHashtag),
    words_to_avoid: cleanList(values.words_to_avoid),
    sample_posts: sentSamples(values).map((post) => post.text),
  };
}

const listsOf = (input: VoiceProfileInput): Record<string, string[] | undefined> => ({
  expertise_topics: input.expertise_topics,
  languages: input.languages,
  signature_hashtags: input.signature_hashtags,
  words_to_avoid: input.words_to_avoid,
});

const quote = (value: string) => `“${value.length > 24 ? `${value.slice(0, 24)}…` : value}”`;

/** Every problem the server would refuse, keyed as the form's fields are. */
export function validateVoiceForm(values: VoiceFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const input = voiceFormToInput(values);

  if (values.tone.trim().length > MAX_TONE) errors.tone = `Use at most ${MAX_TONE} characters.`;

  const topics = input.expertise_topics ?? [];
  const longTopic = topics.find((topic) => topic.length > MAX_TOPIC_LENGTH);
  if (topics.length > MAX_TOPICS) errors.expertise_topics = `At most ${MAX_TOPICS} topics.`;
  else if (longTopic) {
    errors.expertise_topics = `${quote(longTopic)} is longer than ${MAX_TOPIC_LENGTH} characters.`;
  }

  const languages = input.languages ?? [];
  const badLanguage = languages.find((code) => !LANGUAGE_PATTERN.test(code) || code.length > 10);
  if (languages.length > MAX_LANGUAGES) errors.languages = `At most ${MAX_LANGUAGES} languages.`;
  else if (badLanguage) {
    errors.languages = `${quote(badLanguage)} is not a language code. Use a code such as en, fr or pt-BR.`;
  }

  const hashtags = input.signature_hashtags ?? [];
  const badHashtag = hashtags.find((tag) => {
    const body = tag.slice(1);
    return !HASHTAG_BODY.test(body) || body.length > MAX_HASHTAG_LENGTH;
  });
  if (hashtags.length > MAX_HASHTAGS)
    errors.signature_hashtags = `At most ${MAX_HASHTAGS} hashtags.`;
  else if (badHashtag) {
    errors.signature_hashtags = `${quote(badHashtag)} is not a hashtag: use letters, digits and underscores only (no spaces), at most ${MAX_HASHTAG_LENGTH}.`;
  }

  const avoid = input.words_to_avoid ?? [];
  const longWord = avoid.find((word) => word.length > MAX_AVOID_LENGTH);
  if (avoid.length > MAX_AVOID) errors.words_to_avoid = `At most ${MAX_AVOID} words or phrases.`;
  else if (longWord) {
    errors.words_to_avoid = `${quote(longWord)} is longer than ${MAX_AVOID_LENGTH} characters.`;
  }

  const samples = sentSamples(values);
  if (samples.length > MAX_SAMPLES) errors.sample_posts = `At most ${MAX_SAMPLES} sample posts.`;
  for (const { row, text } of samples) {
    if (text.length > MAX_SAMPLE_LENGTH) {
      errors[`sample_posts.${row}.text`] =
        `Use at most ${MAX_SAMPLE_LENGTH} characters (this one has ${text.length}).`;
    }
  }
  return errors;
}

/**
 * The server's field errors, placed by the field they are about. List items come back by
 * index (`languages.1`): the message names the item, and a sample post's lands on its own
 * box (its index counts only the non-empty posts that were sent).
 */
export function voiceErrorsFromApi(
  error: unknown,
  values: VoiceFormValues,
): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const sent = voiceFormToInput(values);
  const samples = sentSamples(values);
  const out: Record<string, string> = {};
  const add = (key: string, message: string) => {
    out[key] = out[key] ? `${out[key]} ${message}` : message;
  };
  for (const [path, messages] of Object.entries(error.fields)) {
    if (!messages.length) continue;
    const [field, index] = path.split('.');
    const message = messages.join(' ');
    if (!(VOICE_FIELDS as readonly string[]).includes(field)) continue;
    const position = index !== undefined && /^\d+$/.test(index) ? Number(index) : null;
    if (field === 'sample_posts' && position !== null && samples[position]) {
      add(`sample_posts.${samples[position].row}.text`, message);
    } else if (field !== 'tone' && field !== 'sample_posts' && position !== null) {
      const item = listsOf(sent)[field]?.[position];
      add(field, item ? `${quote(item)}: ${message}` : message);
    } else {
      add(field, message);
    }
  }
  return out;
}

/** "English", "Brazilian Portuguese"; the code itself when the browser cannot name it. */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The words to avoid that `text` uses, matched as whole words (or phrases), ignoring case:
 * "synergy" is found in "Synergy!" but not in "synergys".
 */
export function avoidedWordsIn(text: string, words: readonly string[]): string[] {
  if (!text.trim()) return [];
  return words.filter((word) => {
    const trimmed = word.trim();
    if (!trimmed) return false;
    const pattern = new RegExp(
      `(^|[^\\p{L}\\p{N}_])${escapeRegExp(trimmed)}(?=$|[^\\p{L}\\p{N}_])`,
      'iu',
    );
    return pattern.test(text);
  });
}

/** Whether `text` already carries `hashtag` (with or without its `#`), ignoring case. */
export function usesHashtag(text: string, hashtag: string): boolean {
  const body = hashtag.replace(/^#+/, '');
  if (!body) return false;
  return new RegExp(`#${escapeRegExp(body)}(?=$|[^\\p{L}\\p{N}_])`, 'iu').test(text);
}
