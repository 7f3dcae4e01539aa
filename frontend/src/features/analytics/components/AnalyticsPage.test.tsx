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
    row('2026-11-02', '2026-11-02', { clicks: 12, bot_hits: 1, conversations: 2 }),
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

function renderDashboardWithContainer() {
  mockFetch({
    [`GET ${SUMMARY_URL}`]: (_init, url) => jsonResponse(summaryFor(url)),
    [`GET ${OBJECTIVES_URL}`]: () => jsonResponse(OBJECTIVES),
  });
  return renderWithProviders(<AnalyticsPage org="demo" />, { route: '/o/demo/analytics' });
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
    expect(chart).toHaveAccessibleName(/15 clicks by people over 2 days, and 2 conversations/);
    expect(chart.querySelector('.recharts-wrapper')).not.toBeNull();
    await userEvent.click(screen.getByText('Show the numbers per day'));
    const numbers = screen.getByRole('table', { name: 'Conversations and clicks per day' });
    expect(
      within(numbers)
        .getAllByRole('columnheader')
        .map((cell) => cell.textContent),
    ).toEqual(['Day', 'Conversations', 'Clicks by people', 'Bot and preview hits']);
    expect(within(numbers).getAllByRole('row')[2]).toHaveTextContent(/2121$/);
  });

  it('charts conversations and clicks per content and per role, never per person', async () => {
    const { container } = renderDashboardWithContainer();

    const byContent = await screen.findByRole('img', {
      name: /conversations and clicks by people per content/i,
    });
    expect(byContent).toHaveAccessibleName(
      /Bank data report \(5 conversations, 41 clicks\); Streaming pipelines \(2 conversations, 18 clicks\)/,
    );
    // The drawing is Recharts', inside the named picture and out of the tab order.
    expect(byContent.querySelector('.recharts-wrapper')).not.toBeNull();
    expect(container.querySelectorAll('[role="img"] [tabindex]:not([tabindex="-1"])')).toHaveLength(
      0,
    );

    await userEvent.click(screen.getByRole('tab', { name: 'Roles' }));
    expect(
      await screen.findByRole('img', { name: /per role.*Sales \(7 conversations, 59 clicks\)/i }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'People' }));
    await screen.findByRole('table', { name: /by person/i });
    expect(screen.queryByRole('img', { name: /per person/i })).toBeNull();
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
    // The objective's periods against its target, as a chart named in words and a table.
    const chart = within(card).getByRole('img', { name: /Clicks from bank CIOs, per month/ });
    expect(chart).toHaveAccessibleName(/Last month \(Oct 2026\): 35, up from 20\./);
    const periods = within(card).getByRole('table', { name: 'Clicks from bank CIOs per period' });
    expect(
      within(periods)
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['Sep 20262040', 'Oct 20263540', 'Nov 2026 so far1240']);
    // Roles without objectives are left out.
    expect(screen.queryByRole('article', { name: 'Legal' })).toBeNull();
  });
});
