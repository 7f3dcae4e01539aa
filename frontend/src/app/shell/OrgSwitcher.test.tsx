import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Membership } from '@/api/types';
import { renderWithProviders } from '@/test/render';

import { OrgSwitcher } from './OrgSwitcher';

const demo: Membership = {
  org_slug: 'demo',
  org_name: 'Demo Corp',
  org_role: 'admin',
  advocacy_roles: [],
  advocacy_role_names: [],
  ambassador: false,
  policy_acknowledged: true,
};
const other: Membership = {
  ...demo,
  org_slug: 'other',
  org_name: 'Other Ltd',
  org_role: 'employee',
};

describe('OrgSwitcher', () => {
  it('shows the organisation name without a control when there is only one', () => {
    renderWithProviders(<OrgSwitcher memberships={[demo]} current="demo" />, {
      route: '/o/demo',
    });

    expect(screen.getByTestId('current-org')).toHaveTextContent('Demo Corp');
    expect(screen.queryByRole('combobox', { name: 'Organisation' })).not.toBeInTheDocument();
  });

  it('lists every organisation and opens the chosen one', async () => {
    renderWithProviders(<OrgSwitcher memberships={[demo, other]} current="demo" />, {
      route: '/o/demo/admin/settings',
    });
    const select = screen.getByRole('combobox', { name: 'Organisation' });
    expect(select).toHaveValue('demo');
    expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual([
      'Demo Corp',
      'Other Ltd',
    ]);

    await userEvent.selectOptions(select, 'other');

    expect(screen.getByTestId('location')).toHaveTextContent(/^\/o\/other$/);
  });
});
