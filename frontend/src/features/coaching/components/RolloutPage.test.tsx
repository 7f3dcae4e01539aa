import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import type { Member, Organization, Paginated } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { Cohort, CohortInput } from '../api/coaching';

import { RolloutPage } from './RolloutPage';

const COHORTS_URL = '/api/v1/orgs/demo/cohorts/';
const ORG_URL = '/api/v1/orgs/demo/';

const ORGANIZATION: Organization = {
  slug: 'demo',
  name: 'Demo Corp',
  created_at: '2026-01-01T00:00:00Z',
  settings: {
    regulated: false,
    default_disclaimer: '',
    networks_enabled: ['sandbox'],
    two_step_approval: false,
    originality_threshold: 0.8,
    daily_share_cap: 3,
    rollout_stage: 'ambassadors_only',
    time_zone: 'UTC',
    chat_webhook_kind: '',
    chat_webhook_configured: false,
    archive_retention_days: 2555,
    my_progress_enabled: false,
  },
};

const SECOND_WAVE: Cohort = {
  id: 'k2',
  name: 'Second wave',
  members: ['m1', 'm2'],
  invited_at: null,
  history: [
    {
      member: 'm1',
      name: 'Mei Chen',
      email: 'mei.chen@demo.example',
      ambassador: false,
      is_active: true,
      joined_organization_at: '2026-10-01T00:00:00Z',
      added_to_cohort_at: '2026-11-01T00:00:00Z',
      invited_at: null,
    },
    {
      member: 'm2',
      name: 'Lucas Martin',
      email: 'lucas.martin@demo.example',
      ambassador: true,
      is_active: true,
      joined_organization_at: '2026-10-01T00:00:00Z',
      added_to_cohort_at: '2026-11-01T00:00:00Z',
      invited_at: null,
    },
  ],
  invitees: [{ email: 'alex.kim@demo.example', status: 'not_invited', invited_at: null }],
  results: {
    period_from: '2026-10-24',
    period_to: '2026-11-22',
    members: 2,
    totals: { shares: 3, clicks: 20, conversations: 4 },
    per_member: { shares: 1.5, clicks: 10, conversations: 2 },
    objectives: [
      {
        role: 'r1',
        role_name: 'Sales',
        objective: 'Clicks from bank CIOs',
        metric: 'clicks',
        period: 'month',
        period_start: '2026-11-01',
        target_per_member: 40,
        members: 2,
        actual: 20,
        progress: 0.25,
        members_on_target: 0,
      },
    ],
  },
  created_at: '2026-11-01T00:00:00Z',
  updated_at: '2026-11-01T00:00:00Z',
};

const page = (results: Cohort[]): Paginated<Cohort> => ({ count: results.length, results });

