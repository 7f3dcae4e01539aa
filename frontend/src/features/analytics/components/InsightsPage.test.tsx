import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { Insights } from '../api/analytics';

import { InsightsPage } from './InsightsPage';

const INSIGHTS_URL = '/api/v1/orgs/demo/insights/';

const REPORT: Insights = {
  period_from: '2026-10-24',
  period_to: '2026-11-22',
  grid: [
    {
      role: { id: 'r1', name: 'Sales' },
      audience: { id: 'a1', name: 'CIOs of large banks' },
      content: { id: 'c1', title: 'Bank data report' },
      shares: 1,
      clicks: 41,
      unique_visitors: 33,
      conversations: 5,
      reactions: 24,
    },
    {
      role: { id: 'r2', name: 'Executives' },
      audience: null,
      content: { id: 'c1', title: 'Bank data report' },
      shares: 1,
      clicks: 4,
      unique_visitors: 3,
      conversations: 0,
      reactions: 1,
    },
  ],
  unpicked_content: [
    { id: 'c9', title: 'Webinar: AI governance', approved_at: '2026-11-01T10:00:00Z', cells: 2 },
  ],
  unreached_audiences: [
    { id: 'a7', name: 'Journalists', reason: 'no_role', roles: [] },
    {
      id: 'a8',
      name: 'DevOps engineers',
      reason: 'no_shares',
      roles: [{ id: 'r3', name: 'Engineering', level: 'lead' }],
    },
  ],
  expiring_reservations: [
    {
      id: 'x1',
      name: 'Acme Bank negotiation',
      owner: 'm1',
      owner_name: 'Sam Okafor',
      expires_at: '2026-11-30T00:00:00Z',
    },
  ],
};

const pickers = {
  'GET /api/v1/orgs/demo/roles/': () =>
    jsonResponse({ count: 1, results: [{ id: 'r1', name: 'Sales' }] }),
  'GET /api/v1/orgs/demo/audiences/': () =>
    jsonResponse({ count: 1, results: [{ id: 'a1', name: 'CIOs of large banks' }] }),
};

describe('InsightsPage', () => {
  it('colours the grid by results with words and numbers, and lists the gaps', async () => {
    mockFetch({ ...pickers, [`GET ${INSIGHTS_URL}`]: () => jsonResponse(REPORT) });
    renderWithProviders(<InsightsPage org="demo" />);

    const best = await screen.findByRole('row', { name: /Sales CIOs of large banks/ });
    expect(best).toHaveAttribute('data-level', 'strong');
    expect(within(best).getByText('Strong')).toBeInTheDocument();
    const weak = screen.getByRole('row', { name: /Executives Every audience of the role/ });
    expect(within(weak).getByText('Low')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Result legend' })).toHaveTextContent('Strong');

    expect(screen.getByText('Webinar: AI governance')).toBeInTheDocument();
    expect(screen.getByText('No role leads or supports it.')).toBeInTheDocument();
    expect(screen.getByText(/Engineering \(lead\)/)).toBeInTheDocument();
    expect(screen.getByRole('rowheader', { name: 'Acme Bank negotiation' })).toBeInTheDocument();
  });

  it('filters by role through the API', async () => {
    const fetchSpy = mockFetch({ ...pickers, [`GET ${INSIGHTS_URL}`]: () => jsonResponse(REPORT) });
    renderWithProviders(<InsightsPage org="demo" />);
    await screen.findByRole('row', { name: /Sales CIOs of large banks/ });
    await screen.findByRole('option', { name: 'Sales' });

    await userEvent.selectOptions(screen.getByLabelText('Role'), 'r1');

    await waitFor(() =>
      expect(fetchSpy.mock.calls.some(([input]) => String(input).includes('role=r1'))).toBe(true),
    );
  });

  it('has empty states for a quiet period', async () => {
    mockFetch({
      ...pickers,
      [`GET ${INSIGHTS_URL}`]: () =>
        jsonResponse({
          ...REPORT,
          grid: [],
          unpicked_content: [],
          unreached_audiences: [],
          expiring_reservations: [],
        }),
    });
    renderWithProviders(<InsightsPage org="demo" />);

    expect(await screen.findByRole('heading', { name: 'No results in these days' })).toBeVisible();
    expect(screen.getByText('Everything in the grid was shared at least once.')).toBeVisible();
    expect(screen.getByText('No reserved relationship expires soon.')).toBeVisible();
  });

  it('shows an error the API gives', async () => {
    mockFetch({
      ...pickers,
      [`GET ${INSIGHTS_URL}`]: () =>
        jsonResponse({ code: 'permission_denied', detail: 'Comms leads and admins only.' }, 403),
    });
    renderWithProviders(<InsightsPage org="demo" />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Comms leads and admins only.');
  });
});
