import { Badge, Card, Group, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';

import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { metricLabel, periodLabel } from '@/lib/labels';

import { useObjectives, type ObjectiveProgress } from '../api/analytics';
import { formatPercent } from '../lib/metrics';
import { periodName, progressText, trendDirection, trendSentence } from '../lib/objectives';
import { formatDay } from '../lib/range';

import classes from './analytics.module.css';

const ARROWS = { up: '↑', down: '↓', flat: '→', none: '' } as const;

function TrendBars({ objective }: { objective: ObjectiveProgress }) {
  const max = Math.max(1, objective.target, ...objective.trend.map((p) => p.actual));
  // Decoration only: the sentence beside it says the same in words.
  return (
    <div className={classes.trend} aria-hidden>
      {objective.trend.map((period) => (
        <span
          key={period.period_start}
          className={classes.trendBar}
          style={{ height: `${Math.max(4, (period.actual / max) * 100)}%` }}
          title={`${periodName(period.period_start, objective.period)}: ${period.actual}`}
        />
      ))}
    </div>
  );
}

function ObjectiveRow({ objective }: { objective: ObjectiveProgress }) {
  const reached = objective.progress >= 1;
  const value = Math.min(100, Math.round(objective.progress * 100));
  const direction = trendDirection(objective.trend);
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
      <Group gap="sm" wrap="nowrap" align="flex-end">
        <TrendBars objective={objective} />
        <Text size="xs" c="dimmed">
          {ARROWS[direction] && <span aria-hidden>{ARROWS[direction]} </span>}
          {trendSentence(objective)}
        </Text>
      </Group>
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
