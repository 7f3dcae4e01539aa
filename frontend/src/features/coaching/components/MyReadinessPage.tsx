import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';

import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { levelLabel, networkLabel } from '@/lib/labels';

import {
  useMyReadiness,
  useSaveMyReadiness,
  type MyReadiness,
  type NetworkReadiness,
} from '../api/coaching';
import { AUDIENCE_SIZES, POSTING_FREQUENCIES } from '../lib/labels';
import {
  otherConnections,
  readinessFieldErrors,
  toFormValues,
  toInput,
  validateProfileUrl,
  type ReadinessValues,
} from '../lib/readiness';

import classes from './coaching.module.css';

/** Where I am active on social, and whom I reach there: for the comms team's planning. */
export function MyReadinessPage({
  org,
  connectionsHref,
}: {
  org: string;
  connectionsHref?: string;
}) {
  const readiness = useMyReadiness(org);
  return (
    <>
      <PageHeader
        title="My readiness"
        description="Tell your comms team where you are active on social and whom you reach there, so they can plan who speaks to which audience. Only comms leads and admins see this."
      />
      {readiness.isPending ? (
        <LoadingState />
      ) : readiness.error ? (
        <ErrorState error={readiness.error} onRetry={() => void readiness.refetch()} />
      ) : (
        <ReadinessForm org={org} readiness={readiness.data} connectionsHref={connectionsHref} />
      )}
    </>
  );
}

function ConnectionBadge({ row }: { row: NetworkReadiness | undefined }) {
  if (row?.connected) {
    const who = row.connection?.account_name;
    return (
      <Badge color="green" variant="light" tt="none">
        Connected{who ? ` as ${who}` : ''}
      </Badge>
    );
  }
  return (
    <Badge color="gray" variant="light" tt="none">
      Not connected
    </Badge>
  );
}

function ReadinessForm({
  org,
  readiness,
  connectionsHref,
}: {
  org: string;
  readiness: MyReadiness;
  connectionsHref?: string;
}) {
  const save = useSaveMyReadiness(org);
  const form = useForm<ReadinessValues>({
    mode: 'controlled',
    initialValues: toFormValues(readiness),
    validate: {
      networks: {
        profile_url: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          return values.networks[index]?.active ? validateProfileUrl(value) : null;
        },
      },
    },
  });
  const rows = new Map(readiness.networks.map((row) => [row.network, row]));
  const others = otherConnections(readiness, form.values);
  const audiences = readiness.reachable_audiences;

  const onSubmit = form.onSubmit((values) => {
    const { input, formIndex } = toInput(values);
    save.mutate(input, {
      onSuccess: (saved) => {
        const next = toFormValues(saved);
        form.setValues(next);
        form.resetDirty(next);
        notifications.show({ color: 'green', message: 'Your readiness is saved.' });
      },
      onError: (error) => form.setErrors(readinessFieldErrors(error, formIndex)),
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate aria-label="My readiness">
      <Stack gap="md" maw={960}>
        {save.error && (
          <Alert color="red" role="alert" title="Not saved">
            {errorMessage(save.error)}
          </Alert>
        )}
        {others.length > 0 && (
          <Text size="sm" c="dimmed">
            Also connected:{' '}
            {others
              .map(
                (row) =>
                  `${networkLabel(row.network)}${row.connection?.account_name ? ` as ${row.connection.account_name}` : ''}`,
              )
              .join(', ')}
            .
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" style={{ alignItems: 'start' }}>
          {form.values.networks.map((entry, index) => {
            const name = networkLabel(entry.network);
            const headingId = `presence-${entry.network}`;
            return (
              <Card
                key={entry.network}
                withBorder
                component="fieldset"
                aria-labelledby={headingId}
                className={classes.network}
                data-active={entry.active || undefined}
                m={0}
              >
                <Group justify="space-between" mb="xs" gap="xs">
                  <Title order={2} size="h4" id={headingId}>
                    {name}
                  </Title>
                  <ConnectionBadge row={rows.get(entry.network)} />
                </Group>
                <Switch
                  label={`I am active on ${name}`}
                  {...form.getInputProps(`networks.${index}.active`, { type: 'checkbox' })}
                />
                {entry.active && (
                  <Stack gap="sm" mt="sm">
                    <TextInput
                      type="url"
                      label="Profile address"
                      placeholder="https://"
                      autoComplete="url"
                      {...form.getInputProps(`networks.${index}.profile_url`)}
                    />
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
                      <NativeSelect
                        label="Audience size"
                        description="Roughly how many follow you there."
                        data={[{ value: '', label: 'Choose…' }, ...AUDIENCE_SIZES]}
                        {...form.getInputProps(`networks.${index}.audience_size`)}
                      />
                      <NativeSelect
                        label="How often you post"
                        data={[{ value: '', label: 'Choose…' }, ...POSTING_FREQUENCIES]}
                        {...form.getInputProps(`networks.${index}.posting_frequency`)}
                      />
                    </SimpleGrid>
                    <Textarea
                      label="Who is in your audience"
                      description="For example: heads of data at regional banks, platform engineers."
                      autosize
                      minRows={2}
                      maxLength={2000}
                      {...form.getInputProps(`networks.${index}.audience_description`)}
                    />
                    {audiences.length === 0 ? (
                      <Text size="sm" c="dimmed">
                        Your roles lead or support no audiences yet, so there is nothing to tick
                        here.
                      </Text>
                    ) : (
                      <Checkbox.Group
                        label="Audiences of your roles you reach here"
                        {...form.getInputProps(`networks.${index}.audiences`)}
                      >
                        <Stack gap={6} mt={6}>
                          {audiences.map((audience) => (
                            <Checkbox
                              key={audience.id}
                              value={audience.id}
                              label={`${audience.name} (${levelLabel(audience.level).toLowerCase()})`}
                            />
                          ))}
                        </Stack>
                      </Checkbox.Group>
                    )}
                  </Stack>
                )}
              </Card>
            );
          })}
        </SimpleGrid>
        {connectionsHref && (
          <Text size="sm" c="dimmed">
            Connecting a network (on the Connections page) is what lets you post to it; describing
            it here only helps your comms team plan.
          </Text>
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save my readiness
          </Button>
          <Button variant="subtle" onClick={() => form.reset()} disabled={!form.isDirty()}>
            Discard changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
