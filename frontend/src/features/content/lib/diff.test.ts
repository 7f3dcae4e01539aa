import { describe, expect, it } from 'vitest';

import type { ContentVersion } from '@/api/types';

import { diffVersions, lineDiff } from './diff';

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

describe('lineDiff', () => {
  it('keeps common lines and shows removed and added ones', () => {
    expect(lineDiff('One\nTwo\nThree', 'One\nTwo and a half\nThree\nFour')).toEqual([
      { kind: 'same', text: 'One' },
      { kind: 'removed', text: 'Two' },
      { kind: 'added', text: 'Two and a half' },
      { kind: 'same', text: 'Three' },
      { kind: 'added', text: 'Four' },
    ]);
  });

  it('handles empty text on either side', () => {
    expect(lineDiff('', 'a')).toEqual([{ kind: 'added', text: 'a' }]);
    expect(lineDiff('a', '')).toEqual([{ kind: 'removed', text: 'a' }]);
    expect(lineDiff('', '')).toEqual([]);
  });
});
