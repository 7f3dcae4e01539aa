import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { serverFieldErrors } from '@/lib/forms';

import {
  PAGE_SIZE,
  useCoachingTasks,
  useDeleteCoachingTask,
  useRoleOptions,
  useSaveCoachingTask,
  useStarterLibrary,
  type ActiveFilter,
  type CoachingTask,
  type CoachingTaskKind,
  type StarterTask,
} from '../api/coaching';
import { TASK_KINDS, taskKindLabel } from '../lib/labels';
import { scheduleText, taskInput, taskValidation, taskValues, type TaskValues } from '../lib/tasks';

type Editing = { task?: CoachingTask; starter?: StarterTask } | null;

/** The comms lead's weekly coaching tasks, built from a starter library. */
export function CoachingTasksPage({ org }: { org: string }) {
  const [active, setActive] = useState<ActiveFilter>('true');
  const [page, setPage] = useState(1);
  const tasks = useCoachingTasks(org, active, page);
  const save = useSaveCoachingTask(org);
  const remove = useDeleteCoachingTask(org);
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<CoachingTask | null>(null);

  const toggle = (task: CoachingTask) =>
    save.mutate(
      { id: task.id, input: { active: !task.active } },
      {
        onSuccess: (saved) =>
          notifications.show({
            color: 'green',
            message: saved.active ? `“${saved.title}” resumed.` : `“${saved.title}” paused.`,
          }),
      },
    );

  return (
    <>
      <PageHeader
        title="Coaching tasks"
        description="Small weekly tasks that make people better at social, for everyone or for one role. None of them is “post more”."
        actions={<Button onClick={() => setEditing({})}>New task</Button>}
      />
      <Stack gap="xl">
        <section aria-labelledby="tasks-heading">
          <Group justify="space-between" mb="sm" gap="sm">
            <Title order={2} size="h3" id="tasks-heading">
              Tasks
            </Title>
            <SegmentedControl
              aria-label="Which tasks"
              value={active}
              onChange={(value) => {
                setActive(value as ActiveFilter);
                setPage(1);
              }}
              data={[
                { value: 'true', label: 'Active' },
                { value: 'false', label: 'Paused' },
                { value: '', label: 'All' },
              ]}
            />
          </Group>
          {save.error && !editing && (
            <Alert color="red" role="alert" mb="sm" title="Not saved">
              {errorMessage(save.error)}
            </Alert>
          )}
          {tasks.isPending ? (
            <LoadingState />
          ) : tasks.error ? (
            <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />
          ) : tasks.data.results.length === 0 ? (
            <EmptyState title={active === 'false' ? 'No paused tasks' : 'No tasks yet'}>
              {active === 'false'
                ? 'Tasks you pause show here.'
                : 'Start from the library below, or write your own with New task.'}
            </EmptyState>
          ) : (
            <>
              <Table.ScrollContainer minWidth={820}>
                <Table striped verticalSpacing="sm">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Task</Table.Th>
                      <Table.Th scope="col">For</Table.Th>
                      <Table.Th scope="col">When</Table.Th>
                      <Table.Th scope="col">Status</Table.Th>
                      <Table.Th scope="col">
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {tasks.data.results.map((task) => (
                      <Table.Tr key={task.id}>
                        <Table.Th scope="row" fw={400} maw={380}>
                          <Text fw={500} size="sm">
                            {task.title}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={2}>
                            {task.description}
                          </Text>
                        </Table.Th>
                        <Table.Td>{task.role_name ?? 'Everyone'}</Table.Td>
                        <Table.Td>{scheduleText(task)}</Table.Td>
                        <Table.Td miw={90}>
                          <Badge color={task.active ? 'green' : 'gray'} variant="light" tt="none">
                            {task.active ? 'Active' : 'Paused'}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Group gap={4} wrap="nowrap">
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setEditing({ task })}
                              aria-label={`Edit ${task.title}`}
                            >
                              Edit
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              onClick={() => toggle(task)}
                              loading={save.isPending && save.variables?.id === task.id}
                              aria-label={`${task.active ? 'Pause' : 'Resume'} ${task.title}`}
                            >
                              {task.active ? 'Pause' : 'Resume'}
                            </Button>
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => setDeleting(task)}
                              aria-label={`Delete ${task.title}`}
                            >
                              Delete
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <Pager
                page={page}
                count={tasks.data.count}
                pageSize={PAGE_SIZE}
                onChange={setPage}
                label="Tasks"
              />
            </>
          )}
        </section>
        <StarterLibrarySection org={org} onUse={(starter) => setEditing({ starter })} />
      </Stack>
      {editing && (
        <TaskDialog
          org={org}
          task={editing.task}
          starter={editing.starter}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={!!deleting}
        title="Delete this task?"
        message={`“${deleting?.title ?? ''}” and everyone’s record of doing it are removed. Pause it instead to keep that record.`}
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => notifications.show({ color: 'green', message: 'Task deleted.' }),
            onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
            onSettled: () => setDeleting(null),
          })
        }
      />
    </>
  );
}

