import {
  Alert,
  Anchor,
  Badge,
  Card,
  Checkbox,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';

import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDate, networkLabel } from '@/lib/labels';

import {
  useMyCoaching,
  useSetTaskDone,
  type MyCoaching,
  type MyCoachingTask,
} from '../api/coaching';
import { formatDay, formatWeek } from '../lib/dates';

import classes from './coaching.module.css';

/** An employee's own coaching: this week's small tasks, their progress, what worked. */
export function MyCoachingPage({ org }: { org: string }) {
  const coaching = useMyCoaching(org);
  return (
    <>
      <PageHeader
        title="My coaching"
        description="A few small things to get better at social this week. Your progress is yours: nobody else sees it, and there are no points."
      />
      {coaching.isPending ? (
        <LoadingState />
      ) : coaching.error ? (
        <ErrorState error={coaching.error} onRetry={() => void coaching.refetch()} />
      ) : (
        <Stack gap="xl">
          <ThisWeek org={org} coaching={coaching.data} />
          <MyProgress coaching={coaching.data} />
          <WhatWorked coaching={coaching.data} />
        </Stack>
      )}
    </>
  );
}

function ThisWeek({ org, coaching }: { org: string; coaching: MyCoaching }) {
  const done = useSetTaskDone(org);
  return (
    <section aria-labelledby="this-week">
      <Title order={2} size="h3" id="this-week" mb={4}>
        This week
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {formatWeek(coaching.week, coaching.week_ends)}
      </Text>
      {done.error && (
        <Alert
          color="red"
          role="alert"
          mb="sm"
          title={done.variables?.done === false ? 'Still marked done' : 'Not marked done'}
        >
          {errorMessage(done.error)}
        </Alert>
      )}
      {coaching.tasks.length === 0 ? (
        <EmptyState title="No tasks this week">
          Your comms team adds a few small tasks each week. Nothing to do for now.
        </EmptyState>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0}>
          {coaching.tasks.map((task) => (
            <TaskItem
              key={task.id}
              task={task}
              saving={done.isPending && done.variables.taskId === task.id}
              onChange={(checked) => done.mutate({ taskId: task.id, done: checked })}
            />
          ))}
        </Stack>
      )}
    </section>
  );
}

