import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import type { ReadinessRow } from '../api/coaching';

import { ReadinessOverviewPage } from './ReadinessOverviewPage';

const LIST_URL = '/api/v1/orgs/demo/readiness/';

const SAM: ReadinessRow = {
  member: 'm1',
  name: 'Sam Okafor',
  email: 'sam.okafor@demo.example',
  org_role: 'employee',
  ambassador: true,
  advocacy_roles: [{ id: 'r2', name: 'Executives' }],
  described: true,
  networks: [
    {
      network: 'linkedin',
      described: true,
      connected: true,
      connection: { account_name: 'Sam Okafor', account_url: '' },
      profile_url: 'https://www.linkedin.com/in/sam-okafor',
      audience_size: 'over_10000',
      audience_description: 'Bank executives and analysts.',
      posting_frequency: 'weekly',
      audiences: [{ id: 'a1', name: 'CIOs of large banks' }],
      updated_at: '2026-11-20T10:00:00Z',
    },
  ],
  reached_audiences: [{ id: 'a1', name: 'CIOs of large banks' }],
};

const pickers = {
  'GET /api/v1/orgs/demo/roles/': () =>
    jsonResponse({ count: 1, results: [{ id: 'r2', name: 'Executives' }] }),
  'GET /api/v1/orgs/demo/audiences/': () =>
    jsonResponse({ count: 1, results: [{ id: 'a1', name: 'CIOs of large banks' }] }),
};

describe('ReadinessOverviewPage', () => {
  it('lists where each member is active and whom they reach', async () => {
    mockFetch({
      ...pickers,
      [`GET ${LIST_URL}`]: () => jsonResponse({ count: 1, results: [SAM] }),
    });
    renderWithProviders(<ReadinessOverviewPage org="demo" />);

    const row = await screen.findByRole('row', { name: /Sam Okafor/ });
    expect(within(row).getByRole('link', { name: 'LinkedIn' })).toHaveAttribute(
      'href',
      'https://www.linkedin.com/in/sam-okafor',
    );
    expect(within(row).getByText('(connected)')).toBeInTheDocument();
    expect(within(row).getByText(/More than 10,000 \(their estimate\)/)).toBeInTheDocument();
    expect(within(row).getAllByText('CIOs of large banks').length).toBeGreaterThan(0);
    expect(within(row).getByText('Ambassador')).toBeInTheDocument();
  });

  it('asks the API who does not reach an audience yet', async () => {
    const fetchSpy = mockFetch({
      ...pickers,
      [`GET ${LIST_URL}`]: (_init, url) =>
        jsonResponse(
          url.includes('reaches=false') ? { count: 0, results: [] } : { count: 1, results: [SAM] },
        ),
    });
    renderWithProviders(<ReadinessOverviewPage org="demo" />);
    await screen.findByRole('row', { name: /Sam Okafor/ });
    await screen.findByRole('option', { name: 'CIOs of large banks' });

    await userEvent.selectOptions(screen.getByLabelText('Audience'), 'a1');
    expect(await screen.findByText(/1 person reach CIOs of large banks/)).toBeInTheDocument();
    await userEvent.click(screen.getByText('Does not yet'));

    await waitFor(() =>
      expect(
        fetchSpy.mock.calls.some(([input]) => String(input).includes('audience=a1&reaches=false')),
      ).toBe(true),
    );
    expect(await screen.findByRole('heading', { name: 'Nobody matches' })).toBeVisible();
  });

  it('explains who to ask when nobody reaches an audience', async () => {
    mockFetch({ ...pickers, [`GET ${LIST_URL}`]: () => jsonResponse({ count: 0, results: [] }) });
    renderWithProviders(<ReadinessOverviewPage org="demo" />);
    await screen.findByRole('option', { name: 'CIOs of large banks' });

    await userEvent.selectOptions(screen.getByLabelText('Audience'), 'a1');

    expect(
      await screen.findByText(/Nobody says they reach CIOs of large banks yet/),
    ).toBeInTheDocument();
  });

  it('shows an error from the API', async () => {
    mockFetch({
      ...pickers,
      [`GET ${LIST_URL}`]: () => jsonResponse({ code: 'x', detail: 'Comms leads only.' }, 403),
    });
    renderWithProviders(<ReadinessOverviewPage org="demo" />);
    expect(await screen.findByRole('alert')).toHaveTextContent('Comms leads only.');
  });
});
