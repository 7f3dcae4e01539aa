import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

import type { Content, ContentHistory, ContentVersion } from '@/api/types';
import { jsonResponse, mockFetch, renderWithProviders } from '@/test/render';

import { ReviewQueuePage } from './ReviewQueuePage';

const LIST_URL = '/api/v1/orgs/demo/content/';
const ORG_URL = '/api/v1/orgs/demo/';

const version = (number: number, fields: Partial<ContentVersion>): ContentVersion => ({
  number,
  title: 'Q4 roadmap webinar for customers',
  url: 'https://example.com/events/q4',
  summary: 'What ships next quarter.',
  suggested_copy: 'Join us for the roadmap.',
  angles: {},
  image_url: '',
  language: 'en',
  networks: [],
  disclaimer: '',
  expires_at: null,
  submitted_by: 'comms@demo.example',
  created_at: '2026-11-01T10:00:00Z',
  approved_at: null,
  ...fields,
});

const item = (id: string, fields: Partial<Content>): Content => ({
  id,
  title: 'Q1 roadmap webinar for customers',
  url: 'https://example.com/events/q4',
  summary: 'What ships next quarter.',
  suggested_copy: 'Join us for the roadmap.',
  angles: {},
  image_url: '',
  language: 'en',
  networks: [],
  disclaimer: '',
  expires_at: null,
  status: 'in_review',
  version: 2,
  approved_version: 1,
  source: 'comms',
  created_by: null,
  suggested_by: null,
  suggestion_why: '',
  rejection_reason: '',
  preview: { status: 'none', title: '', description: '', image_url: '', error: '' },
  retired_at: null,
  created_at: '2026-11-01T10:00:00Z',
  updated_at: '2026-11-02T10:00:00Z',
  ...fields,
});

const HISTORY: ContentHistory = {
  versions: [
    version(1, { approved_at: '2026-11-01T12:00:00Z' }),
    version(2, {
      title: 'Q1 roadmap webinar for customers',
      suggested_copy: 'Join us for the roadmap.\nBring questions.',
    }),
  ],
  approvals: [],
};

function renderQueue(results: Content[]) {
  mockFetch({
    [`GET ${LIST_URL}`]: () =>
      jsonResponse({ count: results.length, next: null, previous: null, results }),
    [`GET ${ORG_URL}`]: () => jsonResponse({ settings: { two_step_approval: false } }),
    [`GET ${LIST_URL}changed/history`]: () => jsonResponse(HISTORY),
  });
  renderWithProviders(<ReviewQueuePage org="demo" role="reviewer" basePath="/o/demo/content" />);
}

describe('ReviewQueuePage', () => {
  it('marks what changed since the live version, word by word', async () => {
    renderQueue([
      item('changed', {}),
      item('new', { title: 'Brand new', version: 1, approved_version: null }),
    ]);

    const card = await screen.findByRole('article', { name: 'Q1 roadmap webinar for customers' });
    const diff = await within(card).findByRole('region', {
      name: 'Changes since version 1 (live)',
    });
    // Only the fields that changed, each with the changed words marked.
    expect(
      within(diff)
        .getAllByRole('term')
        .map((term) => term.textContent),
    ).toEqual(['Title', 'Suggested copy']);
    const inserted = [...diff.querySelectorAll('ins')].map((el) => el.textContent);
    const deleted = [...diff.querySelectorAll('del')].map((el) => el.textContent);
    expect(inserted).toContain('[inserted: Q1]');
    expect(deleted).toEqual(['[deleted: Q4]']);
    expect(inserted.some((text) => text?.includes('Bring questions.'))).toBe(true);
    // The words around the change are there once, unmarked.
    expect(within(diff).getAllByTestId('text-diff')[0]).toHaveTextContent(
      /^\[deleted: Q4\]\[inserted: Q1\] roadmap webinar for customers$/,
    );

    // An item never approved before has nothing to compare against.
    const fresh = screen.getByRole('article', { name: 'Brand new' });
    expect(within(fresh).queryByRole('region', { name: /Changes since/ })).toBeNull();
  });
});
