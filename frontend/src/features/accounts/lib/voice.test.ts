import { describe, expect, it } from 'vitest';

import { ApiError } from '@/api/client';
import type { VoiceProfile } from '@/api/types';

import {
  avoidedWordsIn,
  isVoiceEmpty,
  samplePost,
  usesHashtag,
  validateVoiceForm,
  voiceErrorsFromApi,
  voiceFormToInput,
  voiceToFormValues,
} from './voice';
import type { VoiceFormValues } from './voice';

const EMPTY: VoiceProfile = {
  tone: '',
  expertise_topics: [],
  languages: [],
  signature_hashtags: [],
  words_to_avoid: [],
  sample_posts: [],
};

const values = (overrides: Partial<VoiceFormValues> = {}): VoiceFormValues => ({
  ...voiceToFormValues(EMPTY),
  ...overrides,
});

describe('voice profile form', () => {
  it('knows an untouched profile is empty, and a tone alone is not', () => {
    expect(isVoiceEmpty(EMPTY)).toBe(true);
    expect(isVoiceEmpty({ ...EMPTY, tone: '  ' })).toBe(true);
    expect(isVoiceEmpty({ ...EMPTY, tone: 'Dry' })).toBe(false);
    expect(isVoiceEmpty({ ...EMPTY, words_to_avoid: ['synergy'] })).toBe(false);
  });

  it('sends tidy lists: trimmed, no blanks or repeats, hashtags with #, language in lower case', () => {
    const input = voiceFormToInput(
      values({
        tone: '  Plain-spoken ',
        expertise_topics: [' payments ', 'Payments', ''],
        languages: ['EN', 'pt-BR'],
        signature_hashtags: ['fintech', '#Fintech', '##open_banking'],
        words_to_avoid: ['synergy', ' game-changer '],
        sample_posts: [samplePost('  First post  '), samplePost('   ')],
      }),
    );
    expect(input).toEqual({
      tone: 'Plain-spoken',
      expertise_topics: ['payments'],
      languages: ['en', 'pt-BR'],
      signature_hashtags: ['#fintech', '#open_banking'],
      words_to_avoid: ['synergy', 'game-changer'],
      sample_posts: ['First post'],
    });
  });

  it('refuses what the server would, naming the item', () => {
    const errors = validateVoiceForm(
      values({
        languages: ['english'],
        signature_hashtags: ['open banking'],
        sample_posts: [samplePost('ok'), samplePost('x'.repeat(1001))],
      }),
    );
    expect(errors.languages).toBe(
      '“english” is not a language code. Use a code such as en, fr or pt-BR.',
    );
    expect(errors.signature_hashtags).toMatch(/^“#open banking” is not a hashtag/);
    expect(errors['sample_posts.1.text']).toBe('Use at most 1000 characters (this one has 1001).');
    expect(errors['sample_posts.0.text']).toBeUndefined();
  });

  it('accepts hashtags in any script and a filled, valid profile', () => {
    expect(
      validateVoiceForm(
        values({
          tone: 'Warm',
          languages: ['de', 'fr-CH'],
          signature_hashtags: ['#Zürich', 'データ'],
          sample_posts: [samplePost('Mine.')],
        }),
      ),
    ).toEqual({});
  });

  it('places server errors by field, naming list items and the sample post box', () => {
    const form = values({
      languages: ['en', 'xx-toolongtag'],
      sample_posts: [samplePost(''), samplePost('Too long for the server')],
    });
    const error = new ApiError(400, 'validation_error', 'languages.1: bad', {
      'languages.1': ['This value does not match the required pattern.'],
      'sample_posts.0': ['Ensure this field has no more than 1000 characters.'],
      tone: ['Too long.'],
      unknown_field: ['Ignored.'],
    });
    expect(voiceErrorsFromApi(error, form)).toEqual({
      languages: '“xx-toolongtag”: This value does not match the required pattern.',
      // The first box was empty and not sent: the server's item 0 is the second box.
      'sample_posts.1.text': 'Ensure this field has no more than 1000 characters.',
      tone: 'Too long.',
    });
  });
});

describe('voice hints', () => {
  it('finds words to avoid as whole words, ignoring case', () => {
    const text = 'Synergy! A real game-changer for bank data.';
    expect(avoidedWordsIn(text, ['synergy', 'game-changer', 'bank', 'leverage'])).toEqual([
      'synergy',
      'game-changer',
      'bank',
    ]);
    expect(avoidedWordsIn('synergys and banking', ['synergy', 'bank'])).toEqual([]);
    expect(avoidedWordsIn('', ['synergy'])).toEqual([]);
  });

  it('sees a hashtag with or without its # in the profile', () => {
    expect(usesHashtag('Great day #FinTech', '#fintech')).toBe(true);
    expect(usesHashtag('Great day #fintechs', 'fintech')).toBe(false);
    expect(usesHashtag('fintech without a hash', '#fintech')).toBe(false);
  });
});
