import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { ComposerPage } from './ComposerPage';

const page = (results: unknown[]) => ({
  count: results.length,
  next: null,
  previous: null,
  results,
});

const item = {
  id: 'c1',
  version: 1,
  title: 'Bank case study',
  url: 'https://example.com/case',
  summary: '',
  suggested_copy: 'Banks cut reporting time by 60%.',
  image_url: '',
  preview: {},
  language: 'en',
  networks: ['sandbox'],
  disclaimer: '',
  expires_at: null,
  approved_at: null,
  angles: [{ role: 'r1', role_name: 'Sales', text: 'Lead with the outcome.' }],
  cells: [{ id: 'g1', role: 'r1', audience: null, audience_name: null, position: 0, note: 'Ask.' }],
  shared_networks: [],
};

const connection = {
  id: 'k1',
  network: 'sandbox',
  account_id: 'sandbox-1',
  account_name: 'Jordan',
  account_url: '',
  status: 'active',
  expires_at: null,
  created_at: '2026-01-01T00:00:00Z',
};

const draft = {
  id: 's1',
  content: 'c1',
  content_title: 'Bank case study',
  connection: 'k1',
  network: 'sandbox',
  text: 'My own words',
  final_text: 'My own words\n\nhttps://t/l/abc',
  text_sha256: 'f'.repeat(64),
  status: 'draft',
  checks: [{ code: 'not_original', ok: true, detail: '' }],
  send_at: null,
  external_id: '',
  external_url: '',
  error: null,
  tracked_url: 'https://t/l/abc',
  author: '',
  created_at: '2026-01-01T00:00:00Z',
  confirmed_at: null,
  posted_at: null,
};

const body = (init: RequestInit | undefined) => JSON.parse(String(init?.body ?? '{}'));

describe('ComposerPage', () => {
  it('previews as you type, creates a draft on review, confirms with its text_sha256', async () => {
    document.cookie = 'csrftoken=token';
    const previews: string[] = [];
    let confirmed: Record<string, unknown> | null = null;
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () => jsonResponse(page([item])),
      'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page([connection])),
      'POST /api/v1/orgs/demo/shares/preview': (init) => {
        const { text } = body(init);
        previews.push(text);
        return jsonResponse({
          final_text: `${text}\n\nhttps://t/l/preview`,
          length: text.length + 22,
          max_length: 3000,
          checks: [
            { code: 'not_approved', ok: true, detail: '' },
            { code: 'not_original', ok: false, detail: 'Say it in your own words.' },
          ],
        });
      },
      'POST /api/v1/orgs/demo/shares/': (init) => {
        expect(body(init)).toEqual({ content: 'c1', connection: 'k1', text: 'My own words' });
        return jsonResponse(draft, 201);
      },
      'POST /api/v1/orgs/demo/shares/s1/confirm': (init) => {
        confirmed = body(init);
        return jsonResponse({ ...draft, status: 'queued' });
      },
    });
    renderWithProviders(
      <ComposerPage
        org="demo"
        contentId="c1"
        network="sandbox"
        connectionsHref="/o/demo/connections"
        sharesHref="/o/demo/shares"
      />,
    );
    const box = await screen.findByLabelText(/In your own words/);
    expect(box).toHaveValue('');
    expect(screen.getByTestId('suggested-copy')).toHaveTextContent('Banks cut reporting');

    fireEvent.change(box, { target: { value: 'My own words' } });
    const preview = await screen.findByTestId('preview-text', {}, { timeout: 2000 });
    expect(preview.textContent).toBe('My own words\n\nhttps://t/l/preview');
    expect(previews).toEqual(['My own words']); // debounced: one call
    expect(screen.getByTestId('share-length')).toHaveTextContent('34 / 3000');
    expect(screen.getByTestId('failing-checks')).toHaveTextContent('Say it in your own words.');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Review and confirm' }));
    const finalText = await screen.findByTestId('final-text');
    expect(finalText.textContent).toBe(draft.final_text);

    const confirm = screen.getByRole('button', { name: 'Confirm and post' });
    expect(confirm).toBeDisabled();
    await user.click(screen.getByLabelText('I wrote this and want it posted as shown'));
    await user.click(confirm);
    await screen.findByTestId('share-done');
    expect(confirmed).toEqual({ text_sha256: draft.text_sha256 });
  });

  it('shows the refusal checks of a 422 and links My shares on already_shared', async () => {
    document.cookie = 'csrftoken=token';
    let calls = 0;
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () => jsonResponse(page([item])),
      'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page([connection])),
      'POST /api/v1/orgs/demo/shares/preview': () =>
        jsonResponse({ final_text: 'x', length: 1, max_length: 3000, checks: [] }),
      'POST /api/v1/orgs/demo/shares/': () => {
        calls += 1;
        return calls === 1
          ? jsonResponse(
              {
                code: 'checks_failed',
                detail: 'This share does not pass the checks.',
                checks: [{ code: 'too_long', ok: false, detail: 'The text is too long.' }],
              },
              422,
            )
          : jsonResponse(
              { code: 'already_shared', detail: 'You already shared this on sandbox.' },
              409,
            );
      },
    });
    renderWithProviders(
      <ComposerPage
        org="demo"
        contentId="c1"
        connectionsHref="/o/demo/connections"
        sharesHref="/o/demo/shares"
      />,
    );
    const box = await screen.findByLabelText(/In your own words/);
    fireEvent.change(box, { target: { value: 'Words' } });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Review and confirm' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This share does not pass the checks.');
    expect(alert).toHaveTextContent('The text is too long.');
    await user.click(screen.getByRole('button', { name: 'Review and confirm' }));
    await waitFor(() =>
      expect(screen.getByRole('link', { name: 'See it in My shares' })).toHaveAttribute(
        'href',
        '/o/demo/shares',
      ),
    );
  });

  it('links to Connections when no network of the item is connected', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () => jsonResponse(page([item])),
      'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page([])),
    });
    renderWithProviders(
      <ComposerPage
        org="demo"
        contentId="c1"
        connectionsHref="/o/demo/connections"
        sharesHref="/o/demo/shares"
      />,
    );
    expect(await screen.findByRole('link', { name: 'Go to Connections' })).toHaveAttribute(
      'href',
      '/o/demo/connections',
    );
  });

  it('shows the voice hints next to the text box, given what is typed', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () => jsonResponse(page([item])),
      'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page([connection])),
      'POST /api/v1/orgs/demo/shares/preview': () =>
        jsonResponse({ final_text: 'x', length: 1, max_length: 3000, checks: [] }),
    });
    renderWithProviders(
      <ComposerPage
        org="demo"
        contentId="c1"
        connectionsHref="/o/demo/connections"
        sharesHref="/o/demo/shares"
        voiceHints={(text) => <p>Hints for “{text}”</p>}
      />,
    );
    const box = await screen.findByLabelText(/In your own words/);
    expect(screen.getByTestId('voice-hints')).toHaveTextContent('Hints for “”');

    fireEvent.change(box, { target: { value: 'Total synergy' } });

    expect(screen.getByTestId('voice-hints')).toHaveTextContent('Hints for “Total synergy”');
  });
});
