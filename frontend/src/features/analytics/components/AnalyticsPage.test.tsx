import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { Objectives, Summary, SummaryRow } from '../api/analytics';

import { AnalyticsPage } from './AnalyticsPage';

const SUMMARY_URL = '/api/v1/orgs/demo/analytics/summary';
const OBJECTIVES_URL = '/api/v1/orgs/demo/analytics/objectives';

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

const ROWS: Record<string, SummaryRow[]> = {
  content: [
    row('c1', 'Bank data report', {
      shares: 2,
      clicks: 41,
      unique_visitors: 33,
      bot_hits: 7,
      conversations: 5,
      reactions: 24,
    }),
    row('c2', 'Streaming pipelines', { shares: 1, clicks: 18, bot_hits: 3, conversations: 2 }),
  ],
  role: [row('r1', 'Sales', { shares: 3, clicks: 59, conversations: 7, bot_hits: 10 })],
  member: [
    row('m1', 'Zoe Young', { shares: 5, clicks: 90 }),
    row('m2', 'Adam Ash', { shares: 1, clicks: 2 }),
  ],
  day: [
    row('2026-11-01', '2026-11-01', { clicks: 3 }),
    row('2026-11-02', '2026-11-02', { clicks: 12, bot_hits: 1 }),
  ],
};

const OBJECTIVES: Objectives = {
  as_of: '2026-11-22',
  results: [
    {
      role: 'r1',
      role_name: 'Sales',
      objectives: [
        {
          name: 'Clicks from bank CIOs',
          metric: 'clicks',
          target: 40,
          period: 'month',
          period_start: '2026-11-01',
          period_end: '2026-11-30',
          actual: 12,
          progress: 0.3,
          trend: [
            { period_start: '2026-09-01', period_end: '2026-09-30', actual: 20 },
            { period_start: '2026-10-01', period_end: '2026-10-31', actual: 35 },
          ],
        },
      ],
    },
    { role: 'r2', role_name: 'Legal', objectives: [] },
  ],
};

function summaryFor(url: string): Summary {
  const params = new URL(url, 'http://localhost').searchParams;
  const groupBy = (params.get('group_by') ?? 'content') as Summary['group_by'];
  return {
    group_by: groupBy,
    from: params.get('from') ?? '2026-10-24',
    to: params.get('to') ?? '2026-11-22',
    results: ROWS[groupBy] ?? [],
  };
}

function renderDashboard(route = '/o/demo/analytics', summary = summaryFor) {
  const fetchSpy = mockFetch({
    [`GET ${SUMMARY_URL}`]: (_init, url) => jsonResponse(summary(url)),
    [`GET ${OBJECTIVES_URL}`]: () => jsonResponse(OBJECTIVES),
  });
  renderWithProviders(<AnalyticsPage org="demo" />, { route });
  return fetchSpy;
}

const summaryCalls = (fetchSpy: ReturnType<typeof mockFetch>) =>
  fetchSpy.mock.calls.map(([input]) => String(input)).filter((url) => url.startsWith(SUMMARY_URL));

describe('AnalyticsPage', () => {
  it('puts conversations and clicks first and bot hits apart, then switches the grouping', async () => {
    const fetchSpy = renderDashboard();

    const table = await screen.findByRole('table', { name: /by content/i });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map((cell) => cell.textContent);
    expect(headers).toEqual([
      'Content',
      'Conversations',
      'Clicks by people',
      'Unique visitors',
      'Reactions',
      'Shares posted',
      'Bot and preview hits',
    ]);
    const first = within(table).getByRole('row', { name: /Bank data report/ });
    expect(
      within(first)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['5', '41', '33', '24', '2', '7']);
    // Content rows add up: a total row, bot hits totalled in their own column.
    const total = within(table).getByRole('row', { name: /Total/ });
    expect(
      within(total)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['7', '59', '33', '24', '3', '10']);

    await userEvent.click(screen.getByRole('tab', { name: 'Roles' }));

    const byRole = await screen.findByRole('table', { name: /by role/i });
    expect(within(byRole).getByRole('rowheader', { name: 'Sales' })).toBeInTheDocument();
    // A share counts for every role it was made for: no misleading total.
    expect(within(byRole).queryByRole('row', { name: /Total/ })).toBeNull();
    expect(byRole).toHaveAccessibleName(/can add up to more than the total/);
    await waitFor(() =>
      expect(summaryCalls(fetchSpy).some((url) => url.includes('group_by=role'))).toBe(true),
    );
    expect(screen.getByTestId('location')).toHaveTextContent('group_by=role');
  });

  it('lists people by name, never ranked by their numbers', async () => {
    renderDashboard('/o/demo/analytics?group_by=member');

    const table = await screen.findByRole('table', { name: /by person/i });
    const names = within(table)
      .getAllByRole('rowheader')
      .map((cell) => cell.textContent);
    expect(names.slice(0, 2)).toEqual(['Adam Ash', 'Zoe Young']);
    expect(table).toHaveAccessibleName(/not a ranking/);
  });

  it('draws clicks per day with a sentence and a table of the numbers', async () => {
    renderDashboard();

    const chart = await screen.findByRole('img', { name: /clicks by people per day/i });
    expect(chart).toHaveAccessibleName(/15 clicks by people over 2 days/);
    expect(screen.getByText('Show the numbers per day')).toBeInTheDocument();
  });

  it("shows the API's explanation of a range it refuses", async () => {
    mockFetch({
      [`GET ${SUMMARY_URL}`]: () =>
        jsonResponse({ code: 'invalid_range', detail: '`from` must be on or before `to`.' }, 400),
      [`GET ${OBJECTIVES_URL}`]: () => jsonResponse(OBJECTIVES),
    });
    renderWithProviders(<AnalyticsPage org="demo" />, {
      route: '/o/demo/analytics?from=2026-11-10&to=2026-11-01',
    });
    const alerts = await screen.findAllByRole('alert');
    expect(alerts[0]).toHaveTextContent('`from` must be on or before `to`.');
  });

  it('shows an empty state when nothing happened in the range', async () => {
    renderDashboard('/o/demo/analytics', (url) => ({ ...summaryFor(url), results: [] }));

    expect(await screen.findByRole('heading', { name: 'Nothing in these days' })).toBeVisible();
    expect(
      await screen.findByRole('img', { name: /No clicks by people in these days/ }),
    ).toBeInTheDocument();
  });

  it('applies a new date range from the form', async () => {
    const fetchSpy = renderDashboard();
    await screen.findByRole('table', { name: /by content/i });

    const from = screen.getByLabelText('From');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-09-01');
    await userEvent.click(screen.getByRole('button', { name: 'Show' }));

    await waitFor(() =>
      expect(summaryCalls(fetchSpy).some((url) => url.includes('from=2026-09-01'))).toBe(true),
    );
  });

  it("shows each role's objectives with text beside the progress bar", async () => {
    renderDashboard();

    const card = await screen.findByRole('article', { name: 'Sales' });
    expect(
      within(card).getByRole('progressbar', { name: 'Clicks from bank CIOs: 12 of 40 (30%)' }),
    ).toBeInTheDocument();
    expect(within(card).getByText(/12 of 40 so far this month \(30%\)/)).toBeInTheDocument();
    expect(within(card).getByText(/up from 20/)).toBeInTheDocument();
    // Roles without objectives are left out.
    expect(screen.queryByRole('article', { name: 'Legal' })).toBeNull();
  });
});
