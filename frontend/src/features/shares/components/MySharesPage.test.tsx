import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Share } from '@/api/types';
import { formatDateTime } from '@/lib/labels';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { MySharesPage } from './MySharesPage';

const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

const share = (overrides: Partial<Share> = {}): Share => ({
  id: 's1',
  content: 'c1',
  content_title: 'Bank case study',
  connection: 'k1',
  network: 'linkedin',
  text: 'My words',
  final_text: 'My words\n\nhttps://t/l/abc',
  retry_at: null,
  text_sha256: 'f'.repeat(64),
  status: 'failed',
  checks: [],
  send_at: null,
  external_id: '',
  external_url: '',
  error: null,
  tracked_url: 'https://t/l/abc',
  author: 'Jordan Lee',
  created_at: '2026-05-01T09:00:00Z',
  confirmed_at: '2026-05-01T09:01:00Z',
  posted_at: null,
  ...overrides,
});

const linkedin = {
  id: 'k1',
  network: 'linkedin',
  account_id: 'urn:li:person:1',
  account_name: 'Jordan Lee',
  account_url: 'https://www.linkedin.com/in/jordan',
  instance: '',
  status: 'active',
  status_detail: '',
  reconnect_by: null,
  expires_at: null,
  created_at: '2026-01-01T00:00:00Z',
};

function renderShares(shares: Share[]) {
  document.cookie = 'csrftoken=t';
  const cancelled: string[] = [];
  mockFetch({
    'GET /api/v1/orgs/demo/shares/': () => jsonResponse(page(shares)),
    'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page([linkedin])),
    'POST /api/v1/orgs/demo/shares/s1/cancel': () => {
      cancelled.push('s1');
      return jsonResponse(share({ status: 'cancelled' }));
    },
  });
  renderWithProviders(
    <MySharesPage
      org="demo"
      canReview={false}
      connectionsHref="/o/demo/connections"
      forYouHref="/o/demo/for-you"
      shareHref={(content, network) => `/o/demo/share/${content}?network=${network}`}
    />,
    { withNotifications: true },
  );
  return { cancelled };
}

const card = (title: string) => screen.findByRole('article', { name: title });

describe('MySharesPage failure explanations', () => {
  it('tells the person to check their profile when the outcome is unknown', async () => {
    renderShares([
      share({
        error: {
          code: 'outcome_unknown',
          detail: 'LinkedIn gave no clear answer. The post may or may not exist.',
          retryable: false,
        },
      }),
    ]);
    const row = await card('Bank case study');
    const advice = within(row).getByTestId('share-advice');
    expect(advice).toHaveTextContent('Check your profile before trying again');
    expect(advice).toHaveTextContent('We lost the answer from LinkedIn after sending');
    expect(
      await within(advice).findByRole('link', { name: /Open your LinkedIn profile/ }),
    ).toHaveAttribute('href', 'https://www.linkedin.com/in/jordan');
    expect(row).not.toHaveTextContent('outcome_unknown');
  });

  it('says when a rate-limited share is retried, without offering to discard it', async () => {
    renderShares([
      share({
        status: 'queued',
        retry_at: '2026-05-01T10:15:00Z',
        error: { code: 'rate_limited', detail: 'linkedin asked us to slow down.', retryable: true },
      }),
    ]);
    const row = await card('Bank case study');
    expect(within(row).getByTestId('share-advice')).toHaveTextContent(
      `We are retrying automatically at ${formatDateTime('2026-05-01T10:15:00Z')}.`,
    );
    expect(within(row).queryByRole('button', { name: /Discard/ })).not.toBeInTheDocument();
    expect(within(row).getByRole('button', { name: 'Cancel' })).toBeInTheDocument();
  });

  it('links to Connections to reconnect an expired connection', async () => {
    renderShares([
      share({
        error: {
          code: 'connection_expired',
          detail: 'The network no longer accepts this connection. Reconnect it.',
          retryable: false,
        },
      }),
    ]);
    const row = await card('Bank case study');
    expect(
      within(row).getByText('Your LinkedIn connection expired, so this was not posted.'),
    ).toBeInTheDocument();
    expect(within(row).getByRole('link', { name: 'Reconnect LinkedIn' })).toHaveAttribute(
      'href',
      '/o/demo/connections',
    );
  });

  it("quotes the network's and the reviewer's own words", async () => {
    renderShares([
      share({
        error: { code: 'post_rejected', detail: 'Content is a duplicate', retryable: false },
      }),
      share({
        id: 's2',
        content_title: 'Webinar',
        status: 'blocked',
        error: { code: 'review_rejected', detail: 'Drop the revenue figure.', retryable: false },
      }),
    ]);
    const rejected = await card('Bank case study');
    expect(within(rejected).getByTestId('share-advice')).toHaveTextContent(
      'LinkedIn said: “Content is a duplicate”',
    );
    expect(within(await card('Webinar')).getByTestId('share-advice')).toHaveTextContent(
      'Their reason: “Drop the revenue figure.”',
    );
  });

  it('discards a failed share, and offers to share a cancelled one again', async () => {
    const { cancelled } = renderShares([
      share({ error: { code: 'text_changed', detail: '', retryable: false }, status: 'blocked' }),
      share({
        id: 's2',
        content: 'c2',
        content_title: 'Webinar',
        status: 'cancelled',
        error: { code: 'cancelled', detail: 'Cancelled by Jordan Lee', retryable: false },
      }),
      share({
        id: 's3',
        content_title: 'Old news',
        status: 'cancelled',
        error: { code: 'retired', detail: '', retryable: false },
      }),
    ]);
    const blocked = await card('Bank case study');
    expect(blocked).toHaveTextContent('We only post exactly the text you confirmed');
    const user = userEvent.setup({ delay: null });
    await user.click(
      within(blocked).getByRole('button', { name: 'Discard this share of Bank case study' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Discard this share?' });
    await user.click(within(dialog).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(cancelled).toEqual(['s1']));
    expect(await screen.findByText('Share discarded.')).toBeInTheDocument();

    expect(
      within(await card('Webinar')).getByRole('link', { name: 'Share again' }),
    ).toHaveAttribute('href', '/o/demo/share/c2?network=linkedin');
    const retired = await card('Old news');
    expect(within(retired).queryByRole('link', { name: 'Share again' })).not.toBeInTheDocument();
    expect(retired).toHaveTextContent('Your comms team withdrew this content');
  });

  it('explains a scheduled share in words', async () => {
    const later = new Date(Date.now() + 48 * 3600 * 1000).toISOString();
    renderShares([share({ status: 'queued', send_at: later })]);
    expect(within(await card('Bank case study')).getByTestId('share-hint')).toHaveTextContent(
      `Will be posted at ${formatDateTime(later)}.`,
    );
  });
});
