import { Table, Text } from '@mantine/core';

import { NETWORKS, type Network } from '@/api/types';
import { networkLabel } from '@/lib/labels';

import type { GroupBy, SummaryRow } from '../api/analytics';
import {
  BOT_HITS_DESCRIPTION,
  BOT_HITS_LABEL,
  formatCount,
  GROUP_LABELS,
  groupAddsUp,
  orderRows,
  SUMMARY_COLUMNS,
  totals,
} from '../lib/metrics';
import { formatDay, formatRange, type DateRange } from '../lib/range';

import classes from './analytics.module.css';

const isNetwork = (value: string): value is Network =>
  (NETWORKS as readonly string[]).includes(value);

export function rowLabel(groupBy: GroupBy, row: SummaryRow): string {
  if (groupBy === 'day') return formatDay(row.key, { weekday: 'short' });
  if (groupBy === 'network' && isNetwork(row.key)) return networkLabel(row.key);
  return row.label || '—';
}

/**
 * One row per content item, role, audience, person, network or day. Bot hits sit in their
 * own column, after a divider, and never enter any other figure.
 */
export function SummaryTable({
  groupBy,
  rows,
  range,
}: {
  groupBy: GroupBy;
  rows: readonly SummaryRow[];
  range: DateRange;
}) {
  const ordered = orderRows(groupBy, rows);
  const sum = groupAddsUp(groupBy) && ordered.length > 1 ? totals(ordered) : null;
  const column = GROUP_LABELS[groupBy].column;

  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover verticalSpacing="xs" className={classes.summary}>
          <Table.Caption>
            By {column.toLowerCase()}, {formatRange(range)}.{' '}
            {groupBy === 'member' && 'Listed by name: this is not a ranking. '}
            {!groupAddsUp(groupBy) &&
              `A share counts for every ${column.toLowerCase()} it was made for, so these rows can add up to more than the total. `}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{column}</Table.Th>
              {SUMMARY_COLUMNS.map((metric) => (
                <Table.Th key={metric.key} scope="col" ta="right">
                  {metric.label}
                </Table.Th>
              ))}
              <Table.Th scope="col" ta="right" className={classes.apart}>
                {BOT_HITS_LABEL}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ordered.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row" fw={500} className={classes.label}>
                  {rowLabel(groupBy, row)}
                </Table.Th>
                {SUMMARY_COLUMNS.map((metric) => (
                  <Table.Td key={metric.key} ta="right">
                    {formatCount(row[metric.key])}
                  </Table.Td>
                ))}
                <Table.Td ta="right" className={classes.apart} c="dimmed">
                  {formatCount(row.bot_hits)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          {sum && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row">Total</Table.Th>
                {SUMMARY_COLUMNS.map((metric) => (
                  <Table.Td key={metric.key} ta="right" fw={700}>
                    {formatCount(sum[metric.key])}
                  </Table.Td>
                ))}
                <Table.Td ta="right" className={classes.apart} c="dimmed" fw={700}>
                  {formatCount(sum.bot_hits)}
                </Table.Td>
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      <MetricLegend />
    </>
  );
}

/** What each column counts, once under the table rather than hidden in tooltips. */
export function MetricLegend() {
  return (
    <dl className={classes.legend}>
      {SUMMARY_COLUMNS.map((metric) => (
        <div key={metric.key}>
          <Text component="dt" size="xs" fw={700}>
            {metric.label}
          </Text>
          <Text component="dd" size="xs" c="dimmed">
            {metric.description}
          </Text>
        </div>
      ))}
      <div>
        <Text component="dt" size="xs" fw={700}>
          {BOT_HITS_LABEL}
        </Text>
        <Text component="dd" size="xs" c="dimmed">
          {BOT_HITS_DESCRIPTION}
        </Text>
      </div>
    </dl>
  );
}
