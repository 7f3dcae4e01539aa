import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { VoiceProfile } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { VoiceProfilePage } from './VoiceProfilePage';

const VOICE_URL = '/api/v1/orgs/demo/me/voice';

const EMPTY: VoiceProfile = {
  tone: '',
  expertise_topics: [],
  languages: [],
  signature_hashtags: [],
  words_to_avoid: [],
  sample_posts: [],
};

/** A TagsInput's text box (its label also names its suggestion list). */
function tagsInput(label: string): HTMLInputElement {
  const input = screen.getAllByLabelText(label).find((el) => el instanceof HTMLInputElement);
  if (!(input instanceof HTMLInputElement)) throw new Error(`No input labelled ${label}`);
  return input;
}

async function findTagsInput(label: string) {
  await screen.findAllByLabelText(label);
  return tagsInput(label);
}

const body = (init: RequestInit | undefined) => JSON.parse(String(init?.body ?? '{}'));

function renderPage(profile: VoiceProfile, put?: (init: RequestInit | undefined) => Response) {
  document.cookie = 'csrftoken=t';
  const sent: unknown[] = [];
  mockFetch({
    [`GET ${VOICE_URL}`]: () => jsonResponse(profile),
    [`PUT ${VOICE_URL}`]: (init) => {
      sent.push(body(init));
      return put ? put(init) : jsonResponse(body(init));
    },
  });
  renderWithProviders(<VoiceProfilePage org="demo" />, { withNotifications: true });
  return { sent };
}

describe('VoiceProfilePage', () => {
  it('explains why a voice profile helps while it is empty', async () => {
    renderPage(EMPTY);

    const intro = await screen.findByTestId('voice-empty');
    expect(
      within(intro).getByRole('heading', { name: 'You have not described your voice yet' }),
    ).toBeInTheDocument();
    expect(intro).toHaveTextContent(/shown next to the text box/);
    expect(screen.getByRole('heading', { level: 1, name: 'My voice' })).toBeInTheDocument();
    expect(screen.getByTestId('no-samples')).toBeInTheDocument();
  });

  it('fills the form from a saved profile, without the empty state', async () => {
    renderPage({ ...EMPTY, tone: 'Dry', languages: ['en'], sample_posts: ['One I wrote.'] });

    expect(await screen.findByLabelText('Tone')).toHaveValue('Dry');
    expect(screen.queryByTestId('voice-empty')).not.toBeInTheDocument();
    expect(screen.getByLabelText('Sample post 1')).toHaveValue('One I wrote.');
    expect(screen.getByTestId('language-names')).toHaveTextContent('You post in English.');
  });

  it('refuses a bad language and hashtag next to their fields and sends nothing', async () => {
    const { sent } = renderPage(EMPTY);
    const user = userEvent.setup({ delay: null });
    await user.type(await findTagsInput('Languages you post in'), 'english{Enter}');
    await user.type(tagsInput('Signature hashtags'), 'open-banking{Enter}');
    await user.click(screen.getByRole('button', { name: 'Save my voice' }));

    expect(
      await screen.findByText(
        '“english” is not a language code. Use a code such as en, fr or pt-BR.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^“#open-banking” is not a hashtag/)).toBeInTheDocument();
    expect(tagsInput('Languages you post in')).toHaveAttribute('aria-invalid', 'true');
    expect(sent).toEqual([]);
  });

  it('saves the whole profile tidily and says so', async () => {
    const { sent } = renderPage(EMPTY);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByLabelText('Tone'));
    await user.paste('Curious, plain-spoken');
    await user.type(tagsInput('Expertise topics'), 'payments, risk,');
    await user.type(tagsInput('Languages you post in'), 'EN{Enter}');
    await user.type(tagsInput('Signature hashtags'), 'fintech ');
    await user.type(tagsInput('Words to avoid'), 'synergy,');
    await user.click(screen.getByRole('button', { name: 'Add a sample post' }));
    const sample = screen.getByLabelText('Sample post 1');
    await waitFor(() => expect(sample).toHaveFocus());
    await user.paste('Three risk teams told me the same thing this month.');
    await user.click(screen.getByRole('button', { name: 'Save my voice' }));

    expect(await screen.findByText('Your voice profile is saved.')).toBeInTheDocument();
    expect(sent).toEqual([
      {
        tone: 'Curious, plain-spoken',
        expertise_topics: ['payments', 'risk'],
        languages: ['en'],
        signature_hashtags: ['#fintech'],
        words_to_avoid: ['synergy'],
        sample_posts: ['Three risk teams told me the same thing this month.'],
      },
    ]);
    // Saved: the empty state goes, and there is nothing to discard.
    await waitFor(() => expect(screen.queryByTestId('voice-empty')).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Discard changes' })).toBeDisabled();
  });

  it("shows the server's field errors by the field they are about", async () => {
    renderPage({ ...EMPTY, tone: 'Dry', sample_posts: ['First', 'Second'] }, () =>
      jsonResponse(
        {
          code: 'validation_error',
          detail: 'sample_posts.1: Ensure this field has no more than 1000 characters.',
          fields: {
            sample_posts: { '1': ['Ensure this field has no more than 1000 characters.'] },
            tone: ['Ensure this field has no more than 200 characters.'],
          },
        },
        400,
      ),
    );
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText('Tone');
    await user.click(screen.getByRole('button', { name: 'Save my voice' }));

    expect(
      await screen.findByText('Ensure this field has no more than 200 characters.'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Sample post 2')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Sample post 1')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('Your voice profile was not saved')).toBeInTheDocument();
  });

  it('removes a sample post and offers no more than five', async () => {
    renderPage({ ...EMPTY, sample_posts: ['1', '2', '3', '4', '5'] });
    const user = userEvent.setup({ delay: null });
    await screen.findByLabelText('Sample post 5');
    expect(screen.getByRole('button', { name: 'Add a sample post' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Remove sample post 2' }));

    expect(screen.getAllByTestId('sample-post')).toHaveLength(4);
    expect(screen.getByLabelText('Sample post 2')).toHaveValue('3');
    expect(screen.getByRole('button', { name: 'Add a sample post' })).toBeEnabled();
  });

  it('shows an error with a retry when the profile cannot be loaded', async () => {
    mockFetch({
      [`GET ${VOICE_URL}`]: () => jsonResponse({ code: 'server_error', detail: 'Boom.' }, 500),
    });
    renderWithProviders(<VoiceProfilePage org="demo" />);

    expect(await screen.findByText('Boom.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
