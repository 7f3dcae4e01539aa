import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { MyReadiness, ReadinessInput } from '../api/coaching';

import { MyReadinessPage } from './MyReadinessPage';

const URL_MINE = '/api/v1/orgs/demo/me/readiness';

const READINESS: MyReadiness = {
  networks: [
    {
      network: 'sandbox',
      described: false,
      connected: true,
      connection: { account_name: 'Jordan Lee', account_url: '' },
      profile_url: '',
      audience_size: null,
      audience_description: '',
      posting_frequency: null,
      audiences: [],
      updated_at: null,
    },
    {
      network: 'linkedin',
      described: true,
      connected: false,
      connection: null,
      profile_url: 'https://www.linkedin.com/in/jordan',
      audience_size: '500_to_2000',
      audience_description: 'Heads of data at regional banks.',
      posting_frequency: 'weekly',
      audiences: [{ id: 'a1', name: 'CIOs of large banks' }],
      updated_at: '2026-11-20T10:00:00Z',
    },
  ],
  reachable_audiences: [
    { id: 'a1', name: 'CIOs of large banks', level: 'lead' },
    { id: 'a2', name: 'Wealth clients in New York', level: 'support' },
  ],
};

function renderReadiness(put?: (body: ReadinessInput) => Response) {
  document.cookie = 'csrftoken=t';
  const bodies: ReadinessInput[] = [];
  mockFetch({
    [`GET ${URL_MINE}`]: () => jsonResponse(READINESS),
    [`PUT ${URL_MINE}`]: (init) => {
      const body = JSON.parse(String(init?.body)) as ReadinessInput;
      bodies.push(body);
      return put ? put(body) : jsonResponse(READINESS);
    },
  });
  renderWithProviders(<MyReadinessPage org="demo" connectionsHref="/o/demo/connections" />, {
    withNotifications: true,
  });
  return bodies;
}

describe('MyReadinessPage', () => {
  it('shows each network with whether it is connected, and what I described', async () => {
    renderReadiness();

    const linkedin = await screen.findByRole('group', { name: 'LinkedIn' });
    expect(within(linkedin).getByText('Not connected')).toBeInTheDocument();
    expect(within(linkedin).getByRole('textbox', { name: 'Profile address' })).toHaveValue(
      'https://www.linkedin.com/in/jordan',
    );
    expect(
      within(linkedin).getByRole('checkbox', { name: 'CIOs of large banks (lead)' }),
    ).toBeChecked();
    // Networks not described yet show only the switch.
    const x = screen.getByRole('group', { name: 'X' });
    expect(within(x).queryByRole('textbox')).toBeNull();
    // The sandbox is mentioned as a connection, not offered as a presence.
    expect(
      screen.getByText(/Also connected: Sandbox \(built in\) as Jordan Lee/),
    ).toBeInTheDocument();
  });

  it('sends only the networks I am active on, with the audiences I reach', async () => {
    const bodies = renderReadiness();

    const x = await screen.findByRole('group', { name: 'X' });
    await userEvent.click(within(x).getByRole('switch', { name: 'I am active on X' }));
    await userEvent.click(within(x).getByRole('textbox', { name: 'Profile address' }));
    await userEvent.paste('https://x.com/jordan');
    await userEvent.selectOptions(within(x).getByLabelText(/Audience size/), 'under_100');
    await userEvent.click(
      within(x).getByRole('checkbox', { name: 'Wealth clients in New York (support)' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save my readiness' }));

    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0].networks).toEqual([
      {
        network: 'linkedin',
        profile_url: 'https://www.linkedin.com/in/jordan',
        audience_description: 'Heads of data at regional banks.',
        audiences: ['a1'],
        audience_size: '500_to_2000',
        posting_frequency: 'weekly',
      },
      {
        network: 'x',
        profile_url: 'https://x.com/jordan',
        audience_description: '',
        audiences: ['a2'],
        audience_size: 'under_100',
      },
    ]);
    expect(await screen.findByText('Your readiness is saved.')).toBeInTheDocument();
  });

  it('refuses a profile address that is not one', async () => {
    const bodies = renderReadiness();

    const linkedin = await screen.findByRole('group', { name: 'LinkedIn' });
    const url = within(linkedin).getByRole('textbox', { name: 'Profile address' });
    await userEvent.clear(url);
    await userEvent.type(url, 'linkedin jordan');
    await userEvent.click(screen.getByRole('button', { name: 'Save my readiness' }));

    expect(await within(linkedin).findByText(/starting with https:\/\//)).toBeInTheDocument();
    expect(bodies).toHaveLength(0);
  });

  it("puts the API's refusal next to the card it is about", async () => {
    renderReadiness(() =>
      jsonResponse(
        {
          code: 'audience_not_in_roles',
          detail: 'You can only say you reach audiences your roles lead or support.',
          fields: { networks: [{ audiences: ['Not an audience of your roles.'] }] },
        },
        422,
      ),
    );

    await screen.findByRole('group', { name: 'LinkedIn' });
    await userEvent.click(screen.getByRole('button', { name: 'Save my readiness' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You can only say you reach audiences your roles lead or support.',
    );
    const linkedin = screen.getByRole('group', { name: 'LinkedIn' });
    expect(within(linkedin).getByText('Not an audience of your roles.')).toBeInTheDocument();
  });

  it('shows a load error', async () => {
    mockFetch({
      [`GET ${URL_MINE}`]: () => jsonResponse({ code: 'x', detail: 'Could not read it.' }, 500),
    });
    renderWithProviders(<MyReadinessPage org="demo" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not read it.');
  });
});
