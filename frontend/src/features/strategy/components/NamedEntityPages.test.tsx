// The list and editor scaffolding roles and audiences share, through both of their pages.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Audience, Role } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { AudienceEditorPage } from './AudienceEditorPage';
import { AudiencesPage } from './AudiencesPage';
import { RoleEditorPage } from './RoleEditorPage';
import { RolesPage } from './RolesPage';

const BASE = '/o/demo/strategy';
const page = <T,>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

const ORG = {
  slug: 'demo',
  name: 'Demo',
  settings: { networks_enabled: ['sandbox', 'linkedin'] },
  created_at: '2026-01-01T00:00:00Z',
};

const MATRIX = {
  roles: [{ id: 'r1', name: 'Sales' }],
  audiences: [{ id: 'a1', name: 'CIOs' }],
  cells: [{ id: 'm1', role: 'r1', audience: 'a1', level: 'lead' }],
  levels: { r1: { a1: 'lead' } },
};

const role: Role = {
  can_edit: true,
  id: 'r1',
  name: 'Sales',
  description: 'Account executives.',
  responsibilities: '',
  objectives: [{ name: 'Clicks', metric: 'clicks', target: 40, period: 'month' }],
  networks: ['linkedin'],
  review_before_posting: true,
  archived: false,
  member_count: 3,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
};

const audience: Audience = {
  can_edit: true,
  id: 'a1',
  name: 'CIOs',
  description: 'Of large banks.',
  topics: ['risk', 'cloud', 'data', 'AI', 'payments'],
  networks: [],
  engagement_notes: 'Be brief.',
  archived: false,
  role_count: 1,
  created_at: '2026-01-01T00:00:00Z',
};

const body = (init: RequestInit | undefined) => JSON.parse(String(init?.body ?? '{}'));

