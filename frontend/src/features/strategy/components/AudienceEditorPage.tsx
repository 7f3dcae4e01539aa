import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';

import { NETWORKS } from '@/api/types';
import type { Audience } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { levelLabel, networkLabel } from '@/lib/labels';

import {
  useArchiveAudience,
  useAudience,
  useEnabledNetworks,
  useMatrix,
  useSaveAudience,
} from '../api/strategy';
import {
  audienceFormToInput,
  audienceToFormValues,
  MAX_AUDIENCE_NAME,
  MAX_NOTES,
  MAX_TOPICS,
  MAX_TOPIC_LENGTH,
  validateAudienceForm,
} from '../lib/audiences';
import type { AudienceFormValues } from '../lib/audiences';
import { formErrorsFromApi } from '../lib/objectives';

import { GrantsPanel } from './GrantsPanel';
import { LEVEL_COLORS } from './MatrixPage';

const AUDIENCE_FIELDS = ['name', 'description', 'topics', 'networks', 'engagement_notes'] as const;

export function AudienceEditorPage({
  org,
  audienceId,
  canEdit,
  isAdmin,
  basePath,
}: {
  org: string;
  audienceId?: string;
  canEdit: boolean;
  isAdmin: boolean;
  basePath: string;
}) {
  const audience = useAudience(org, audienceId);
  const back = (
    <Anchor component={Link} to={`${basePath}/audiences`} size="sm">
      ← All audiences
    </Anchor>
  );
  if (audienceId && audience.isPending) return <LoadingState />;
  if (audienceId && audience.error) {
    return (
      <>
        {back}
        <ErrorState error={audience.error} onRetry={() => void audience.refetch()} />
      </>
    );
  }
  const data = audienceId ? audience.data : undefined;

  return (
    <>
      {back}
      {canEdit ? (
        <AudienceForm key={data?.id ?? 'new'} org={org} audience={data} basePath={basePath} />
      ) : data ? (
        <AudienceDetail audience={data} />
      ) : null}
      {data && <AudienceRoles org={org} audienceId={data.id} />}
      {data && isAdmin && (
        <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
          <GrantsPanel org={org} kind="audiences" id={data.id} objectName={data.name} />
        </div>
      )}
    </>
  );
}