function StarterLibrarySection({
  org,
  onUse,
}: {
  org: string;
  onUse: (starter: StarterTask) => void;
}) {
  const library = useStarterLibrary(org);
  return (
    <section aria-labelledby="library-heading">
      <Title order={2} size="h3" id="library-heading" mb={4}>
        Starter library
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Tried and tested tasks. Use one as it is or adapt it to your people.
      </Text>
      {library.isPending ? (
        <LoadingState />
      ) : library.error ? (
        <ErrorState error={library.error} onRetry={() => void library.refetch()} />
      ) : library.data.results.length === 0 ? (
        <EmptyState title="The library is empty" />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {library.data.results.map((starter) => (
            <Card key={starter.kind} withBorder component="article" aria-label={starter.title}>
              <Stack gap="xs" h="100%" justify="space-between">
                <div>
                  <Title order={3} size="h5" mb={4}>
                    {starter.title}
                  </Title>
                  <Text size="sm">{starter.description}</Text>
                </div>
                <Group>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => onUse(starter)}
                    aria-label={`Use “${starter.title}”`}
                  >
                    Use
                  </Button>
                </Group>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </section>
  );
}

function TaskDialog({
  org,
  task,
  starter,
  onClose,
}: {
  org: string;
  task?: CoachingTask;
  starter?: StarterTask;
  onClose: () => void;
}) {
  const save = useSaveCoachingTask(org);
  const roles = useRoleOptions(org);
  const library = useStarterLibrary(org);
  const form = useForm<TaskValues>({
    mode: 'controlled',
    initialValues: taskValues(task, starter),
    validate: taskValidation,
  });
  const title = task ? 'Edit task' : 'New task';

  // Choosing another kind brings its library text, unless the text was changed by hand.
  const changeKind = (kind: CoachingTaskKind) => {
    const previous = library.data?.results.find((s) => s.kind === form.values.kind);
    const next = library.data?.results.find((s) => s.kind === kind);
    form.setFieldValue('kind', kind);
    if (!form.values.title.trim() || form.values.title === previous?.title) {
      form.setFieldValue('title', next?.title ?? '');
    }
    if (!form.values.description.trim() || form.values.description === previous?.description) {
      form.setFieldValue('description', next?.description ?? '');
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form
        noValidate
        aria-label={title}
        onSubmit={form.onSubmit((values) =>
          save.mutate(
            { id: task?.id, input: taskInput(values) },
            {
              onSuccess: (saved) => {
                notifications.show({ color: 'green', message: `Task “${saved.title}” saved.` });
                onClose();
              },
              onError: (error) =>
                form.setErrors(
                  serverFieldErrors(error, [
                    'kind',
                    'title',
                    'description',
                    'role',
                    'week',
                    'recurring',
                  ]),
                ),
            },
          ),
        )}
      >
        <Stack>
          {save.error && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(save.error)}
            </Alert>
          )}
          <NativeSelect
            label="Kind"
            data={TASK_KINDS.map((k) => ({ value: k.value, label: k.label }))}
            value={form.values.kind}
            onChange={(event) => changeKind(event.currentTarget.value as CoachingTaskKind)}
            error={form.errors.kind}
          />
          <TextInput
            label="Title"
            required={form.values.kind === 'custom'}
            description={
              form.values.kind === 'custom'
                ? undefined
                : `Empty: “${taskKindLabel(form.values.kind)}”.`
            }
            maxLength={200}
            data-autofocus
            {...form.getInputProps('title')}
          />
          <Textarea
            label="What to do"
            autosize
            minRows={3}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          <NativeSelect
            label="For"
            data={[{ value: '', label: 'Every member' }, ...(roles.data ?? [])]}
            {...form.getInputProps('role')}
          />
          <Radio.Group label="When" {...form.getInputProps('schedule')}>
            <Group mt="xs">
              <Radio value="week" label="One week" />
              <Radio value="recurring" label="Every week" />
            </Group>
          </Radio.Group>
          {form.values.schedule === 'week' && (
            <TextInput
              type="date"
              label="Week of"
              description="Any day of that week (weeks start on Monday)."
              {...form.getInputProps('week')}
            />
          )}
          <Switch
            label="Active"
            description="Paused tasks do not show to members."
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save task
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
