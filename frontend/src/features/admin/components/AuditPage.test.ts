import { describe, expect, it } from 'vitest';

import { describeChange } from './AuditPage';

describe('describeChange', () => {
  it('lists only the values that changed, with nested keys spelled out', () => {
    expect(
      describeChange(
        { settings: { daily_share_cap: 5, regulated: false } },
        { settings: { daily_share_cap: 7, regulated: false } },
      ),
    ).toEqual(['settings.daily_share_cap: 5 → 7']);
  });

  it('shows a creation as plain values and a removal as such', () => {
    expect(describeChange(null, { email: 'a@b.c', org_role: 'employee' })).toEqual([
      'email: a@b.c',
      'org_role: employee',
    ]);
    expect(describeChange({ is_active: true }, null)).toEqual(['is_active: true (removed)']);
  });

  it('names empty text instead of printing nothing', () => {
    expect(
      describeChange({ default_disclaimer: '' }, { default_disclaimer: 'Views are mine.' }),
    ).toEqual(['default_disclaimer: (empty) → Views are mine.']);
  });
});
