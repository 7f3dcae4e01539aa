// What the dashboards show, in the order they show it: conversations and clicks by people
// first (what the product is for), then the rest; bot hits always apart, never added in.
import type { GridResult, GroupBy, SummaryRow } from '../api/analytics';

export type CountedMetric = 'conversations' | 'clicks' | 'unique_visitors' | 'reactions' | 'shares';

export interface MetricColumn {
  key: CountedMetric;
  label: string;
  description: string;
}

export const SUMMARY_COLUMNS: readonly MetricColumn[] = [
  {
    key: 'conversations',
    label: 'Conversations',
    description: 'Comments and replies read back from the networks.',
  },
  {
    key: 'clicks',
    label: 'Clicks by people',
    description: 'Crawlers and link previews are not counted.',
  },
  {
    key: 'unique_visitors',
    label: 'Unique visitors',
    description: 'Different people per share and day, added up.',
  },
  { key: 'reactions', label: 'Reactions', description: 'Likes and similar, from the networks.' },
  { key: 'shares', label: 'Shares posted', description: 'Posted in the chosen days.' },
];

export const BOT_HITS_LABEL = 'Bot and preview hits';

export const BOT_HITS_DESCRIPTION =
  'Requests by crawlers and link-preview fetchers. Shown apart; never counted as clicks.';

export const GROUP_LABELS: Record<GroupBy, { tab: string; column: string }> = {
  content: { tab: 'Content', column: 'Content' },
  role: { tab: 'Roles', column: 'Role' },
  audience: { tab: 'Audiences', column: 'Audience' },
  member: { tab: 'People', column: 'Person' },
  network: { tab: 'Networks', column: 'Network' },
  day: { tab: 'Days', column: 'Day' },
};

export const ORGANISATION_GROUPS: readonly GroupBy[] = [
  'content',
  'role',
  'audience',
  'member',
  'network',
  'day',
];

/** An employee's own numbers: by person would be a single row. */
export const PERSONAL_GROUPS: readonly GroupBy[] = ['content', 'audience', 'network', 'day'];

export function isGroupBy(value: string | null, allowed: readonly GroupBy[]): value is GroupBy {
  return value !== null && (allowed as readonly string[]).includes(value);
}

/**
 * A share counts for every role and audience it was made for, so those rows may add up to
 * more than the organisation's total: no total row for them.
 */
export const groupAddsUp = (groupBy: GroupBy) => groupBy !== 'role' && groupBy !== 'audience';

export type Totals = Omit<SummaryRow, 'key' | 'label'>;

export function totals(rows: readonly SummaryRow[]): Totals {
  const sum: Totals = {
    shares: 0,
    clicks: 0,
    unique_visitors: 0,
    bot_hits: 0,
    conversations: 0,
    reactions: 0,
  };
  for (const row of rows) {
    sum.shares += row.shares;
    sum.clicks += row.clicks;
    sum.unique_visitors += row.unique_visitors;
    sum.bot_hits += row.bot_hits;
    sum.conversations += row.conversations;
    sum.reactions += row.reactions;
  }
  return sum;
}

/**
 * The rows in the order a table shows them. People are listed by name, never by their
 * numbers: the dashboard is not a leaderboard. Days run in calendar order; everything
 * else keeps the API's order (most engagement first).
 */
export function orderRows(groupBy: GroupBy, rows: readonly SummaryRow[]): SummaryRow[] {
  if (groupBy === 'member') {
    return [...rows].sort((a, b) =>
      a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }),
    );
  }
  if (groupBy === 'day') return [...rows].sort((a, b) => a.key.localeCompare(b.key));
  return [...rows];
}

const NUMBER = new Intl.NumberFormat();

export const formatCount = (value: number) => NUMBER.format(value);

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

// ---- insights: how well a grid cell did, in words and colour ----------------------------

export type ResultLevel = 'strong' | 'moderate' | 'low' | 'none';

export const RESULT_LEVELS: readonly {
  level: ResultLevel;
  label: string;
  color: string;
  meaning: string;
}[] = [
  {
    level: 'strong',
    label: 'Strong',
    color: 'green',
    meaning: 'at least two thirds of the best row’s conversations and clicks',
  },
  {
    level: 'moderate',
    label: 'Moderate',
    color: 'blue',
    meaning: 'at least a third of the best row’s',
  },
  { level: 'low', label: 'Low', color: 'yellow', meaning: 'less than a third of the best row’s' },
  { level: 'none', label: 'None yet', color: 'gray', meaning: 'no conversations or clicks' },
];

/** Conversations and clicks by people: what a cell's result is judged on. */
export const engagement = (row: Pick<GridResult, 'conversations' | 'clicks'>) =>
  row.conversations + row.clicks;

export function resultLevel(value: number, best: number): ResultLevel {
  if (value <= 0 || best <= 0) return 'none';
  const ratio = value / best;
  if (ratio >= 2 / 3) return 'strong';
  if (ratio >= 1 / 3) return 'moderate';
  return 'low';
}

export const resultLevelInfo = (level: ResultLevel) =>
  RESULT_LEVELS.find((item) => item.level === level) ?? RESULT_LEVELS[RESULT_LEVELS.length - 1];