describe('RolloutPage', () => {
  it('shows each cohort with its results, history and invitees', async () => {
    mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`GET ${COHORTS_URL}`]: () => jsonResponse(page([SECOND_WAVE])),
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage={false} />);

    const card = await screen.findByRole('article', { name: 'Second wave' });
    // The cohort and its one invitee are both not invited yet.
    expect(within(card).getAllByText('Not invited yet')).toHaveLength(2);
    expect(within(card).getByText(/4 conversations, 20 clicks by people/)).toBeInTheDocument();
    expect(
      within(card).getByRole('progressbar', { name: 'Clicks from bank CIOs: 20 of 80 (25%)' }),
    ).toBeInTheDocument();
    expect(within(card).getByRole('rowheader', { name: 'Mei Chen' })).toBeInTheDocument();
    expect(within(card).getByText('alex.kim@demo.example')).toBeInTheDocument();
    // Without the right to change it, the stage is shown read-only.
    expect(await screen.findByRole('heading', { name: 'Stage: Ambassadors only' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Open to everyone' })).toBeNull();
    expect(
      screen.getByText(/Only admins and comms leads can change the stage/),
    ).toBeInTheDocument();
  });

  it('invites a cohort after confirming what will happen', async () => {
    document.cookie = 'csrftoken=t';
    const fetchSpy = mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`GET ${COHORTS_URL}`]: () => jsonResponse(page([SECOND_WAVE])),
      [`POST ${COHORTS_URL}k2/invite`]: () =>
        jsonResponse({
          cohort: { ...SECOND_WAVE, invited_at: '2026-11-22T10:00:00Z' },
          made_ambassadors: 1,
          invitations_sent: 1,
          joined_from_invitees: 0,
        }),
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage={false} />, {
      withNotifications: true,
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Invite Second wave' }));
    const dialog = await screen.findByRole('dialog', { name: 'Invite “Second wave”?' });
    expect(dialog).toHaveTextContent('1 member becomes an ambassador');
    expect(dialog).toHaveTextContent('1 person who is not in the organisation yet');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Invite' }));

    expect(
      await screen.findByText('Invited “Second wave”: 1 new ambassador, 1 invitation sent.'),
    ).toBeInTheDocument();
    expect(fetchSpy).toHaveBeenCalledWith(
      `${COHORTS_URL}k2/invite`,
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('creates a cohort with members found by search and people to invite', async () => {
    document.cookie = 'csrftoken=t';
    const bodies: CohortInput[] = [];
    const member: Member = {
      id: 'm9',
      email: 'priya.shah@demo.example',
      name: 'Priya Shah',
      org_role: 'employee',
      advocacy_roles: [],
      advocacy_role_names: [],
      ambassador: false,
      is_active: true,
      joined_at: '2026-01-01T00:00:00Z',
    };
    mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`GET ${COHORTS_URL}`]: () => jsonResponse(page([])),
      'GET /api/v1/orgs/demo/members/': () => jsonResponse({ count: 1, results: [member] }),
      [`POST ${COHORTS_URL}`]: (init) => {
        const body = JSON.parse(String(init?.body)) as CohortInput;
        bodies.push(body);
        return jsonResponse({ ...SECOND_WAVE, id: 'k3', name: body.name }, 201);
      },
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage={false} />);

    expect(await screen.findByRole('heading', { name: 'No cohorts yet' })).toBeVisible();
    await userEvent.click(screen.getByRole('button', { name: 'New cohort' }));
    const dialog = await screen.findByRole('dialog', { name: 'New cohort' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Third wave');
    await userEvent.click(within(dialog).getByRole('combobox', { name: /^Members/ }));
    await userEvent.click(await screen.findByRole('option', { name: /Priya Shah/, hidden: true }));
    const invitees = within(dialog).getByRole('textbox', { name: /^People to invite/ });
    await userEvent.click(invitees);
    await userEvent.paste('not-an-email');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save cohort' }));
    expect(await within(dialog).findByText(/is not an email address/)).toBeInTheDocument();

    await userEvent.clear(invitees);
    await userEvent.paste('New.Person@Example.com\nnew.person@example.com');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save cohort' }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toEqual({
      name: 'Third wave',
      members: ['m9'],
      invitees: ['new.person@example.com'],
    });
  });

  it('puts everyone with a role in a cohort at once', async () => {
    document.cookie = 'csrftoken=t';
    const bodies: CohortInput[] = [];
    const person = (id: string, name: string, roles: string[]): Member => ({
      id,
      email: `${id}@demo.example`,
      name,
      org_role: 'employee',
      advocacy_roles: roles,
      advocacy_role_names: [],
      ambassador: false,
      is_active: true,
      joined_at: '2026-01-01T00:00:00Z',
    });
    const pages: Record<string, Member[]> = {
      '1': [person('m1', 'Ann Seller', ['sales']), person('m2', 'Bo Lawyer', ['legal'])],
      '2': [person('m3', 'Cy Seller', ['legal', 'sales'])],
    };
    mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`GET ${COHORTS_URL}`]: () => jsonResponse(page([])),
      'GET /api/v1/orgs/demo/roles/': () =>
        jsonResponse({
          count: 2,
          next: null,
          previous: null,
          results: [
            { id: 'sales', name: 'Sales' },
            { id: 'legal', name: 'Legal' },
          ],
        }),
      'GET /api/v1/orgs/demo/members/': (_init, url) => {
        const number = new URL(url, 'http://localhost').searchParams.get('page') ?? '1';
        return jsonResponse({
          count: 3,
          next: number === '1' ? 'more' : null,
          previous: null,
          results: pages[number] ?? [],
        });
      },
      [`POST ${COHORTS_URL}`]: (init) => {
        const body = JSON.parse(String(init?.body)) as CohortInput;
        bodies.push(body);
        return jsonResponse({ ...SECOND_WAVE, id: 'k3', name: body.name }, 201);
      },
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage={false} />);

    await userEvent.click(await screen.findByRole('button', { name: 'New cohort' }));
    const dialog = await screen.findByRole('dialog', { name: 'New cohort' });
    await userEvent.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Sales wave');
    await userEvent.click(
      within(dialog).getByRole('combobox', { name: 'Add everyone with a role' }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Sales', hidden: true }));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add role' }));

    expect(await within(dialog).findByText('2 members of Sales added.')).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save cohort' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ name: 'Sales wave', members: ['m1', 'm3'] });
  });

  it('lets an admin open the rollout to everyone, after confirming', async () => {
    document.cookie = 'csrftoken=t';
    const patches: unknown[] = [];
    mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`PATCH ${ORG_URL}`]: (init) => {
        patches.push(JSON.parse(String(init?.body)));
        return jsonResponse({
          ...ORGANIZATION,
          settings: { ...ORGANIZATION.settings, rollout_stage: 'everyone' },
        });
      },
      [`GET ${COHORTS_URL}`]: () => jsonResponse(page([])),
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage />);

    await userEvent.click(await screen.findByRole('button', { name: 'Open to everyone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Open the rollout to everyone?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Open to everyone' }));

    expect(await screen.findByRole('heading', { name: 'Stage: Everyone' })).toBeVisible();
    expect(patches).toEqual([{ settings: { rollout_stage: 'everyone' } }]);
  });

  it('shows an error when the cohorts cannot be loaded', async () => {
    mockFetch({
      [`GET ${ORG_URL}`]: () => jsonResponse(ORGANIZATION),
      [`GET ${COHORTS_URL}`]: () =>
        jsonResponse({ code: 'permission_denied', detail: 'Comms leads only.' }, 403),
    });
    renderWithProviders(<RolloutPage org="demo" canChangeStage={false} />);

    expect(await screen.findByRole('alert')).toHaveTextContent('Comms leads only.');
  });
});
