import { describe, expect, it } from 'vitest';

import type { ContentVersion } from '@/api/types';

import { diffVersions, reviewChanges, textDiff } from './diff';

const v1: ContentVersion = {
  number: 1,
  title: 'Report',
  url: 'https://example.com/r',
  summary: 'One\nTwo\nThree',
  suggested_copy: '',
  angles: { r1: 'Lead with the outcome.' },
  image_url: '',
  language: 'en',
  networks: ['linkedin', 'x'],
  disclaimer: '',
  expires_at: null,
  submitted_by: 'comms@demo.example',
  created_at: '2025-01-01T00:00:00Z',
  approved_at: '2025-01-02T00:00:00Z',
};

describe('diffVersions', () => {
  it('marks exactly the fields that changed', () => {
    const v2 = {
      ...v1,
      title: 'Report 2026',
      networks: ['x', 'linkedin'] as ContentVersion['networks'],
    };
    const rows = diffVersions(v1, v2, { r1: 'Sales' });
    const changed = rows.filter((r) => r.changed).map((r) => r.field);
    expect(changed).toEqual(['title']);
    expect(rows.find((r) => r.field === 'title')).toMatchObject({
      before: 'Report',
      after: 'Report 2026',
    });
  });

  it('compares angles per role, named, including added and removed roles', () => {
    const v2 = { ...v1, angles: { r2: 'Show the CLI.' } };
    const rows = diffVersions(v1, v2, { r1: 'Sales', r2: 'DevRel' }).filter((r) => r.changed);
    expect(rows.map((r) => r.label)).toEqual(['Angle (DevRel)', 'Angle (Sales)']);
    expect(rows[1]).toMatchObject({ before: 'Lead with the outcome.', after: '' });
  });

  it('flags multi-line text as long', () => {
    expect(diffVersions(v1, v1).find((r) => r.field === 'summary')?.long).toBe(true);
  });
});

describe('textDiff', () => {
  it('marks the changed word, keeping the rest and the spaces', () => {
    expect(textDiff('Join our Q4 roadmap webinar', 'Join our Q1 roadmap webinar')).toEqual([
      { kind: 'same', text: 'Join our ' },
      { kind: 'removed', text: 'Q4' },
      { kind: 'added', text: 'Q1' },
      { kind: 'same', text: ' roadmap webinar' },
    ]);
  });

  it('keeps line breaks and handles empty text on either side', () => {
    const parts = textDiff('One\nTwo', 'One\nTwo\nThree');
    expect(parts.map((p) => p.text).join('')).toBe('One\nTwo\nThree');
    expect(parts.filter((p) => p.kind === 'added').map((p) => p.text.trim())).toEqual(['Three']);
    expect(textDiff('', 'a')).toEqual([{ kind: 'added', text: 'a' }]);
    expect(textDiff('a', '')).toEqual([{ kind: 'removed', text: 'a' }]);
    expect(textDiff('', '')).toEqual([]);
  });
});

describe('reviewChanges', () => {
  it('lists only the changed title, summary, suggested copy and URL, in that order', () => {
    const v2 = {
      ...v1,
      url: 'https://example.com/r2',
      title: 'Annual report',
      disclaimer: 'Not advice.',
      angles: { r1: 'Lead with the numbers.' },
    };
    expect(reviewChanges(v1, v2).map((row) => row.field)).toEqual(['title', 'url']);
    expect(reviewChanges(v1, v1)).toEqual([]);
  });
});
