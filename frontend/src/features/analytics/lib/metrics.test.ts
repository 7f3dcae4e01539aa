import { describe, expect, it } from 'vitest';

import type { SummaryRow } from '../api/analytics';

import { groupAddsUp, orderRows, resultLevel, totals } from './metrics';
import { trendDirection, trendSentence } from './objectives';

const row = (key: string, label: string, clicks: number): SummaryRow => ({
  key,
  label,
  clicks,
  shares: 1,
  unique_visitors: 0,
  bot_hits: 2,
  conversations: 0,
  reactions: 0,
});

describe('metrics', () => {
  it('never ranks people: rows by person go by name', () => {
    const rows = [row('1', 'zoe', 90), row('2', 'Adam', 1)];
    expect(orderRows('member', rows).map((r) => r.label)).toEqual(['Adam', 'zoe']);
    expect(orderRows('content', rows).map((r) => r.label)).toEqual(['zoe', 'Adam']);
  });

  it('totals bot hits apart from clicks', () => {
    expect(totals([row('1', 'a', 3), row('2', 'b', 4)])).toMatchObject({ clicks: 7, bot_hits: 4 });
  });

  it('gives no total for groupings a share can count in twice', () => {
    expect(groupAddsUp('role')).toBe(false);
    expect(groupAddsUp('audience')).toBe(false);
    expect(groupAddsUp('network')).toBe(true);
  });

  it('grades results against the best row', () => {
    expect(resultLevel(0, 10)).toBe('none');
    expect(resultLevel(10, 10)).toBe('strong');
    expect(resultLevel(4, 10)).toBe('moderate');
    expect(resultLevel(1, 10)).toBe('low');
  });

  it('describes a trend between complete periods in words', () => {
    const trend = [
      { period_start: '2026-09-01', period_end: '2026-09-30', actual: 5 },
      { period_start: '2026-10-01', period_end: '2026-10-31', actual: 3 },
    ];
    expect(trendDirection(trend)).toBe('down');
    expect(trendSentence({ trend, period: 'month' })).toMatch(
      /^Last month \(.+\): 3, down from 5\.$/,
    );
    expect(trendSentence({ trend: [], period: 'week' })).toBe('No earlier weeks yet.');
  });
});
