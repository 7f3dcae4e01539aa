import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { ForYouPage } from './ForYouPage';

const page = (results: unknown[]) => ({
  count: results.length,
  next: null,
  previous: null,
  results,
});

describe('ForYouPage', () => {
  it('explains an empty grid and suggests content instead', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () => jsonResponse(page([])),
      'GET /api/v1/orgs/demo/audiences/': () => jsonResponse(page([])),
    });
    renderWithProviders(<ForYouPage org="demo" suggestHref="/o/demo/suggest" />);
    expect(await screen.findByText('Nothing in your grid yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Suggest content' })).toHaveAttribute(
      'href',
      '/o/demo/suggest',
    );
  });

  it('shows items per audience with the note, the angle and a safe link', async () => {
    mockFetch({
      'GET /api/v1/orgs/demo/feed/': () =>
        jsonResponse(
          page([
            {
              id: 'i1',
              version: 1,
              title: 'Bank case study',
              url: 'https://example.com/case',
              summary: 'A summary',
              suggested_copy: '',
              image_url: '',
              preview: {},
              language: 'en',
              networks: ['linkedin'],
              disclaimer: 'Views are my own.',
              expires_at: null,
              approved_at: null,
              angles: [{ role: 'r1', role_name: 'Sales', text: 'Lead with the outcome.' }],
              cells: [
                {
                  id: 'c1',
                  role: 'r1',
                  audience: 'a1',
                  audience_name: 'CIOs',
                  position: 0,
                  note: 'Ask about deadlines.',
                },
              ],
              shared_networks: [],
            },
          ]),
        ),
      'GET /api/v1/orgs/demo/audiences/': () => jsonResponse(page([])),
    });
    renderWithProviders(
      <ForYouPage
        org="demo"
        suggestHref="/o/demo/suggest"
        shareHref={(id, network) => `/o/demo/share/${id}?network=${network}`}
      />,
    );
    const group = await screen.findByRole('region', { name: 'CIOs' });
    expect(group).toHaveTextContent('Bank case study');
    expect(group).toHaveTextContent('Ask about deadlines.');
    expect(group).toHaveTextContent('Your angle (Sales): Lead with the outcome.');
    const link = screen.getByRole('link', { name: /Open link/ });
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
    expect(screen.getByRole('link', { name: /^Share/ })).toHaveAttribute(
      'href',
      '/o/demo/share/i1?network=linkedin',
    );
  });
});
