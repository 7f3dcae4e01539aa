import { Group, Table, Text, Title } from '@mantine/core';
import { useId } from 'react';

import { ErrorState, LoadingState } from '@/components/PageState';

import { useSummary, type SummaryRow } from '../api/analytics';
import { formatCount, orderRows } from '../lib/metrics';
import { formatDay, type DateRange } from '../lib/range';

import classes from './analytics.module.css';

const WIDTH = 600;
const HEIGHT = 160;

/** One sentence saying what the bars show, for people who do not see them. */
export function chartSummary(rows: readonly SummaryRow[]): string {
  const total = rows.reduce((sum, row) => sum + row.clicks, 0);
  if (rows.length === 0) return 'No clicks by people in these days.';
  if (total === 0) return `No clicks by people on any of these ${rows.length} days.`;
  const busiest = rows.reduce((best, row) => (row.clicks > best.clicks ? row : best), rows[0]);
  return `${formatCount(total)} clicks by people over ${rows.length} days; the busiest day was ${formatDay(busiest.key)} with ${formatCount(busiest.clicks)}.`;
}

/** Simple bars, drawn here: a chart library would weigh more than everything it shows. */
export function ClicksChart({ rows }: { rows: readonly SummaryRow[] }) {
  const titleId = useId();
  const descId = useId();
  const days = orderRows('day', rows);
  const max = Math.max(1, ...days.map((row) => row.clicks));
  const slot = WIDTH / Math.max(1, days.length);
  const gap = slot > 6 ? 1.5 : 0;

  return (
    <figure style={{ margin: 0 }}>
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="xs" c="dimmed" aria-hidden>
          Most in a day: {formatCount(max)}
        </Text>
      </Group>
      <svg
        className={classes.chart}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
      >
        <title id={titleId}>Clicks by people per day</title>
        <desc id={descId}>{chartSummary(days)}</desc>
        {days.map((row, index) => {
          const height = (row.clicks / max) * (HEIGHT - 4);
          return (
            <rect
              key={row.key}
              className={classes.bar}
              x={index * slot + gap / 2}
              y={HEIGHT - height}
              width={Math.max(0.5, slot - gap)}
              height={height}
            >
              <title>{`${formatDay(row.key)}: ${formatCount(row.clicks)} clicks`}</title>
            </rect>
          );
        })}
      </svg>
      {days.length > 0 && (
        <Group justify="space-between" gap="xs" mt={4} aria-hidden>
          <Text size="xs" c="dimmed">
            {formatDay(days[0].key)}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDay(days[days.length - 1].key)}
          </Text>
        </Group>
      )}
      <figcaption>
        <Text size="sm" mt="xs">
          {chartSummary(days)}
        </Text>
      </figcaption>
      <details className={classes.details}>
        <summary>Show the numbers per day</summary>
        <Table.ScrollContainer minWidth={320}>
          <Table striped verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Day</Table.Th>
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
                  <Table.Td ta="right">{formatCount(row.clicks)}</Table.Td>
                  <Table.Td ta="right">{formatCount(row.bot_hits)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
    </figure>
  );
}

export function ClicksPerDaySection({ org, range }: { org: string; range: DateRange }) {
  const days = useSummary(org, 'day', range);
  return (
    <section aria-labelledby="clicks-per-day" style={{ marginBottom: 'var(--mantine-spacing-xl)' }}>
      <Title order={2} size="h3" id="clicks-per-day" mb="xs">
        Clicks per day
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
