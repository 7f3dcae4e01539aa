import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { MyObjectiveProgress, MyProgress, Summary } from '../api/analytics';

import { MyResultsPage } from './MyResultsPage';

const PROGRESS_URL = 'GET /api/v1/orgs/demo/me/progress';

const emptySummary = (url: string): Summary => ({
  group_by: (new URL(url, 'http://localhost').searchParams.get('group_by') ??
    'content') as Summary['group_by'],
  from: '2026-10-24',
  to: '2026-11-22',
  results: [],
});

const SUMMARY = {
  'GET /api/v1/orgs/demo/analytics/summary': (_init: RequestInit | undefined, url: string) =>
    jsonResponse(emptySummary(url)),
};

const objective = (overrides: Partial<MyObjectiveProgress> = {}): MyObjectiveProgress => ({
  name: 'Clicks from CIOs',
  metric: 'clicks',
  target: 20,
  period: 'month',
  period_start: '2026-11-01',
  period_end: '2026-11-30',
  team_actual: 8,
  my_actual: 3,
  my_share: 0.375,
  my_trend: [
    { period_start: '2026-09-01', period_end: '2026-09-30', actual: 1 },
    { period_start: '2026-10-01', period_end: '2026-10-31', actual: 2 },
  ],
  ...overrides,
});

const progress = (results: MyProgress['results']): MyProgress => ({
  as_of: '2026-11-22',
  results,
});

function renderPage(seesEveryone = false) {
  return renderWithProviders(
    <MyResultsPage
      org="demo"
      email="employee@demo.example"
      seesEveryone={seesEveryone}
      analyticsHref="/o/demo/analytics"
    />,
  );
}

describe('My progress on My results', () => {
  it('shows my part of the team’s total per role and objective, with my trend', async () => {
    mockFetch({
      ...SUMMARY,
      [PROGRESS_URL]: () =>
        jsonResponse(
          progress([
            {
              role: 'r-sales',
              role_name: 'Sales',
              objectives: [
                objective(),
                objective({
                  name: 'Posts',
                  metric: 'shares',
                  period: 'week',
                  target: 4,
                  team_actual: 1,
                  my_actual: 1,
                  my_share: 1,
                  my_trend: [],
                }),
              ],
            },
          ]),
        ),
    });
    renderPage();

    const role = await screen.findByRole('article', { name: 'Sales' });
    expect(screen.getByRole('region', { name: 'My progress' })).toContainElement(role);
    expect(within(role).getByRole('heading', { level: 3, name: 'Sales' })).toBeInTheDocument();
    expect(
      within(role).getByRole('heading', { level: 4, name: 'Clicks from CIOs' }),
    ).toBeInTheDocument();
    expect(
      within(role).getByText('You: 3 of the team’s 8 clicks this month (38%).'),
    ).toBeInTheDocument();
    const bar = within(role).getByRole('progressbar', {
      name: 'Your part of the team’s clicks this month: 38%',
    });
    expect(bar).toHaveAttribute('aria-valuenow', '38');
    // My earlier months, oldest first.
    const trend = within(role).getByRole('table', {
      name: 'Clicks from CIOs: your earlier months',
    });
    const rows = within(trend).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0].textContent)).toEqual(['1', '2']);
    // One share of one: singular, and no trend table when there is no earlier period yet.
    expect(
      within(role).getByText('You: 1 of the team’s 1 share this week (100%).'),
    ).toBeInTheDocument();
    expect(within(role).queryByRole('table', { name: /Posts/ })).toBeNull();
  });

  it('never names or ranks anyone else', async () => {
    mockFetch({
      ...SUMMARY,
      [PROGRESS_URL]: () =>
        jsonResponse(
          progress([{ role: 'r-sales', role_name: 'Sales', objectives: [objective()] }]),
        ),
    });
    renderPage();

    await screen.findByRole('article', { name: 'Sales' });
    const section = screen.getByRole('region', { name: 'My progress' });
    expect(section).toHaveTextContent('Only you see this, and nobody is ranked.');
    expect(section).toHaveTextContent('As of');
    expect(section.textContent).not.toMatch(/rank #|\b1st\b|leader/i);
  });

  it('is not shown at all while the organisation has not turned it on', async () => {
    const fetchSpy = mockFetch({
      ...SUMMARY,
      [PROGRESS_URL]: () =>
        jsonResponse({ code: 'my_progress_disabled', detail: 'Not turned on.' }, 403),
    });
    renderPage();

    await screen.findByRole('heading', { name: 'Nothing in these days' });
    await waitFor(() =>
      expect(fetchSpy.mock.calls.some(([input]) => String(input).includes('/me/progress'))).toBe(
        true,
      ),
    );
    expect(screen.queryByRole('heading', { name: 'My progress' })).toBeNull();
    expect(screen.queryByText('Not turned on.')).toBeNull();
  });

  it('says when none of my roles has objectives', async () => {
    mockFetch({ ...SUMMARY, [PROGRESS_URL]: () => jsonResponse(progress([])) });
    renderPage();

    expect(
      await screen.findByRole('heading', { name: 'No objectives for your roles yet' }),
    ).toBeVisible();
  });

  it('shows an error with a retry when it cannot be loaded', async () => {
    let calls = 0;
    mockFetch({
      ...SUMMARY,
      [PROGRESS_URL]: () => {
        calls += 1;
        return calls === 1
          ? jsonResponse({ code: 'server_error', detail: 'Progress is down.' }, 500)
          : jsonResponse(progress([]));
      },
    });
    renderPage();

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load your progress');
    expect(alert).toHaveTextContent('Progress is down.');

    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));

    expect(
      await screen.findByRole('heading', { name: 'No objectives for your roles yet' }),
    ).toBeVisible();
  });

  it('is shown to admins and comms leads under their own totals too', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/members/': () => jsonResponse({ count: 0, results: [] }),
      ...SUMMARY,
      [PROGRESS_URL]: () =>
        jsonResponse(
          progress([{ role: 'r-exec', role_name: 'Executives', objectives: [objective()] }]),
        ),
    });
    renderPage(true);

    const role = await screen.findByRole('article', { name: 'Executives' });
    expect(screen.getByRole('region', { name: 'My progress' })).toContainElement(role);
    expect(within(role).getByText(/^You: 3 of the team’s 8 clicks/)).toBeInTheDocument();
  });
});
