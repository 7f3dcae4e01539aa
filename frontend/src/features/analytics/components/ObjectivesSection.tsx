import { Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { metricLabel, periodLabel } from '@/lib/labels';

import { useObjectives, type ObjectiveProgress } from '../api/analytics';
import { formatCount, formatPercent } from '../lib/metrics';
import { periodName, progressText, trendDirection, trendSentence } from '../lib/objectives';
import { formatDay } from '../lib/range';

import { ChartFigure } from './ChartFigure';
import { ObjectiveChart } from './charts';

const ARROWS = { up: '↑', down: '↓', flat: '→', none: '' } as const;

/** Earlier periods and this one against the target, with the same numbers in a table. */
function ObjectiveFigure({ objective }: { objective: ObjectiveProgress }) {
  const direction = trendDirection(objective.trend);
  const periods = [
    ...objective.trend.map((period) => ({
      period: periodName(period.period_start, objective.period),
      actual: period.actual,
    })),
    {
      period: `${periodName(objective.period_start, objective.period)} so far`,
      actual: objective.actual,
    },
  ];
  return (
    <ChartFigure
      title={`${objective.name}, ${periodLabel(objective.period)}`}
      summary={
        <>
          {ARROWS[direction] && <span aria-hidden>{ARROWS[direction]} </span>}
          {trendSentence(objective)}
        </>
      }
      tableLabel="Show the numbers per period"
      table={
        <Table striped verticalSpacing={4} fz="sm" aria-label={`${objective.name} per period`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Period</Table.Th>
              <Table.Th scope="col" ta="right">
                {metricLabel(objective.metric)}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Target
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((period) => (
              <Table.Tr key={period.period}>
                <Table.Th scope="row" fw={400}>
                  {period.period}
                </Table.Th>
                <Table.Td ta="right">{formatCount(period.actual)}</Table.Td>
                <Table.Td ta="right">{formatCount(objective.target)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      }
    >
      <ObjectiveChart periods={periods} target={objective.target} />
    </ChartFigure>
  );
}

function ObjectiveRow({ objective }: { objective: ObjectiveProgress }) {
  const reached = objective.progress >= 1;
  const value = Math.min(100, Math.round(objective.progress * 100));
  return (
    <Stack gap={6} component="li" style={{ listStyle: 'none' }}>
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <div style={{ minWidth: 0 }}>
          <Text fw={600}>{objective.name}</Text>
          <Text size="sm" c="dimmed">
            {metricLabel(objective.metric)}, target {objective.target}{' '}
            {periodLabel(objective.period)}
          </Text>
        </div>
        {reached && (
          <Badge color="green" variant="light">
            Reached
          </Badge>
        )}
      </Group>
      <Progress
        value={value}
        color={reached ? 'green' : 'blue'}
        size="lg"
        aria-label={`${objective.name}: ${objective.actual} of ${objective.target} (${formatPercent(objective.progress)})`}
      />
      <Text size="sm">
        {progressText(objective)}, {formatDay(objective.period_start, { year: undefined })} –{' '}
        {formatDay(objective.period_end)}.
      </Text>
      <ObjectiveFigure objective={objective} />
    </Stack>
  );
}

/** Each role's objectives: target, what is done so far this period, and earlier periods. */
export function ObjectivesSection({ org }: { org: string }) {
  const objectives = useObjectives(org);
  const roles = objectives.data?.results.filter((role) => role.objectives.length > 0) ?? [];

  return (
    <section aria-labelledby="objectives-heading">
      <Title order={2} size="h3" id="objectives-heading" mb={4}>
        Objectives
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Each role’s targets for the current period, from the shares made for that role.
        {objectives.data && ` As of ${formatDay(objectives.data.as_of)}.`}
      </Text>
      {objectives.isPending ? (
        <LoadingState label="Loading objectives…" />
      ) : objectives.error ? (
        <ErrorState
          error={objectives.error}
          title="Could not load the objectives"
          onRetry={() => void objectives.refetch()}
        />
      ) : roles.length === 0 ? (
        <EmptyState title="No objectives yet">
          Give roles objectives (for example “40 clicks from CIOs per month”) on the Roles page to
          follow them here.
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {roles.map((role) => (
            <Card
              key={role.role}
              withBorder
              component="article"
              aria-labelledby={`role-${role.role}`}
            >
              <Title order={3} size="h4" id={`role-${role.role}`} mb="sm">
                {role.role_name}
              </Title>
              <Stack gap="lg" component="ul" m={0} p={0}>
                {role.objectives.map((objective) => (
                  <ObjectiveRow key={objective.name} objective={objective} />
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
