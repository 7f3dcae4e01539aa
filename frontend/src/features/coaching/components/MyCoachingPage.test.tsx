import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { MyCoaching } from '../api/coaching';

import { MyCoachingPage } from './MyCoachingPage';

const URL_MINE = '/api/v1/orgs/demo/me/coaching';
const DONE_URL = `${URL_MINE}/t1/done`;

const COACHING: MyCoaching = {
  week: '2026-11-16',
  week_ends: '2026-11-22',
  tasks: [
    {
      id: 't1',
      title: 'Reply to one person in your audience',
      description: 'Add something useful to one post. No pitch.',
      kind: 'reply_to_audience',
      role: 'r1',
      role_name: 'Sales',
      recurring: true,
      done: false,
      done_at: null,
    },
    {
      id: 't2',
      title: 'Follow the company accounts',
      description: 'So you see what is announced.',
      kind: 'follow_company',
      role: null,
      role_name: null,
      recurring: false,
      done: true,
      done_at: '2026-11-17T09:00:00Z',
    },
  ],
  progress: {
    done_this_week: 1,
    tasks_this_week: 2,
    weeks_with_something_done: 3,
    recent_weeks: [
      { week: '2026-11-09', done: 2 },
      { week: '2026-11-16', done: 1 },
    ],
  },
  done_history: [],
  what_worked: {
    period_from: '2026-08-25',
    period_to: '2026-11-22',
    shares_posted: 2,
    audiences: [{ id: 'a1', name: 'CIOs of large banks', shares: 2, clicks: 59, conversations: 7 }],
    shares: [
      {
        id: 's1',
        content: 'c1',
        title: 'Bank data report',
        network: 'linkedin',
        posted_at: '2026-11-10T02:00:00Z',
        external_url: 'https://www.linkedin.com/feed/update/1',
        clicks: 41,
        conversations: 5,
        reactions: 24,
        audiences: [{ id: 'a1', name: 'CIOs of large banks' }],
      },
    ],
  },
};

describe('MyCoachingPage', () => {
  it('marks a task done at once and sends it to the API', async () => {
    document.cookie = 'csrftoken=t';
    let served = COACHING;
    const fetchSpy = mockFetch({
      [`GET ${URL_MINE}`]: () => jsonResponse(served),
      [`POST ${DONE_URL}`]: () => {
        served = {
          ...COACHING,
          tasks: COACHING.tasks.map((t) =>
            t.id === 't1' ? { ...t, done: true, done_at: '2026-11-18T10:00:00Z' } : t,
          ),
          progress: { ...COACHING.progress, done_this_week: 2 },
        };
        return jsonResponse({
          task: 't1',
          week: '2026-11-16',
          done: true,
          done_at: '2026-11-18T10:00:00Z',
        });
      },
    });
    renderWithProviders(<MyCoachingPage org="demo" />);

    const box = await screen.findByRole('checkbox', {
      name: 'Mark “Reply to one person in your audience” done',
    });
    expect(screen.getByText(/1 of 2/)).toBeInTheDocument();
    await userEvent.click(box);

    expect(
      await screen.findByRole('checkbox', { name: 'Reply to one person in your audience (done)' }),
    ).toBeChecked();
    await waitFor(() => expect(screen.getByText(/2 of 2/)).toBeInTheDocument());
    expect(fetchSpy).toHaveBeenCalledWith(DONE_URL, expect.objectContaining({ method: 'POST' }));
  });

  it('takes a done task back when it is unticked', async () => {
    document.cookie = 'csrftoken=t';
    let served = COACHING;
    const fetchSpy = mockFetch({
      [`GET ${URL_MINE}`]: () => jsonResponse(served),
      [`DELETE ${URL_MINE}/t2/done`]: () => {
        served = {
          ...COACHING,
          tasks: COACHING.tasks.map((t) =>
            t.id === 't2' ? { ...t, done: false, done_at: null } : t,
          ),
          progress: { ...COACHING.progress, done_this_week: 0 },
        };
        return new Response(null, { status: 204 });
      },
    });
    renderWithProviders(<MyCoachingPage org="demo" />);

    const done = await screen.findByRole('checkbox', {
      name: 'Follow the company accounts (done)',
    });
    expect(done).toBeChecked();
    expect(done).toBeEnabled();
    expect(screen.getByText(/Untick to undo/)).toBeInTheDocument();
    await userEvent.click(done);

    const again = await screen.findByRole('checkbox', {
      name: 'Mark “Follow the company accounts” done',
    });
    expect(again).not.toBeChecked();
    await waitFor(() => expect(screen.getByText(/0 of 2/)).toBeInTheDocument());
    expect(fetchSpy).toHaveBeenCalledWith(
      `${URL_MINE}/t2/done`,
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('puts the task back and explains when the API refuses', async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      [`GET ${URL_MINE}`]: () => jsonResponse(COACHING),
      [`POST ${DONE_URL}`]: () =>
        jsonResponse({ code: 'not_found', detail: 'You have no such task this week.' }, 404),
    });
    renderWithProviders(<MyCoachingPage org="demo" />);

    await userEvent.click(
      await screen.findByRole('checkbox', { name: /Mark “Reply to one person/ }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('You have no such task this week.');
    expect(screen.getByRole('checkbox', { name: /Mark “Reply to one person/ })).not.toBeChecked();
  });

  it('shows what worked for my own shares: audiences and conversations', async () => {
    mockFetch({ [`GET ${URL_MINE}`]: () => jsonResponse(COACHING) });
    renderWithProviders(<MyCoachingPage org="demo" />);

    const section = await screen.findByRole('region', { name: 'What worked for my shares' });
    const audience = within(section).getByRole('row', { name: /CIOs of large banks/ });
    expect(
      within(audience)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['7', '59', '2']);
    expect(within(section).getByRole('link', { name: 'Bank data report' })).toHaveAttribute(
      'href',
      'https://www.linkedin.com/feed/update/1',
    );
    // Private progress, no points.
    expect(screen.getByText('Only you see this.')).toBeInTheDocument();
    expect(screen.queryByText(/\d+ points|rank/i)).toBeNull();
  });

  it('has empty states for a quiet week', async () => {
    mockFetch({
      [`GET ${URL_MINE}`]: () =>
        jsonResponse({
          ...COACHING,
          tasks: [],
          progress: { ...COACHING.progress, done_this_week: 0, tasks_this_week: 0 },
          what_worked: { ...COACHING.what_worked, shares_posted: 0, audiences: [], shares: [] },
        }),
    });
    renderWithProviders(<MyCoachingPage org="demo" />);

    expect(await screen.findByRole('heading', { name: 'No tasks this week' })).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Nothing to learn from yet' })).toBeVisible();
  });

  it('shows an error with a retry', async () => {
    mockFetch({
      [`GET ${URL_MINE}`]: () => jsonResponse({ code: 'error', detail: 'Down for a moment.' }, 503),
    });
    renderWithProviders(<MyCoachingPage org="demo" />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Down for a moment.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
