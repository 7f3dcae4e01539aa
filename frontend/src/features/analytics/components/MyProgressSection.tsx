import { Card, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';

import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { periodLabel } from '@/lib/labels';

import { useMyProgress, type MyObjectiveProgress } from '../api/analytics';
import { formatCount, formatPercent } from '../lib/metrics';
import { metricNoun, myProgressText, periodName } from '../lib/objectives';
import { formatDay } from '../lib/range';

/** The caller's own earlier periods: a small table, oldest first. */
function MyTrendTable({ objective }: { objective: MyObjectiveProgress }) {
  if (objective.my_trend.length === 0) return null;
  const label = `${objective.name}: your earlier ${objective.period}s`;
  return (
    <Table
      striped
      verticalSpacing={4}
      fz="sm"
      aria-label={label}
      captionSide="top"
      withTableBorder={false}
    >
      <Table.Caption style={{ textAlign: 'left' }}>Your earlier {objective.period}s</Table.Caption>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Period</Table.Th>
          <Table.Th scope="col" ta="right">
            Your {metricNoun(objective.metric, 2)}
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {objective.my_trend.map((period) => (
          <Table.Tr key={period.period_start}>
            <Table.Th scope="row" fw={400}>
              {periodName(period.period_start, objective.period)}
            </Table.Th>
            <Table.Td ta="right">{formatCount(period.actual)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function MyObjectiveRow({ objective }: { objective: MyObjectiveProgress }) {
  const value = Math.min(100, Math.round(objective.my_share * 100));
  const text = myProgressText(objective);
  return (
    <Stack gap={6} component="li" style={{ listStyle: 'none' }}>
      <div>
        <Title order={4} size="h5">
          {objective.name}
        </Title>
        <Text size="sm" c="dimmed">
          The team’s target: {formatCount(objective.target)}{' '}
          {metricNoun(objective.metric, objective.target)} {periodLabel(objective.period)},{' '}
          {formatDay(objective.period_start, { year: undefined })} –{' '}
          {formatDay(objective.period_end)}.
        </Text>
      </div>
      <Text size="sm">{text}.</Text>
      <Progress
        value={value}
        size="lg"
        aria-label={`Your part of the team’s ${metricNoun(objective.metric, 2)} this ${objective.period}: ${formatPercent(objective.my_share)}`}
      />
      <MyTrendTable objective={objective} />
    </Stack>
  );
}

/**
 * "My progress": the caller's own part of each of their roles' objectives, next to the
 * team's total. Shown only when the organisation turned the private view on; never anyone
 * else's figures, never a ranking.
 */
export function MyProgressSection({ org }: { org: string }) {
  const progress = useMyProgress(org);

  // Turned off by the organisation: nothing to show, and nothing went wrong.
  if (progress.data === null) return null;

  return (
    <section aria-labelledby="my-progress-heading">
      <Title order={2} size="h3" id="my-progress-heading" mt="xl" mb={4}>
        My progress
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Your own part of your roles’ objectives, next to the team’s total. Only you see this, and
        nobody is ranked.
        {progress.data && ` As of ${formatDay(progress.data.as_of)}.`}
      </Text>
      {progress.isPending ? (
        <LoadingState label="Loading your progress…" />
      ) : progress.error ? (
        <ErrorState
          error={progress.error}
          title="Could not load your progress"
          onRetry={() => void progress.refetch()}
        />
      ) : progress.data.results.length === 0 ? (
        <EmptyState title="No objectives for your roles yet">
          When a role you hold has objectives, your part of them shows here.
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {progress.data.results.map((role) => (
            <Card
              key={role.role}
              withBorder
              component="article"
              aria-labelledby={`my-role-${role.role}`}
            >
              <Title order={3} size="h4" id={`my-role-${role.role}`} mb="sm">
                {role.role_name}
              </Title>
              <Stack gap="lg" component="ul" m={0} p={0}>
                {role.objectives.map((objective) => (
                  <MyObjectiveRow key={objective.name} objective={objective} />
                ))}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}
