import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Me, OrgRole } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { RequireAuth, RequireOrgRole } from './guards';
import { OrgContext } from './org-context';

function meWithRole(role: OrgRole): Me {
  return {
    id: 'u1',
    email: 'pat@demo.example',
    name: 'Pat Doe',
    memberships: [
      {
        org_slug: 'demo',
        org_name: 'Demo',
        org_role: role,
        advocacy_roles: [],
        advocacy_role_names: [],
        ambassador: false,
        policy_acknowledged: true,
      },
    ],
  };
}

function renderGuarded(role: OrgRole) {
  const me = meWithRole(role);
  return renderWithProviders(
    <OrgContext.Provider value={{ me, membership: me.memberships[0] }}>
      <RequireOrgRole roles={['admin']}>
        <p>Secret settings</p>
      </RequireOrgRole>
    </OrgContext.Provider>,
    { route: '/o/demo/admin/settings', path: '/o/:org/admin/settings' },
  );
}

describe('RequireOrgRole', () => {
  it.each(['employee', 'comms_lead', 'reviewer'] as const)(
    'shows "no access" to a %s and hides the page',
    (role) => {
      renderGuarded(role);

      expect(
        screen.getByRole('heading', { name: 'You do not have access to this page' }),
      ).toBeInTheDocument();
      expect(screen.queryByText('Secret settings')).not.toBeInTheDocument();
      expect(screen.getByRole('link', { name: 'Back to home' })).toHaveAttribute('href', '/o/demo');
    },
  );

  it('lets an admin through', () => {
    renderGuarded('admin');

    expect(screen.getByText('Secret settings')).toBeInTheDocument();
    expect(screen.queryByText(/do not have access/)).not.toBeInTheDocument();
  });
});

describe('RequireAuth', () => {
  it('sends a logged-out person to the login page, remembering where they were', async () => {
    mockFetch({
      'GET /_allauth/browser/v1/auth/session': () =>
        jsonResponse({ status: 401, data: { flows: [] }, meta: { is_authenticated: false } }, 401),
    });

    renderWithProviders(
      <RequireAuth>
        <p>Private</p>
      </RequireAuth>,
      { route: '/o/demo/admin/audit?page=2', path: '/o/*' },
    );

    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(
        '/login?next=%2Fo%2Fdemo%2Fadmin%2Faudit%3Fpage%3D2',
      ),
    );
    expect(screen.queryByText('Private')).not.toBeInTheDocument();
  });

  it('shows the page to a logged-in person', async () => {
    mockFetch({
      'GET /_allauth/browser/v1/auth/session': () =>
        jsonResponse({
          status: 200,
          data: { user: { id: 1, email: 'pat@demo.example', display: 'Pat' } },
          meta: { is_authenticated: true },
        }),
    });

    renderWithProviders(
      <RequireAuth>
        <p>Private</p>
      </RequireAuth>,
    );

    expect(await screen.findByText('Private')).toBeInTheDocument();
  });
});
