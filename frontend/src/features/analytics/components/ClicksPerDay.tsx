import { Table, Title } from '@mantine/core';

import { ErrorState, LoadingState } from '@/components/PageState';

import { useSummary, type SummaryRow } from '../api/analytics';
import { formatCount, orderRows } from '../lib/metrics';
import { formatDay, type DateRange } from '../lib/range';

import { ChartFigure } from './ChartFigure';
import { OverTimeChart } from './charts';

/** One sentence saying what the lines show, for people who do not see them. */
export function chartSummary(rows: readonly SummaryRow[]): string {
  if (rows.length === 0) return 'No clicks by people in these days.';
  const clicks = rows.reduce((sum, row) => sum + row.clicks, 0);
  const conversations = rows.reduce((sum, row) => sum + row.conversations, 0);
  const talked =
    conversations === 0
      ? 'no conversations'
      : `${formatCount(conversations)} conversation${conversations === 1 ? '' : 's'}`;
  if (clicks === 0)
    return `No clicks by people on any of these ${rows.length} days, and ${talked}.`;
  const busiest = rows.reduce((best, row) => (row.clicks > best.clicks ? row : best), rows[0]);
  return `${formatCount(clicks)} clicks by people over ${rows.length} days, and ${talked}; the busiest day was ${formatDay(busiest.key)} with ${formatCount(busiest.clicks)} clicks.`;
}

/** Conversations and clicks by people over time, with a sentence and the numbers per day. */
export function ClicksChart({ rows }: { rows: readonly SummaryRow[] }) {
  const days = orderRows('day', rows);
  return (
    <ChartFigure
      title="Clicks by people per day, with conversations"
      summary={chartSummary(days)}
      tableLabel="Show the numbers per day"
      table={
        <Table.ScrollContainer minWidth={320}>
          <Table striped verticalSpacing={4} fz="sm" aria-label="Conversations and clicks per day">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day</Table.Th>
                <Table.Th scope="col" ta="right">
                  Conversations
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Clicks by people
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Bot and preview hits
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {days.map((row) => (
                <Table.Tr key={row.key}>
                  <Table.Th scope="row" fw={400}>
                    {formatDay(row.key, { weekday: 'short' })}
                  </Table.Th>
                  <Table.Td ta="right">{formatCount(row.conversations)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.clicks)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.bot_hits)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      }
    >
      <OverTimeChart
        points={days.map((row) => ({
          day: row.key,
          clicks: row.clicks,
          conversations: row.conversations,
        }))}
      />
    </ChartFigure>
  );
}

export function ClicksPerDaySection({ org, range }: { org: string; range: DateRange }) {
  const days = useSummary(org, 'day', range);
  return (
    <section aria-labelledby="clicks-per-day" style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
      <Title order={2} size="h3" id="clicks-per-day" mb="xs">
        Over time
      </Title>
      {days.isPending ? (
        <LoadingState label="Loading clicks per day…" />
      ) : days.error ? (
        <ErrorState
          error={days.error}
          title="Could not load clicks per day"
          onRetry={() => void days.refetch()}
        />
      ) : (
        <ClicksChart rows={days.data.results} />
      )}
    </section>
  );
}
