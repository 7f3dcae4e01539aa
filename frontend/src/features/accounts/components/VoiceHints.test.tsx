import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { VoiceProfile } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { VoiceHints } from './VoiceHints';

const VOICE_URL = '/api/v1/orgs/demo/me/voice';

const PROFILE: VoiceProfile = {
  tone: 'Plain-spoken, curious',
  expertise_topics: ['payments'],
  languages: ['en'],
  signature_hashtags: ['#fintech', '#riskops'],
  words_to_avoid: ['synergy', 'game-changer'],
  sample_posts: [],
};

function renderHints(profile: VoiceProfile, text: string) {
  mockFetch({ [`GET ${VOICE_URL}`]: () => jsonResponse(profile) });
  return renderWithProviders(<VoiceHints org="demo" text={text} voiceHref="/o/demo/voice" />);
}

describe('VoiceHints', () => {
  it('shows the tone, hashtags and words to avoid beside the text', async () => {
    renderHints(PROFILE, 'Nothing special yet');

    expect(await screen.findByTestId('voice-tone')).toHaveTextContent('Plain-spoken, curious');
    const aside = screen.getByRole('complementary', { name: 'Your voice' });
    const hashtags = within(aside).getByRole('list', { name: 'Your hashtags' });
    expect(
      within(hashtags)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['#fintech', '#riskops']);
    expect(within(aside).getByRole('list', { name: 'Words you avoid' })).toHaveTextContent(
      'synergy',
    );
    expect(screen.queryByTestId('voice-avoid-warning')).not.toBeInTheDocument();
    const edit = within(aside).getByRole('link', { name: /Edit my voice/ });
    expect(edit).toHaveAttribute('href', '/o/demo/voice');
    expect(edit).toHaveAttribute('target', '_blank');
  });

  it('warns about a word to avoid and marks a hashtag already used', async () => {
    renderHints(PROFILE, 'A real Game-Changer for #FinTech teams');

    const warning = await screen.findByTestId('voice-avoid-warning');
    expect(warning).toHaveTextContent('Your text uses “game-changer”, which you prefer to avoid.');
    const hashtags = screen.getByRole('list', { name: 'Your hashtags' });
    expect(within(hashtags).getAllByRole('listitem')[0]).toHaveTextContent(
      '#fintech (in your text)',
    );
    expect(within(hashtags).getAllByRole('listitem')[1]).not.toHaveTextContent('in your text');
  });

  it('invites the writer to describe their voice when the profile is empty', async () => {
    renderHints(
      {
        tone: '',
        expertise_topics: [],
        languages: [],
        signature_hashtags: [],
        words_to_avoid: [],
        sample_posts: [],
      },
      'Hello',
    );

    expect(await screen.findByRole('link', { name: /Describe my voice/ })).toHaveAttribute(
      'href',
      '/o/demo/voice',
    );
  });
});
