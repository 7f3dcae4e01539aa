import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { RoleEditorPage } from './RoleEditorPage';

const ORG = {
  slug: 'demo',
  name: 'Demo',
  settings: { networks_enabled: ['sandbox', 'linkedin'] },
  created_at: '2026-01-01T00:00:00Z',
};

describe('RoleEditorPage (new role)', () => {
  it('checks objectives before calling the server, then shows server errors by the field', async () => {
    document.cookie = 'csrftoken=t';
    const fetchSpy = mockFetch({
      'GET /api/v1/orgs/demo/': () => jsonResponse(ORG),
      'POST /api/v1/orgs/demo/roles/': () =>
        jsonResponse(
          {
            code: 'validation_error',
            detail: 'objectives: {}',
            fields: { objectives: [{ name: ['Too long for the server.'] }] },
          },
          400,
        ),
    });
    renderWithProviders(
      <RoleEditorPage org="demo" canEdit isAdmin={false} basePath="/o/demo/strategy" />,
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/^Name/), 'Partners');
    await user.click(screen.getByRole('button', { name: 'Add objective' }));
    const row = screen.getByRole('group', { name: 'Objective 1' });
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    expect(await within(row).findByText('Name the objective.')).toBeInTheDocument();
    expect(within(row).getByText('Enter a whole number.')).toBeInTheDocument();
    expect(fetchSpy.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);

    await user.type(within(row).getByLabelText(/^Objective name/), 'Partner clicks');
    await user.type(within(row).getByLabelText(/^Target/), '40');
    await user.click(screen.getByRole('button', { name: 'Create role' }));

    expect(await within(row).findByText('Too long for the server.')).toBeInTheDocument();
    expect(screen.getByText('Please correct the highlighted fields.')).toBeInTheDocument();
    const post = fetchSpy.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toMatchObject({
      name: 'Partners',
      objectives: [{ name: 'Partner clicks', metric: 'clicks', target: 40, period: 'month' }],
      networks: [],
    });
  });

  it('removes an objective row', async () => {
    mockFetch({ 'GET /api/v1/orgs/demo/': () => jsonResponse(ORG) });
    renderWithProviders(
      <RoleEditorPage org="demo" canEdit isAdmin={false} basePath="/o/demo/strategy" />,
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add objective' }));
    await user.click(screen.getByRole('button', { name: 'Add objective' }));
    expect(screen.getAllByTestId('objective-row')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Remove objective 1' }));
    await waitFor(() => expect(screen.getAllByTestId('objective-row')).toHaveLength(1));
  });
});
