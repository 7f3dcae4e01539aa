import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { PolicyBanner } from './PolicyBanner';

const CURRENT = '/api/v1/orgs/demo/policies/current';
const policy = {
  id: 'p1',
  version: 1,
  title: 'Policy',
  body: 'Be nice.',
  published_at: '2026-01-01T00:00:00Z',
  published_by: 'Alex',
  is_current: true,
  acknowledged_at: null,
  acknowledged_count: 3,
};

describe('PolicyBanner', () => {
  it('links to the policy while the current version is unacknowledged', async () => {
    mockFetch({ [`GET ${CURRENT}`]: () => jsonResponse(policy) });
    renderWithProviders(<PolicyBanner org="demo" policyHref="/o/demo/policy" />);
    const link = await screen.findByRole('link', { name: /acknowledge the policy/ });
    expect(link).toHaveAttribute('href', '/o/demo/policy');
  });

  it('stays hidden once acknowledged', async () => {
    const spy = mockFetch({
      [`GET ${CURRENT}`]: () =>
        jsonResponse({ ...policy, acknowledged_at: '2026-01-02T00:00:00Z' }),
    });
    renderWithProviders(<PolicyBanner org="demo" policyHref="/o/demo/policy" />);
    await waitFor(() => expect(spy).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('policy-banner')).toBeNull();
  });

  it('stays hidden when no policy is published (404 no_policy)', async () => {
    const spy = mockFetch({
      [`GET ${CURRENT}`]: () =>
        jsonResponse({ code: 'no_policy', detail: 'No policy has been published yet.' }, 404),
    });
    renderWithProviders(<PolicyBanner org="demo" policyHref="/o/demo/policy" />);
    await waitFor(() => expect(spy).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByTestId('policy-banner')).toBeNull();
  });
});
