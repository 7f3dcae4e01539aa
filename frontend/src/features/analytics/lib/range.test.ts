import { describe, expect, it } from 'vitest';

import { defaultRange, parseDay, rangeFromParams, rangeLength, rangeProblem } from './range';

describe('date ranges', () => {
  it('defaults to the last 30 days, today included', () => {
    expect(defaultRange(new Date(2026, 10, 22))).toEqual({ from: '2026-10-24', to: '2026-11-22' });
  });

  it('reads a range from the address, filling what is missing', () => {
    const params = new URLSearchParams('from=2026-01-01');
    expect(rangeFromParams(params, new Date(2026, 0, 31))).toEqual({
      from: '2026-01-01',
      to: '2026-01-31',
    });
  });

  it('parses days as local calendar days and refuses impossible ones', () => {
    expect(parseDay('2026-02-29')).toBeNull();
    expect(parseDay('2026-11-3')).toBeNull();
    expect(parseDay('2026-11-03')?.getDate()).toBe(3);
  });

  it('counts both ends and explains ranges the API would refuse', () => {
    expect(rangeLength({ from: '2026-03-01', to: '2026-03-31' })).toBe(31);
    expect(rangeProblem({ from: '2026-03-02', to: '2026-03-01' })).toMatch(/on or before/);
    expect(rangeProblem({ from: '2020-01-01', to: '2026-01-01' })).toMatch(/two years/);
    expect(rangeProblem({ from: '', to: '2026-01-01' })).toMatch(/dates/);
    expect(rangeProblem({ from: '2024-01-01', to: '2025-12-31' })).toBeNull();
  });
});
