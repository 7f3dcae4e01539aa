import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';

import type { Connection } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { ConnectionsPage } from './ConnectionsPage';

const ORG = {
  slug: 'demo',
  name: 'Demo',
  created_at: '2026-01-01T00:00:00Z',
  settings: {
    regulated: false,
    default_disclaimer: '',
    networks_enabled: ['sandbox', 'linkedin', 'mastodon', 'bluesky'],
    two_step_approval: false,
    originality_threshold: 0.8,
    daily_share_cap: 3,
    rollout_stage: 'everyone',
  },
};

const page = (results: Connection[]) => ({
  count: results.length,
  next: null,
  previous: null,
  results,
});

const connection = (overrides: Partial<Connection> = {}): Connection => ({
  id: 'k1',
  network: 'mastodon',
  account_id: '109',
  account_name: 'jordan',
  account_url: 'https://mastodon.social/@jordan',
  instance: 'mastodon.social',
  status: 'active',
  status_detail: '',
  reconnect_by: null,
  expires_at: null,
  created_at: '2026-01-01T00:00:00Z',
  ...overrides,
});

const body = (init: RequestInit | undefined) => JSON.parse(String(init?.body ?? '{}'));
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000).toISOString();

type Start = (network: string, input: Record<string, string>) => Response;

function renderPage({
  connections = [],
  start = () => jsonResponse({ authorization_url: 'https://network.example/authorize' }),
  route = '/o/demo/connections',
}: { connections?: Connection[]; start?: Start; route?: string } = {}) {
  document.cookie = 'csrftoken=t';
  const starts: { network: string; input: Record<string, string> }[] = [];
  const handlers: Parameters<typeof mockFetch>[0] = {
    'GET /api/v1/orgs/demo/': () => jsonResponse(ORG),
    'GET /api/v1/orgs/demo/connections/': () => jsonResponse(page(connections)),
  };
  for (const network of ['sandbox', 'linkedin', 'mastodon', 'bluesky']) {
    handlers[`POST /api/v1/orgs/demo/connections/${network}/start`] = (init) => {
      const input = body(init);
      starts.push({ network, input });
      return start(network, input);
    };
  }
  mockFetch(handlers);
  const navigate = vi.fn();
  renderWithProviders(<ConnectionsPage org="demo" navigate={navigate} />, {
    route,
    path: '/o/:org/connections',
    withNotifications: true,
  });
  return { starts, navigate, user: userEvent.setup({ delay: null }) };
}

