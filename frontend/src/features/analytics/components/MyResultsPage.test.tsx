import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Member, Paginated } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { Summary, SummaryRow } from '../api/analytics';

import { MyResultsPage } from './MyResultsPage';

const SUMMARY_URL = '/api/v1/orgs/demo/analytics/summary';

/** The organisation has not turned the private "my progress" view on (the default). */
const PROGRESS_OFF = {
  'GET /api/v1/orgs/demo/me/progress': () =>
    jsonResponse({ code: 'my_progress_disabled', detail: 'Not turned on.' }, 403),
};

const row = (key: string, label: string, numbers: Partial<SummaryRow> = {}): SummaryRow => ({
  key,
  label,
  shares: 0,
  clicks: 0,
  unique_visitors: 0,
  bot_hits: 0,
  conversations: 0,
  reactions: 0,
  ...numbers,
});

const summary = (url: string, results: SummaryRow[]): Summary => {
  const params = new URL(url, 'http://localhost').searchParams;
  return {
    group_by: (params.get('group_by') ?? 'content') as Summary['group_by'],
    from: '2026-10-24',
    to: '2026-11-22',
    results,
  };
};

const ME: Member = {
  id: 'm-me',
  email: 'comms@demo.example',
  name: 'Casey Rivera',
  org_role: 'comms_lead',
  advocacy_roles: [],
  advocacy_role_names: [],
  ambassador: false,
  is_active: true,
  joined_at: '2026-01-01T00:00:00Z',
};

describe('MyResultsPage', () => {
  it("shows an employee their own shares' results, without a by-person tab", async () => {
    mockFetch({
      ...PROGRESS_OFF,
      [`GET ${SUMMARY_URL}`]: (_init, url) =>
        jsonResponse(
          summary(
            url,
            url.includes('group_by=day')
              ? [row('2026-11-10', '2026-11-10', { clicks: 4 })]
              : [row('c1', 'Bank data report', { shares: 1, clicks: 4, conversations: 2 })],
          ),
        ),
    });
    renderWithProviders(
      <MyResultsPage org="demo" email="employee@demo.example" seesEveryone={false} />,
    );

    const table = await screen.findByRole('table', { name: /by content/i });
    expect(within(table).getByRole('rowheader', { name: 'Bank data report' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'My results' })).toBeInTheDocument();
    expect(screen.queryByRole('tab', { name: 'People' })).toBeNull();
    expect(screen.getByRole('tab', { name: 'Audiences' })).toBeInTheDocument();
  });

  it('encourages a first share when there is nothing yet', async () => {
    mockFetch({
      ...PROGRESS_OFF,
      [`GET ${SUMMARY_URL}`]: (_init, url) => jsonResponse(summary(url, [])),
    });
    renderWithProviders(
      <MyResultsPage org="demo" email="employee@demo.example" seesEveryone={false} />,
    );

    expect(await screen.findByRole('heading', { name: 'Nothing in these days' })).toBeVisible();
    expect(screen.getByText(/Share something from For you/)).toBeVisible();
  });

  it('picks out the own row of an admin or comms lead from the organisation', async () => {
    const fetchSpy = mockFetch({
      ...PROGRESS_OFF,
      'GET /api/v1/orgs/demo/members/': () =>
        jsonResponse({ count: 1, results: [ME] } satisfies Paginated<Member>),
      [`GET ${SUMMARY_URL}`]: (_init, url) =>
        jsonResponse(
          summary(url, [
            row('m-other', 'Someone Else', { clicks: 99 }),
            row('m-me', 'Casey Rivera', { clicks: 7, conversations: 3 }),
          ]),
        ),
    });
    renderWithProviders(
      <MyResultsPage
        org="demo"
        email="comms@demo.example"
        seesEveryone
        analyticsHref="/o/demo/analytics"
      />,
    );

    const table = await screen.findByRole('table');
    expect(within(table).getByRole('rowheader', { name: 'Casey Rivera' })).toBeInTheDocument();
    expect(within(table).queryByText('Someone Else')).toBeNull();
    expect(screen.getByRole('link', { name: 'Analytics' })).toHaveAttribute(
      'href',
      '/o/demo/analytics',
    );
    await waitFor(() =>
      expect(
        fetchSpy.mock.calls.some(([input]) => String(input).includes('q=comms%40demo.example')),
      ).toBe(true),
    );
  });

  it('says so when the summary cannot be loaded', async () => {
    mockFetch({
      ...PROGRESS_OFF,
      [`GET ${SUMMARY_URL}`]: () => jsonResponse({ code: 'server_error', detail: 'Boom.' }, 500),
    });
    renderWithProviders(
      <MyResultsPage org="demo" email="employee@demo.example" seesEveryone={false} />,
    );

    const alerts = await screen.findAllByRole('alert');
    expect(alerts.some((a) => a.textContent?.includes('Boom.'))).toBe(true);
  });
});
