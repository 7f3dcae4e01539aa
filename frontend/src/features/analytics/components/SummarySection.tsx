import { Tabs, Text, Title } from '@mantine/core';

import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';

import { useSummary, type GroupBy, type SummaryRow } from '../api/analytics';
import { GROUP_LABELS } from '../lib/metrics';
import { formatRange, type DateRange } from '../lib/range';

import { BreakdownFigure, CHARTED_GROUPS } from './BreakdownFigure';
import { SummaryTable } from './SummaryTable';

const hasActivity = (row: SummaryRow) =>
  row.shares + row.clicks + row.bot_hits + row.conversations + row.reactions > 0;

/** The results table, one tab per way of grouping them. */
export function SummarySection({
  org,
  range,
  groupBy,
  groups,
  onGroupChange,
  emptyHint,
}: {
  org: string;
  range: DateRange;
  groupBy: GroupBy;
  groups: readonly GroupBy[];
  onGroupChange: (groupBy: GroupBy) => void;
  emptyHint: string;
}) {
  const summary = useSummary(org, groupBy, range);
  // While another grouping loads, the previous table stays: say so to screen readers too.
  const stale = summary.isPlaceholderData;

  return (
    <section
      aria-labelledby="results-heading"
      style={{ marginBottom: 'var(--mantine-spacing-xl)' }}
    >
      <Title order={2} size="h3" id="results-heading" mb="xs">
        Results
      </Title>
      <Tabs
        value={groupBy}
        onChange={(value) => value && onGroupChange(value as GroupBy)}
        keepMounted={false}
      >
        <Tabs.List aria-label="Group results by" mb="sm">
          {groups.map((group) => (
            <Tabs.Tab key={group} value={group}>
              {GROUP_LABELS[group].tab}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {groups.map((group) => (
          <Tabs.Panel key={group} value={group} aria-busy={stale}>
            {group !== groupBy ? null : summary.isPending ? (
              <LoadingState label="Loading results…" />
            ) : summary.error ? (
              <ErrorState
                error={summary.error}
                title="Could not load the results"
                onRetry={() => void summary.refetch()}
              />
            ) : summary.data.results.filter(hasActivity).length === 0 ? (
              <EmptyState title="Nothing in these days">
                {`No share was posted, clicked or talked about between ${formatRange(range)}. ${emptyHint}`}
              </EmptyState>
            ) : (
              <>
                {stale && (
                  <Text size="xs" c="dimmed" role="status">
                    Updating…
                  </Text>
                )}
                {CHARTED_GROUPS.includes(summary.data.group_by) && (
                  <BreakdownFigure groupBy={summary.data.group_by} rows={summary.data.results} />
                )}
                <SummaryTable
                  groupBy={summary.data.group_by}
                  rows={summary.data.results}
                  range={{ from: summary.data.from, to: summary.data.to }}
                />
              </>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </section>
  );
}