function AudienceForm({
  org,
  audience,
  basePath,
}: {
  org: string;
  audience?: Audience;
  basePath: string;
}) {
  const navigate = useNavigate();
  const save = useSaveAudience(org);
  const archive = useArchiveAudience(org);
  const enabled = useEnabledNetworks(org);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const form = useForm<AudienceFormValues>({
    mode: 'controlled',
    initialValues: audienceToFormValues(audience),
    validate: validateAudienceForm,
  });
  const chosen = form.getValues().networks;
  const networkChoices = NETWORKS.filter(
    (n) => !enabled.data?.length || enabled.data.includes(n) || chosen.includes(n),
  );

  const onSubmit = form.onSubmit((values) =>
    save.mutate(
      { id: audience?.id, input: audienceFormToInput(values) },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: audience
              ? `Audience “${saved.name}” saved.`
              : `Audience “${saved.name}” created.`,
          });
          form.resetDirty(audienceToFormValues(saved));
          if (!audience) navigate(`${basePath}/audiences/${saved.id}`, { replace: true });
        },
        onError: (error) => form.setErrors(formErrorsFromApi(error, AUDIENCE_FIELDS)),
      },
    ),
  );

  return (
    <>
      <PageHeader
        title={audience ? audience.name : 'New audience'}
        description={
          audience?.archived
            ? 'This audience is archived: it is kept for history only.'
            : 'Who they are, what they care about and how to engage them.'
        }
        actions={
          audience && (
            <Button
              variant={audience.archived ? 'light' : 'default'}
              color={audience.archived ? 'blue' : 'red'}
              loading={archive.isPending}
              onClick={() =>
                audience.archived
                  ? archive.mutate(
                      { id: audience.id, archived: false },
                      {
                        onSuccess: () => {
                          notifications.show({ color: 'green', message: 'Audience restored.' });
                          navigate(`${basePath}/audiences`);
                        },
                      },
                    )
                  : setConfirmArchive(true)
              }
            >
              {audience.archived ? 'Restore audience' : 'Archive audience'}
            </Button>
          )
        }
      />
      <form onSubmit={onSubmit} noValidate aria-label={audience ? 'Edit audience' : 'New audience'}>
        <Stack gap="lg" maw={900}>
          {(save.error || archive.error) && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(save.error ?? archive.error)}
            </Alert>
          )}
          <Fieldset legend="About the audience">
            <Stack gap="md">
              <TextInput
                label="Name"
                required
                maxLength={MAX_AUDIENCE_NAME}
                placeholder="CIOs of large banks"
                {...form.getInputProps('name')}
              />
              <Textarea
                label="Description"
                autosize
                minRows={2}
                maxLength={2000}
                {...form.getInputProps('description')}
              />
              <TagsInput
                label="Topics"
                description={`Keywords they care about. Press Enter or a comma after each; at most ${MAX_TOPICS}, ${MAX_TOPIC_LENGTH} characters each.`}
                placeholder="Add a topic"
                maxTags={MAX_TOPICS}
                splitChars={[',']}
                clearable
                {...form.getInputProps('topics')}
              />
              <Checkbox.Group
                label="Networks where they are"
                description="Tick none if they are everywhere."
                {...form.getInputProps('networks')}
              >
                <Group mt="xs" gap="md">
                  {networkChoices.map((network) => (
                    <Checkbox key={network} value={network} label={networkLabel(network)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Textarea
                label="How to engage them"
                description="Tone, what works, what to avoid."
                autosize
                minRows={3}
                maxLength={MAX_NOTES}
                {...form.getInputProps('engagement_notes')}
              />
            </Stack>
          </Fieldset>
          <Group>
            <Button type="submit" loading={save.isPending}>
              {audience ? 'Save audience' : 'Create audience'}
            </Button>
            <Button variant="default" component={Link} to={`${basePath}/audiences`}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmArchive}
        title="Archive this audience?"
        message={`“${audience?.name ?? ''}” is hidden from new content and from the matrix. Its history stays, and you can restore it later.`}
        confirmLabel="Archive"
        loading={archive.isPending}
        onClose={() => setConfirmArchive(false)}
        onConfirm={() => {
          if (!audience) return;
          archive.mutate(
            { id: audience.id, archived: true },
            {
              onSuccess: () => {
                notifications.show({
                  color: 'green',
                  message: `Audience “${audience.name}” archived.`,
                });
                navigate(`${basePath}/audiences`);
              },
              onSettled: () => setConfirmArchive(false),
            },
          );
        }}
      />
    </>
  );
}

function AudienceDetail({ audience }: { audience: Audience }) {
  return (
    <>
      <PageHeader title={audience.name} description={audience.description || undefined} />
      <Stack gap="md" maw={900}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Topics
          </Title>
          {audience.topics.length ? (
            <Group gap={6}>
              {audience.topics.map((topic) => (
                <Badge key={topic} variant="outline" tt="none">
                  {topic}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm">No topics listed.</Text>
          )}
          <Text size="sm" mt="sm">
            Networks:{' '}
            {audience.networks.length ? audience.networks.map(networkLabel).join(', ') : 'any'}
          </Text>
        </Card>
        {audience.engagement_notes && (
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              How to engage them
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{audience.engagement_notes}</Text>
          </Card>
        )}
      </Stack>
    </>
  );
}

function AudienceRoles({ org, audienceId }: { org: string; audienceId: string }) {
  const matrix = useMatrix(org);
  if (!matrix.data) return null;
  const rows = matrix.data.roles
    .map((role) => ({ role, level: matrix.data.levels[role.id]?.[audienceId] }))
    .filter((row) => row.level);
  return (
    <Card withBorder mt="lg" maw={900} component="section" aria-labelledby="audience-roles">
      <Title order={2} size="h4" mb="xs" id="audience-roles">
        Roles that engage this audience
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">No role is mapped to this audience yet (see the matrix).</Text>
      ) : (
        <Group gap="xs">
          {rows.map(({ role, level }) => (
            <Badge key={role.id} color={LEVEL_COLORS[level]} variant="light" tt="none">
              {role.name}: {levelLabel(level)}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
