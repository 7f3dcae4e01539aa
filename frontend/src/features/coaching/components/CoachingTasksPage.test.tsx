import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { CoachingTask, CoachingTaskInput, StarterLibrary } from '../api/coaching';

import { CoachingTasksPage } from './CoachingTasksPage';

const TASKS_URL = '/api/v1/orgs/demo/coaching/tasks/';

const LIBRARY: StarterLibrary = {
  results: [
    {
      kind: 'profile_summary',
      title: 'Complete your profile summary',
      description: 'Say what you work on and who you like to talk with.',
    },
    {
      kind: 'reply_to_audience',
      title: 'Reply to one person in your audience',
      description: 'Add something useful. No pitch.',
    },
  ],
};

const TASK: CoachingTask = {
  id: 't1',
  title: 'Reply to one person in your audience',
  description: 'Add something useful. No pitch.',
  role: 'r1',
  role_name: 'Sales',
  kind: 'reply_to_audience',
  week: null,
  recurring: true,
  active: true,
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

const base = {
  'GET /api/v1/orgs/demo/coaching/library': () => jsonResponse(LIBRARY),
  'GET /api/v1/orgs/demo/roles/': () =>
    jsonResponse({ count: 1, results: [{ id: 'r1', name: 'Sales' }] }),
};

describe('CoachingTasksPage', () => {
  it('creates a task from the starter library for one role and one week', async () => {
    document.cookie = 'csrftoken=t';
    const bodies: CoachingTaskInput[] = [];
    mockFetch({
      ...base,
      [`GET ${TASKS_URL}`]: () => jsonResponse({ count: 0, results: [] }),
      [`POST ${TASKS_URL}`]: (init) => {
        const body = JSON.parse(String(init?.body)) as CoachingTaskInput;
        bodies.push(body);
        return jsonResponse({ ...TASK, id: 't2', title: body.title || 'x' }, 201);
      },
    });
    renderWithProviders(<CoachingTasksPage org="demo" />, { withNotifications: true });

    expect(await screen.findByRole('heading', { name: 'No tasks yet' })).toBeVisible();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Use “Complete your profile summary”' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    expect(within(dialog).getByRole('textbox', { name: /^Title/ })).toHaveValue(
      'Complete your profile summary',
    );
    await within(dialog).findByRole('option', { name: 'Sales' });
    await userEvent.selectOptions(within(dialog).getByLabelText('For'), 'r1');
    const week = within(dialog).getByLabelText(/^Week of/);
    await userEvent.clear(week);
    await userEvent.type(week, '2026-11-18');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save task' }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      kind: 'profile_summary',
      title: 'Complete your profile summary',
      description: 'Say what you work on and who you like to talk with.',
      role: 'r1',
      recurring: false,
      week: '2026-11-18',
      active: true,
    });
    expect(await screen.findByText('Task “Complete your profile summary” saved.')).toBeVisible();
  });

  it('requires a title for a custom task', async () => {
    mockFetch({ ...base, [`GET ${TASKS_URL}`]: () => jsonResponse({ count: 0, results: [] }) });
    renderWithProviders(<CoachingTasksPage org="demo" />);

    await userEvent.click(await screen.findByRole('button', { name: 'New task' }));
    const dialog = await screen.findByRole('dialog', { name: 'New task' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save task' }));

    expect(await within(dialog).findByText('Give a custom task a title.')).toBeInTheDocument();
  });

  it('pauses a task and deletes one after confirming', async () => {
    document.cookie = 'csrftoken=t';
    const fetchSpy = mockFetch({
      ...base,
      [`GET ${TASKS_URL}`]: () => jsonResponse({ count: 1, results: [TASK] }),
      [`PATCH ${TASKS_URL}t1/`]: () => jsonResponse({ ...TASK, active: false }),
      [`DELETE ${TASKS_URL}t1/`]: () => jsonResponse(null, 204),
    });
    renderWithProviders(<CoachingTasksPage org="demo" />);

    const row = await screen.findByRole('row', { name: /Reply to one person/ });
    expect(within(row).getByText('Every week')).toBeInTheDocument();
    expect(within(row).getByText('Sales')).toBeInTheDocument();
    await userEvent.click(within(row).getByRole('button', { name: /^Pause/ }));
    await waitFor(() =>
      expect(fetchSpy).toHaveBeenCalledWith(
        `${TASKS_URL}t1/`,
        expect.objectContaining({ method: 'PATCH', body: JSON.stringify({ active: false }) }),
      ),
    );

    await userEvent.click(within(row).getByRole('button', { name: /^Delete/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete this task?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() =>
      expect(fetchSpy).toHaveBeenCalledWith(
        `${TASKS_URL}t1/`,
        expect.objectContaining({ method: 'DELETE' }),
      ),
    );
  });

  it('shows an error when the tasks cannot be loaded', async () => {
    mockFetch({
      ...base,
      [`GET ${TASKS_URL}`]: () => jsonResponse({ code: 'x', detail: 'Could not list tasks.' }, 500),
    });
    renderWithProviders(<CoachingTasksPage org="demo" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not list tasks.');
  });
});