describe('ConnectionsPage', () => {
  it('shows why LinkedIn cannot be connected next to the buttons', async () => {
    const { user, navigate } = renderPage({
      start: () =>
        jsonResponse(
          {
            code: 'network_unavailable',
            detail: 'Connecting to linkedin is not available on this server.',
          },
          422,
        ),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect LinkedIn' }));

    expect(await screen.findByTestId('connect-error')).toHaveTextContent(
      'LinkedIn: Connecting to linkedin is not available on this server.',
    );
    expect(navigate).not.toHaveBeenCalled();
  });

  it('asks Mastodon for the server, checks it, and goes there', async () => {
    const { user, starts, navigate } = renderPage();
    const open = await screen.findByRole('button', { name: 'Connect Mastodon' });
    expect(open).toHaveAttribute('aria-expanded', 'false');
    await user.click(open);
    expect(open).toHaveAttribute('aria-expanded', 'true');
    const form = screen.getByRole('form', { name: 'Connect Mastodon' });
    expect(open).toHaveAttribute('aria-controls', form.id);
    const server = within(form).getByLabelText(/Your Mastodon server/);
    expect(server).toHaveFocus();

    await user.click(within(form).getByRole('button', { name: 'Continue to your server' }));
    expect(
      await within(form).findByText(/Enter the server your Mastodon account is on/),
    ).toBeInTheDocument();
    expect(starts).toEqual([]);

    await user.type(server, 'https://Mastodon.social/');
    await user.click(within(form).getByRole('button', { name: 'Continue to mastodon.social' }));

    await waitFor(() => expect(navigate).toHaveBeenCalledWith('https://network.example/authorize'));
    expect(starts).toEqual([{ network: 'mastodon', input: { instance: 'mastodon.social' } }]);
  });

  it("puts the server's refusal of a Mastodon server on that field", async () => {
    const { user } = renderPage({
      start: () =>
        jsonResponse(
          { code: 'invalid_instance', detail: 'No Mastodon server answers there.' },
          422,
        ),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect Mastodon' }));
    const form = screen.getByRole('form', { name: 'Connect Mastodon' });
    await user.type(within(form).getByLabelText(/Your Mastodon server/), 'nope.example');
    await user.click(within(form).getByRole('button', { name: /^Continue to/ }));

    expect(await within(form).findByText('No Mastodon server answers there.')).toBeInTheDocument();
    expect(within(form).getByLabelText(/Your Mastodon server/)).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('explains Bluesky app passwords and refuses what looks like an account password', async () => {
    const { user, starts } = renderPage({
      start: () =>
        jsonResponse({ code: 'invalid_grant', detail: 'Bluesky refused this app password.' }, 422),
    });
    await user.click(await screen.findByRole('button', { name: 'Connect Bluesky' }));
    const form = screen.getByRole('form', { name: 'Connect Bluesky' });
    expect(form).toHaveTextContent('Use an app password, never your account password');
    expect(form).toHaveTextContent('App passwords');

    await user.type(within(form).getByLabelText(/Bluesky handle/), '@jordan.bsky.social');
    const password = within(form).getByLabelText(/App password/);
    await user.type(password, 'my-real-password');
    await user.click(within(form).getByRole('button', { name: 'Connect Bluesky' }));
    expect(
      await within(form).findByText(/never use your account password here/),
    ).toBeInTheDocument();
    expect(starts).toEqual([]);

    await user.clear(password);
    await user.type(password, 'abcd-efgh-ijkl-mnop');
    await user.click(within(form).getByRole('button', { name: 'Connect Bluesky' }));

    expect(await within(form).findByText('Bluesky refused this app password.')).toBeInTheDocument();
    expect(starts).toEqual([
      {
        network: 'bluesky',
        input: { handle: 'jordan.bsky.social', app_password: 'abcd-efgh-ijkl-mnop' },
      },
    ]);
  });

  it('says when the network sent the person back connected, once', async () => {
    renderPage({ route: '/o/demo/connections?connected=sandbox' });

    expect(await screen.findByText('Sandbox (built in) is connected.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/connections$/));
  });

  it('says why connecting failed after the callback', async () => {
    renderPage({ route: '/o/demo/connections?connect_error=state_expired' });

    const alert = await screen.findByTestId('connect-callback-error');
    expect(alert).toHaveTextContent('The connection attempt took too long. Please start again.');
    // The notification says it too; the address no longer carries the code.
    expect(await screen.findAllByText(/took too long/)).toHaveLength(2);
    await waitFor(() => expect(screen.getByTestId('location')).toHaveTextContent(/connections$/));
  });

  it('lists the server, status and reason, and reconnects an expired Mastodon account at once', async () => {
    const { user, starts, navigate } = renderPage({
      connections: [
        connection({
          status: 'expired',
          status_detail: 'The server no longer accepts this connection.',
        }),
      ],
    });
    const row = await screen.findByRole('listitem', { name: 'Mastodon' });
    expect(row).toHaveTextContent('jordan on mastodon.social');
    expect(row).toHaveTextContent('Expired');
    expect(row).toHaveTextContent('The server no longer accepts this connection.');
    expect(screen.getByTestId('reconnect-reminder')).toHaveTextContent(
      'Mastodon (jordan on mastodon.social) has expired.',
    );

    await user.click(within(row).getByRole('button', { name: 'Reconnect Mastodon (jordan)' }));

    await waitFor(() => expect(navigate).toHaveBeenCalled());
    expect(starts).toEqual([{ network: 'mastodon', input: { instance: 'mastodon.social' } }]);
  });

  it('reminds to reconnect within 14 days, and opens the Bluesky form with the handle', async () => {
    const { user } = renderPage({
      connections: [
        connection({
          id: 'b1',
          network: 'bluesky',
          account_id: 'did:plc:abc',
          account_name: 'jordan.bsky.social',
          account_url: '',
          instance: '',
          reconnect_by: inDays(3.5),
        }),
        connection({ id: 'm1', reconnect_by: inDays(60) }),
      ],
    });
    const reminder = await screen.findByTestId('reconnect-reminder');
    expect(reminder).toHaveTextContent('Bluesky (jordan.bsky.social) stops working on');
    expect(reminder).toHaveTextContent('(4 days left)');
    expect(reminder).not.toHaveTextContent('Mastodon');
    const row = screen.getByRole('listitem', { name: 'Bluesky' });
    expect(row).toHaveTextContent('Reconnect by');

    await user.click(within(reminder).getByRole('button', { name: 'Reconnect Bluesky' }));

    const form = await screen.findByRole('form', { name: 'Connect Bluesky' });
    expect(within(form).getByLabelText(/Bluesky handle/)).toHaveValue('jordan.bsky.social');
  });

  it('explains an empty list', async () => {
    renderPage();
    expect(await screen.findByText('No connections yet')).toBeInTheDocument();
  });
});