function TaskItem({
  task,
  saving,
  onChange,
}: {
  task: MyCoachingTask;
  saving: boolean;
  onChange: (done: boolean) => void;
}) {
  const descriptionId = `task-${task.id}-description`;
  return (
    <Card withBorder component="li" className={classes.task} data-done={task.done || undefined}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Checkbox
          size="md"
          mt={2}
          checked={task.done}
          // Ticked by mistake? Unticking takes it back (this week only).
          disabled={saving}
          onChange={(event) => onChange(event.currentTarget.checked)}
          aria-label={task.done ? `${task.title} (done)` : `Mark “${task.title}” done`}
          aria-describedby={descriptionId}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text fw={600} td={task.done ? 'line-through' : undefined}>
              {task.title}
            </Text>
            <Group gap={6}>
              <Badge variant="light" tt="none">
                {task.role_name ?? 'Everyone'}
              </Badge>
              {task.recurring && (
                <Badge variant="outline" tt="none">
                  Every week
                </Badge>
              )}
            </Group>
          </Group>
          <Text size="sm" id={descriptionId}>
            {task.description}
          </Text>
          <Text size="xs" c={task.done ? 'green.9' : 'dimmed'} role="status">
            {task.done
              ? `Done${task.done_at ? ` on ${formatDate(task.done_at)}` : ''}. Untick to undo.`
              : saving
                ? 'Saving…'
                : 'Not done yet.'}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}

function MyProgress({ coaching }: { coaching: MyCoaching }) {
  const { progress } = coaching;
  const ratio = progress.tasks_this_week ? progress.done_this_week / progress.tasks_this_week : 0;
  const weeks = progress.recent_weeks.length;
  const max = Math.max(1, ...progress.recent_weeks.map((w) => w.done));
  return (
    <section aria-labelledby="my-progress">
      <Title order={2} size="h3" id="my-progress" mb={4}>
        My progress
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Only you see this.
      </Text>
      <Card withBorder>
        <Stack gap="sm">
          <Text>
            <strong>
              {progress.done_this_week} of {progress.tasks_this_week}
            </strong>{' '}
            {progress.tasks_this_week === 1 ? 'task' : 'tasks'} done this week.
          </Text>
          <Progress
            value={Math.round(ratio * 100)}
            size="lg"
            color="teal"
            aria-label={`${progress.done_this_week} of ${progress.tasks_this_week} tasks done this week`}
          />
          <Text size="sm">
            Something done in {progress.weeks_with_something_done} of the last {weeks}{' '}
            {weeks === 1 ? 'week' : 'weeks'}.
          </Text>
          {weeks > 0 && (
            <Table.ScrollContainer minWidth={300}>
              <Table className={classes.weeks} verticalSpacing={4} fz="sm">
                <Table.Caption>Tasks done per week, oldest first</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Week of</Table.Th>
                    <Table.Th scope="col">Tasks done</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {progress.recent_weeks.map((week) => (
                    <Table.Tr key={week.week}>
                      <Table.Th scope="row" fw={400}>
                        {formatDay(week.week)}
                      </Table.Th>
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <span className={classes.weekCount}>{week.done}</span>
                          <span
                            className={classes.weekBar}
                            style={{ width: `${(week.done / max) * 8}rem` }}
                            aria-hidden
                          />
                        </Group>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </section>
  );
}

function WhatWorked({ coaching }: { coaching: MyCoaching }) {
  const worked = coaching.what_worked;
  const period = `${formatDay(worked.period_from)} – ${formatDay(worked.period_to)}`;
  return (
    <section aria-labelledby="what-worked">
      <Title order={2} size="h3" id="what-worked" mb={4}>
        What worked for my shares
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {period}: {worked.shares_posted} {worked.shares_posted === 1 ? 'share' : 'shares'} posted.
      </Text>
      {worked.audiences.length === 0 && worked.shares.length === 0 ? (
        <EmptyState title="Nothing to learn from yet">
          Once your shares are posted and people click or reply, you will see here which audiences
          responded and which shares started conversations.
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">
              Audiences that clicked and talked
            </Title>
            {worked.audiences.length === 0 ? (
              <Text size="sm">No audience responded yet.</Text>
            ) : (
              <Table.ScrollContainer minWidth={360}>
                <Table striped verticalSpacing={4} fz="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Audience</Table.Th>
                      <Table.Th scope="col" ta="right">
                        Conversations
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Clicks by people
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        Shares
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {worked.audiences.map((audience) => (
                      <Table.Tr key={audience.id}>
                        <Table.Th scope="row" fw={500}>
                          {audience.name}
                        </Table.Th>
                        <Table.Td ta="right">{audience.conversations}</Table.Td>
                        <Table.Td ta="right">{audience.clicks}</Table.Td>
                        <Table.Td ta="right">{audience.shares}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="xs">
              Shares that started something
            </Title>
            {worked.shares.length === 0 ? (
              <Text size="sm">None of your shares got clicks or conversations yet.</Text>
            ) : (
              <Stack gap="sm" component="ul" p={0} m={0}>
                {worked.shares.map((share) => (
                  <li key={share.id} style={{ listStyle: 'none' }}>
                    <Text fw={500} size="sm">
                      {share.external_url ? (
                        <Anchor href={share.external_url} target="_blank" rel="noreferrer">
                          {share.title}
                        </Anchor>
                      ) : (
                        share.title
                      )}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {networkLabel(share.network)}
                      {share.posted_at && `, posted ${formatDate(share.posted_at)}`}
                      {share.audiences.length > 0 &&
                        ` · for ${share.audiences.map((a) => a.name).join(', ')}`}
                    </Text>
                    <Text size="sm">
                      {share.conversations} conversations · {share.clicks} clicks by people ·{' '}
                      {share.reactions} reactions
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Card>
        </SimpleGrid>
      )}
    </section>
  );
}