describe('the shared list page', () => {
  it('lists roles with their columns, linking each name, with the editor controls', async () => {
    const calls: string[] = [];
    mockFetch({
      'GET /api/v1/orgs/demo/roles/': (_init, url) => {
        calls.push(url);
        return jsonResponse(
          page([{ ...role }, { ...role, id: 'r2', name: 'Old', archived: true }]),
        );
      },
    });
    renderWithProviders(<RolesPage org="demo" canEdit basePath={BASE} />);

    const link = await screen.findByRole('link', { name: 'Sales' });
    expect(link).toHaveAttribute('href', `${BASE}/roles/r1`);
    expect(screen.getByRole('heading', { level: 1, name: 'Advocacy roles' })).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Role',
      'Objectives',
      'Networks',
      'Members',
      'Review',
    ]);
    const sales = screen.getByRole('row', { name: /Sales/ });
    expect(sales).toHaveTextContent('Account executives.');
    expect(sales).toHaveTextContent('Before posting');
    expect(screen.getByRole('row', { name: /Old/ })).toHaveTextContent('Archived');
    expect(screen.getByRole('link', { name: 'New role' })).toHaveAttribute(
      'href',
      `${BASE}/roles/new`,
    );

    await userEvent.click(screen.getByRole('switch', { name: 'Show archived roles' }));
    await waitFor(() => expect(calls.at(-1)).toContain('include_archived=true'));
  });

  it('lists audiences with their own columns and no editor controls for readers', async () => {
    mockFetch({ 'GET /api/v1/orgs/demo/audiences/': () => jsonResponse(page([audience])) });
    renderWithProviders(<AudiencesPage org="demo" canEdit={false} basePath={BASE} />);

    expect(await screen.findByRole('link', { name: 'CIOs' })).toHaveAttribute(
      'href',
      `${BASE}/audiences/a1`,
    );
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).toEqual([
      'Audience',
      'Topics',
      'Networks',
      'Roles mapped',
    ]);
    expect(screen.getByRole('row', { name: /CIOs/ })).toHaveTextContent('+1 more');
    expect(screen.queryByRole('link', { name: 'New audience' })).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
  });

  it('explains an empty list to editors and to readers', async () => {
    mockFetch({ 'GET /api/v1/orgs/demo/audiences/': () => jsonResponse(page([])) });
    renderWithProviders(<AudiencesPage org="demo" canEdit={false} basePath={BASE} />);
    expect(await screen.findByText('No audiences yet')).toBeInTheDocument();
    expect(screen.getByText('Your comms lead has not defined audiences yet.')).toBeInTheDocument();
  });

  it('shows a retry when the list cannot load', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/roles/': () => jsonResponse({ code: 'x', detail: 'Down.' }, 503),
    });
    renderWithProviders(<RolesPage org="demo" canEdit basePath={BASE} />);
    expect(await screen.findByText('Down.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});

describe('the shared editor', () => {
  it('creates an audience, says so and opens its page', async () => {
    document.cookie = 'csrftoken=t';
    let sent: unknown = null;
    mockFetch({
      'GET /api/v1/orgs/demo/': () => jsonResponse(ORG),
      'POST /api/v1/orgs/demo/audiences/': (init) => {
        sent = body(init);
        return jsonResponse({ ...audience, id: 'a9', name: 'Journalists' }, 201);
      },
      'GET /api/v1/orgs/demo/role-audiences/matrix': () => jsonResponse(MATRIX),
    });
    renderWithProviders(<AudienceEditorPage org="demo" canEdit isAdmin={false} basePath={BASE} />, {
      route: `${BASE}/audiences/new`,
      withNotifications: true,
    });
    const user = userEvent.setup({ delay: null });
    const form = await screen.findByRole('form', { name: 'New audience' });
    expect(screen.getByRole('link', { name: '← All audiences' })).toHaveAttribute(
      'href',
      `${BASE}/audiences`,
    );

    await user.click(within(form).getByRole('button', { name: 'Create audience' }));
    expect(await within(form).findByText('An audience needs a name.')).toBeInTheDocument();
    await waitFor(() => expect(within(form).getByLabelText(/^Name/)).toHaveFocus());
    expect(sent).toBeNull();

    await user.type(within(form).getByLabelText(/^Name/), 'Journalists');
    await user.click(within(form).getByRole('button', { name: 'Create audience' }));

    expect(await screen.findByText('Audience “Journalists” created.')).toBeInTheDocument();
    expect(sent).toMatchObject({ name: 'Journalists', topics: [], networks: [] });
    await waitFor(() =>
      expect(screen.getByTestId('location')).toHaveTextContent(`${BASE}/audiences/a9`),
    );
  });

  it('shows server errors by the field', async () => {
    document.cookie = 'csrftoken=t';
    mockFetch({
      'GET /api/v1/orgs/demo/': () => jsonResponse(ORG),
      'POST /api/v1/orgs/demo/audiences/': () =>
        jsonResponse(
          {
            code: 'audience_name_taken',
            detail: 'An audience with this name already exists.',
            fields: { name: ['An audience with this name already exists.'] },
          },
          409,
        ),
    });
    renderWithProviders(<AudienceEditorPage org="demo" canEdit isAdmin={false} basePath={BASE} />);
    const user = userEvent.setup({ delay: null });
    const form = await screen.findByRole('form', { name: 'New audience' });
    await user.type(within(form).getByLabelText(/^Name/), 'CIOs');
    await user.click(within(form).getByRole('button', { name: 'Create audience' }));

    await waitFor(() =>
      expect(within(form).getByLabelText(/^Name/)).toHaveAttribute('aria-invalid', 'true'),
    );
    expect(within(form).getByRole('alert')).toHaveTextContent('Not saved');
  });

  it('archives a role after confirming, and goes back to the list', async () => {
    document.cookie = 'csrftoken=t';
    const deleted: string[] = [];
    mockFetch({
      'GET /api/v1/orgs/demo/': () => jsonResponse(ORG),
      'GET /api/v1/orgs/demo/roles/r1/': () => jsonResponse(role),
      'GET /api/v1/orgs/demo/role-audiences/matrix': () => jsonResponse(MATRIX),
      'DELETE /api/v1/orgs/demo/roles/r1/': () => {
        deleted.push('r1');
        return jsonResponse(null, 204);
      },
    });
    renderWithProviders(
      <RoleEditorPage org="demo" roleId="r1" canEdit isAdmin={false} basePath={BASE} />,
      { withNotifications: true },
    );
    const user = userEvent.setup({ delay: null });
    await screen.findByRole('form', { name: 'Edit role' });
    expect(await screen.findByText('CIOs: Lead')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Archive role' }));
    const dialog = await screen.findByRole('dialog', { name: 'Archive this role?' });
    expect(dialog).toHaveTextContent('“Sales” is hidden from new content and from the matrix.');
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));

    await waitFor(() => expect(deleted).toEqual(['r1']));
    expect(await screen.findByText('Role “Sales” archived.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(`${BASE}/roles`));
  });

  it('shows an audience read-only, with the roles mapped to it, to members who cannot edit', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/audiences/a1/': () => jsonResponse(audience),
      'GET /api/v1/orgs/demo/role-audiences/matrix': () => jsonResponse(MATRIX),
    });
    renderWithProviders(
      <AudienceEditorPage
        org="demo"
        audienceId="a1"
        canEdit={false}
        isAdmin={false}
        basePath={BASE}
      />,
    );

    expect(await screen.findByRole('heading', { level: 1, name: 'CIOs' })).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.getByText('Be brief.')).toBeInTheDocument();
    const mapped = await screen.findByRole('region', { name: 'Roles that engage this audience' });
    expect(mapped).toHaveTextContent('Sales: Lead');
  });

  it('shows why a role cannot be loaded, keeping the way back', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/roles/zz/': () =>
        jsonResponse({ code: 'not_found', detail: 'Not found.' }, 404),
    });
    renderWithProviders(
      <RoleEditorPage org="demo" roleId="zz" canEdit isAdmin={false} basePath={BASE} />,
    );
    expect(await screen.findByText('Not found.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '← All roles' })).toBeInTheDocument();
  });
});
