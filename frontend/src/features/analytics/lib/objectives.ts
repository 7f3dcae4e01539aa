import type { ObjectiveMetric, ObjectivePeriod } from '@/api/types';

import type { MyObjectiveProgress, ObjectiveProgress } from '../api/analytics';

import { formatPercent } from './metrics';
import { formatDay, parseDay } from './range';

/** "week of 16 Nov", "Nov 2026", "Q4 2026", "2026": a period named by its first day. */
export function periodName(start: string, period: ObjectivePeriod): string {
  const date = parseDay(start);
  if (!date) return start;
  switch (period) {
    case 'week':
      return `week of ${formatDay(start, { year: undefined })}`;
    case 'month':
      return date.toLocaleDateString(undefined, { month: 'short', year: 'numeric' });
    case 'quarter':
      return `Q${Math.floor(date.getMonth() / 3) + 1} ${date.getFullYear()}`;
    case 'year':
      return String(date.getFullYear());
  }
}

/** How far along an objective is, in words (progress bars are not read by everyone). */
export function progressText(
  objective: Pick<ObjectiveProgress, 'actual' | 'target' | 'progress' | 'period'>,
) {
  const pct = formatPercent(objective.progress);
  return `${objective.actual} of ${objective.target} so far this ${objective.period} (${pct})`;
}

export type TrendDirection = 'up' | 'down' | 'flat' | 'none';

/**
 * The direction between the last two complete periods. The current period is still
 * running, so comparing it with a whole one would always look like a fall.
 */
export function trendDirection(trend: readonly { actual: number }[]): TrendDirection {
  if (trend.length < 2) return 'none';
  const last = trend[trend.length - 1].actual;
  const before = trend[trend.length - 2].actual;
  if (last > before) return 'up';
  if (last < before) return 'down';
  return 'flat';
}

export function trendSentence(objective: Pick<ObjectiveProgress, 'trend' | 'period'>): string {
  const { trend, period } = objective;
  if (trend.length === 0) return `No earlier ${period}s yet.`;
  const last = trend[trend.length - 1];
  const lastText = `Last ${period} (${periodName(last.period_start, period)}): ${last.actual}`;
  const direction = trendDirection(trend);
  const before = trend.length >= 2 ? trend[trend.length - 2].actual : null;
  if (direction === 'up') return `${lastText}, up from ${before}.`;
  if (direction === 'down') return `${lastText}, down from ${before}.`;
  if (direction === 'flat') return `${lastText}, the same as the ${period} before.`;
  return `${lastText}.`;
}

const METRIC_NOUNS: Record<ObjectiveMetric, [one: string, many: string]> = {
  shares: ['share', 'shares'],
  clicks: ['click', 'clicks'],
  unique_visitors: ['unique visitor', 'unique visitors'],
  conversations: ['conversation', 'conversations'],
  reactions: ['reaction', 'reactions'],
  reposts: ['repost', 'reposts'],
};

/** "clicks", "unique visitor": what an objective counts, as a noun for `count` of them. */
export function metricNoun(metric: ObjectiveMetric, count: number): string {
  const [one, many] = METRIC_NOUNS[metric] ?? [metric, metric];
  return count === 1 ? one : many;
}

/**
 * "You: 3 of the team’s 8 clicks this month (38%)": the caller's part of their role's total.
 * Never compared with anyone else's.
 */
export function myProgressText(
  objective: Pick<
    MyObjectiveProgress,
    'my_actual' | 'team_actual' | 'my_share' | 'metric' | 'period'
  >,
): string {
  const noun = metricNoun(objective.metric, objective.team_actual);
  return `You: ${objective.my_actual} of the team’s ${objective.team_actual} ${noun} this ${objective.period} (${formatPercent(objective.my_share)})`;
}
