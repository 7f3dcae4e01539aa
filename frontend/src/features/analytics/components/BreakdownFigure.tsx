import type { GroupBy, SummaryRow } from '../api/analytics';
import { engagement, formatCount, GROUP_LABELS } from '../lib/metrics';

import { ChartFigure } from './ChartFigure';
import { BreakdownChart } from './charts';
import { rowLabel } from './SummaryTable';

/** The groupings a bar chart helps with. People are never charted (not a ranking), and days
 * have their own chart over time. */
export const CHARTED_GROUPS: readonly GroupBy[] = ['content', 'role', 'audience', 'network'];

/** Bars for the first rows only: beyond that they stop being readable. The table has all. */
export const MAX_BARS = 10;

const plural = (count: number, word: string) =>
  `${formatCount(count)} ${word}${count === 1 ? '' : 's'}`;

export function breakdownSummary(groupBy: GroupBy, rows: readonly SummaryRow[]): string {
  const column = GROUP_LABELS[groupBy].column.toLowerCase();
  const active = rows.filter((row) => engagement(row) > 0);
  if (active.length === 0) return `No conversations or clicks by people for any ${column} yet.`;
  const top = [...active]
    .sort((a, b) => engagement(b) - engagement(a))
    .slice(0, 3)
    .map(
      (row) =>
        `${rowLabel(groupBy, row)} (${plural(row.conversations, 'conversation')}, ${plural(row.clicks, 'click')})`,
    );
  return `Most conversations and clicks by ${column}: ${top.join('; ')}. The table below has every number.`;
}

/** Conversations and clicks by content, role, audience or network, as bars. */
export function BreakdownFigure({
  groupBy,
  rows,
}: {
  groupBy: GroupBy;
  rows: readonly SummaryRow[];
}) {
  const active = rows.filter((row) => engagement(row) > 0);
  const bars = [...active]
    .sort((a, b) => engagement(b) - engagement(a))
    .slice(0, MAX_BARS)
    .map((row) => ({
      label: rowLabel(groupBy, row),
      conversations: row.conversations,
      clicks: row.clicks,
    }));
  const column = GROUP_LABELS[groupBy].column.toLowerCase();
  const more = active.length > MAX_BARS ? ` (the ${MAX_BARS} with most)` : '';
  return (
    <ChartFigure
      title={`Conversations and clicks by people per ${column}${more}`}
      summary={breakdownSummary(groupBy, rows)}
    >
      <BreakdownChart bars={bars} />
    </ChartFigure>
  );
}
