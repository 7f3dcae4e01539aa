import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Matrix } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { MatrixPage } from './MatrixPage';

const MATRIX: Matrix = {
  roles: [{ id: 'r1', name: 'Sales' }],
  audiences: [
    { id: 'a1', name: 'CIOs' },
    { id: 'a2', name: 'Journalists' },
  ],
  cells: [{ id: 'c1', role: 'r1', audience: 'a1', level: 'lead' }],
  levels: { r1: { a1: 'lead' } },
};

const MATRIX_URL = '/api/v1/orgs/demo/role-audiences/matrix';

const page = (canEdit: boolean) => (
  <MatrixPage
    org="demo"
    canEdit={canEdit}
    rolesHref="/o/demo/strategy/roles"
    audiencesHref="/o/demo/strategy/audiences"
  />
);

describe('MatrixPage', () => {
  it('is read-only, with text and not colour alone, for members who cannot edit', async () => {
    mockFetch({ [`GET ${MATRIX_URL}`]: () => jsonResponse(MATRIX) });
    renderWithProviders(page(false));
    expect(await screen.findByLabelText('Sales engaging CIOs: Lead')).toHaveTextContent('Lead');
    expect(screen.getByLabelText('Sales engaging Journalists: none')).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).toBeNull();
  });

  it('POSTs a level on an empty cell and keeps it', async () => {
    document.cookie = 'csrftoken=t';
    let saved = MATRIX;
    const fetchSpy = mockFetch({
      [`GET ${MATRIX_URL}`]: () => jsonResponse(saved),
      'POST /api/v1/orgs/demo/role-audiences/': () => {
        saved = {
          ...MATRIX,
          cells: [...MATRIX.cells, { id: 'c2', role: 'r1', audience: 'a2', level: 'support' }],
          levels: { r1: { a1: 'lead', a2: 'support' } },
        };
        return jsonResponse(
          {
            id: 'c2',
            role: 'r1',
            role_name: 'Sales',
            audience: 'a2',
            audience_name: 'Journalists',
            level: 'support',
          },
          201,
        );
      },
    });
    renderWithProviders(page(true));
    const cell = await screen.findByLabelText('Sales engaging Journalists');
    await userEvent.selectOptions(cell, 'support');
    await waitFor(() => expect(cell).toHaveValue('support'));
    await waitFor(() =>
      expect(fetchSpy).toHaveBeenCalledWith(
        '/api/v1/orgs/demo/role-audiences/',
        expect.objectContaining({
          method: 'POST',
          body: JSON.stringify({ role: 'r1', audience: 'a2', level: 'support' }),
        }),
      ),
    );
  });

  it('shows the change at once and rolls it back when the server refuses', async () => {
    document.cookie = 'csrftoken=t';
    let release: () => void = () => {};
    let gets = 0;
    mockFetch({
      // Only the first load answers: what the grid shows afterwards is the rollback's doing.
      [`GET ${MATRIX_URL}`]: () =>
        (gets += 1) === 1 ? jsonResponse(MATRIX) : new Promise<Response>(() => {}),
      'PATCH /api/v1/orgs/demo/role-audiences/c1/': () =>
        new Promise<Response>((resolve) => {
          release = () =>
            resolve(
              jsonResponse({ code: 'permission_denied', detail: 'You may not do this.' }, 403),
            );
        }),
    });
    renderWithProviders(page(true));
    const cell = await screen.findByLabelText('Sales engaging CIOs');
    await userEvent.selectOptions(cell, 'avoid');
    // Optimistic: the new level shows before the server answers.
    await waitFor(() => expect(cell).toHaveValue('avoid'));
    expect(cell).toBeDisabled();
    release();
    await waitFor(() => expect(screen.getByLabelText('Sales engaging CIOs')).toHaveValue('lead'));
    await waitFor(() => expect(cell).toBeEnabled());
  });
});
