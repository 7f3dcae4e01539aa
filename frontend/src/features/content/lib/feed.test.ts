import { describe, expect, it } from 'vitest';

import type { FeedCell, FeedItem } from '@/api/types';

import { EVERY_AUDIENCE_NAME, expiryHint, groupFeedByAudience } from './feed';

const cell = (id: string, audience: string | null, name: string | null, note = ''): FeedCell => ({
  id,
  role: 'sales',
  audience,
  audience_name: name,
  position: 0,
  note,
});

const item = (id: string, cells: FeedCell[]): FeedItem => ({
  id,
  version: 1,
  title: `Item ${id}`,
  url: 'https://example.com',
  summary: '',
  suggested_copy: '',
  image_url: '',
  preview: {},
  language: 'en',
  networks: ['linkedin'],
  disclaimer: '',
  expires_at: null,
  approved_at: null,
  angles: [],
  cells,
  shared_networks: [],
});

describe('groupFeedByAudience', () => {
  const feed = [
    item('1', [cell('c1', 'cio', 'CIOs of large banks', 'Ask about deadlines.')]),
    item('2', [cell('c2', null, null), cell('c3', 'analysts', 'Industry analysts')]),
    item('3', [cell('c4', 'cio', 'CIOs of large banks')]),
  ];

  it('groups by audience name, every audience last, feed order inside', () => {
    const groups = groupFeedByAudience(feed);
    expect(groups.map((g) => g.name)).toEqual([
      'CIOs of large banks',
      'Industry analysts',
      EVERY_AUDIENCE_NAME,
    ]);
    expect(groups[0].entries.map((e) => e.item.id)).toEqual(['1', '3']);
    expect(groups[0].entries[0].cells[0].note).toBe('Ask about deadlines.');
    expect(groups[2].audience).toBeNull();
    expect(groups[2].entries.map((e) => e.item.id)).toEqual(['2']);
  });

  it('lists an item once per audience even when two roles place it there', () => {
    const twoRoles = item('4', [
      cell('a', 'cio', 'CIOs'),
      { ...cell('b', 'cio', 'CIOs'), role: 'exec' },
    ]);
    const groups = groupFeedByAudience([twoRoles]);
    expect(groups).toHaveLength(1);
    expect(groups[0].entries).toHaveLength(1);
    expect(groups[0].entries[0].cells).toHaveLength(2);
  });

  it('keeps only the chosen audience and the every-audience column when filtered', () => {
    const groups = groupFeedByAudience(feed, 'analysts');
    expect(groups.map((g) => g.name)).toEqual(['Industry analysts', EVERY_AUDIENCE_NAME]);
  });

  it('is empty for an empty feed', () => {
    expect(groupFeedByAudience([])).toEqual([]);
  });
});

describe('expiryHint', () => {
  const now = new Date('2025-06-01T12:00:00Z');
  it('shows day and month this year, the year otherwise', () => {
    expect(expiryHint('2025-12-03T10:00:00Z', now)).toBe('until 3 Dec');
    expect(expiryHint('2026-01-05T10:00:00Z', now)).toBe('until 5 Jan 2026');
    expect(expiryHint(null, now)).toBe('');
  });
});
