import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { renderWithProviders } from '@/test/render';

import { ExportsPage } from './ExportsPage';

describe('ExportsPage', () => {
  it('links each export to the chosen days, for a plain browser download', async () => {
    renderWithProviders(<ExportsPage org="demo" />, {
      route: '/o/demo/admin/exports?from=2026-10-01&to=2026-10-31',
    });

    const analytics = screen.getByRole('article', { name: 'Analytics (CSV)' });
    const link = within(analytics).getByRole('link', { name: /Download Analytics \(CSV\)/ });
    expect(link).toHaveAttribute(
      'href',
      '/api/v1/orgs/demo/exports/analytics.csv?from=2026-10-01&to=2026-10-31',
    );
    expect(link).toHaveAttribute('download');
    expect(
      screen.getByRole('link', { name: /Download Compliance archive \(JSON Lines\)/ }),
    ).toHaveAttribute(
      'href',
      '/api/v1/orgs/demo/exports/archive.jsonl?from=2026-10-01&to=2026-10-31',
    );
    expect(
      screen.getByRole('link', { name: /Download Compliance archive \(CSV\)/ }),
    ).toHaveAttribute(
      'href',
      '/api/v1/orgs/demo/exports/archive.csv?from=2026-10-01&to=2026-10-31',
    );
  });

  it('refuses a backwards range before anything is downloaded', async () => {
    renderWithProviders(<ExportsPage org="demo" />, { route: '/o/demo/admin/exports' });

    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    await userEvent.clear(from);
    await userEvent.type(from, '2026-11-10');
    await userEvent.clear(to);
    await userEvent.type(to, '2026-11-01');
    await userEvent.click(screen.getByRole('button', { name: 'Use these days' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The first day must be on or before the last day.',
    );
    expect(screen.queryAllByRole('link')).toHaveLength(0);
    expect(screen.getAllByRole('button', { name: /^Download/ })[0]).toBeDisabled();
  });
});
