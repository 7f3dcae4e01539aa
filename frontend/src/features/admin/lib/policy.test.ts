import { describe, expect, it } from 'vitest';

import type { Policy } from '@/api/types';

import { needsAcknowledgement } from './policy';

const policy = (overrides: Partial<Policy> = {}): Policy => ({
  id: 'p1',
  version: 2,
  title: 'Policy',
  body: 'Be nice.',
  published_at: '2026-01-01T00:00:00Z',
  published_by: 'Alex',
  is_current: true,
  acknowledged_at: null,
  acknowledged_count: 3,
  ...overrides,
});

describe('needsAcknowledgement (the policy banner)', () => {
  it('shows while the current version is not acknowledged', () => {
    expect(needsAcknowledgement(policy())).toBe(true);
  });

  it('hides once the member acknowledged it', () => {
    expect(needsAcknowledgement(policy({ acknowledged_at: '2026-01-02T00:00:00Z' }))).toBe(false);
  });

  it('hides when no policy is published, or while it is loading', () => {
    expect(needsAcknowledgement(null)).toBe(false);
    expect(needsAcknowledgement(undefined)).toBe(false);
  });

  it('ignores a version that is no longer current', () => {
    expect(needsAcknowledgement(policy({ is_current: false }))).toBe(false);
  });
});
