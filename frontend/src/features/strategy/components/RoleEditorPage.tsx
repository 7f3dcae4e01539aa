import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  List,
  Stack,
  Switch,
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
import type { Role } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { levelLabel, metricLabel, networkLabel, periodLabel } from '@/lib/labels';

import {
  useArchiveRole,
  useEnabledNetworks,
  useMatrix,
  useRole,
  useSaveRole,
} from '../api/strategy';
import {
  describeObjective,
  formErrorsFromApi,
  MAX_DESCRIPTION,
  MAX_RESPONSIBILITIES,
  MAX_ROLE_NAME,
  roleFormToInput,
  roleToFormValues,
  validateRoleForm,
} from '../lib/objectives';
import type { RoleFormValues } from '../lib/objectives';

import { GrantsPanel } from './GrantsPanel';
import { LEVEL_COLORS } from './MatrixPage';
import { ObjectivesEditor } from './ObjectivesEditor';

const ROLE_FIELDS = [
  'name',
  'description',
  'responsibilities',
  'objectives',
  'networks',
  'review_before_posting',
] as const;

/** `roleId` undefined: a new role. Members who cannot edit see it read-only. */
export function RoleEditorPage({
  org,
  roleId,
  canEdit,
  isAdmin,
  basePath,
}: {
  org: string;
  roleId?: string;
  canEdit: boolean;
  isAdmin: boolean;
  basePath: string;
}) {
  const role = useRole(org, roleId);
  const back = (
    <Anchor component={Link} to={`${basePath}/roles`} size="sm">
      ← All roles
    </Anchor>
  );

  if (roleId && role.isPending) return <LoadingState />;
  if (roleId && role.error) {
    return (
      <>
        {back}
        <ErrorState error={role.error} onRetry={() => void role.refetch()} />
      </>
    );
  }
  const data = roleId ? role.data : undefined;

  return (
    <>
      {back}
      {canEdit ? (
        <RoleForm key={data?.id ?? 'new'} org={org} role={data} basePath={basePath} />
      ) : data ? (
        <RoleDetail role={data} />
      ) : null}
      {data && <RoleAudiences org={org} roleId={data.id} />}
      {data && isAdmin && (
        <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
          <GrantsPanel org={org} kind="roles" id={data.id} objectName={data.name} />
        </div>
      )}
    </>
  );
}

function RoleForm({ org, role, basePath }: { org: string; role?: Role; basePath: string }) {
  const navigate = useNavigate();
  const save = useSaveRole(org);
  const archive = useArchiveRole(org);
  const enabled = useEnabledNetworks(org);
  const [confirmArchive, setConfirmArchive] = useState(false);
  const form = useForm<RoleFormValues>({
    mode: 'controlled',
    initialValues: roleToFormValues(role),
    validate: validateRoleForm,
  });

  const chosen = form.getValues().networks;
  const networkChoices = NETWORKS.filter(
    (n) => !enabled.data?.length || enabled.data.includes(n) || chosen.includes(n),
  );

  const onSubmit = form.onSubmit(
    (values) => {
      save.mutate(
        { id: role?.id, input: roleFormToInput(values) },
        {
          onSuccess: (saved) => {
            notifications.show({
              color: 'green',
              message: role ? `Role “${saved.name}” saved.` : `Role “${saved.name}” created.`,
            });
            form.resetDirty(roleToFormValues(saved));
            if (!role) navigate(`${basePath}/roles/${saved.id}`, { replace: true });
          },
          onError: (error) => form.setErrors(formErrorsFromApi(error, ROLE_FIELDS)),
        },
      );
    },
    () => {
      // Move focus to the first invalid field so keyboard and screen reader users land there.
      window.setTimeout(() => {
        document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      }, 0);
    },
  );

  return (
    <>
      <PageHeader
        title={role ? role.name : 'New role'}
        description={
          role?.archived
            ? 'This role is archived: it is kept for history but cannot be given new content.'
            : 'Describe what this role does and what it aims for.'
        }
        actions={
          role && (
            <Button
              variant={role.archived ? 'light' : 'default'}
              color={role.archived ? 'blue' : 'red'}
              loading={archive.isPending}
              onClick={() =>
                role.archived
                  ? archive.mutate(
                      { id: role.id, archived: false },
                      {
                        onSuccess: () => {
                          notifications.show({ color: 'green', message: 'Role restored.' });
                          navigate(`${basePath}/roles`);
                        },
                      },
                    )
                  : setConfirmArchive(true)
              }
            >
              {role.archived ? 'Restore role' : 'Archive role'}
            </Button>
          )
        }
      />
      <form onSubmit={onSubmit} noValidate aria-label={role ? 'Edit role' : 'New role'}>
        <Stack gap="lg" maw={900}>
          {(save.error || archive.error) && (
            <Alert color="red" role="alert" title="Not saved">
              {errorMessage(save.error ?? archive.error)}
            </Alert>
          )}
          <Fieldset legend="About the role">
            <Stack gap="md">
              <TextInput
                label="Name"
                required
                maxLength={MAX_ROLE_NAME}
                placeholder="Sales"
                {...form.getInputProps('name')}
              />
              <Textarea
                label="Description"
                autosize
                minRows={2}
                maxLength={MAX_DESCRIPTION}
                {...form.getInputProps('description')}
              />
              <Textarea
                label="Responsibilities"
                description="What people in this role share about, and with whom."
                autosize
                minRows={3}
                maxLength={MAX_RESPONSIBILITIES}
                {...form.getInputProps('responsibilities')}
              />
            </Stack>
          </Fieldset>

          <ObjectivesEditor form={form} />

          <Fieldset legend="Posting">
            <Stack gap="md">
              <Checkbox.Group
                label="Networks this role may post to"
                description="Tick none to allow every network the organisation enables."
                {...form.getInputProps('networks')}
              >
                <Group mt="xs" gap="md">
                  {networkChoices.map((network) => (
                    <Checkbox key={network} value={network} label={networkLabel(network)} />
                  ))}
                </Group>
              </Checkbox.Group>
              <Switch
                label="Review shares before they are posted"
                description="For junior or sensitive roles: a reviewer checks each share first."
                {...form.getInputProps('review_before_posting', { type: 'checkbox' })}
              />
            </Stack>
          </Fieldset>

          <Group>
            <Button type="submit" loading={save.isPending}>
              {role ? 'Save role' : 'Create role'}
            </Button>
            <Button variant="default" component={Link} to={`${basePath}/roles`}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmDialog
        opened={confirmArchive}
        title="Archive this role?"
        message={`“${role?.name ?? ''}” is hidden from new content and from the matrix. Its history and analytics stay, and you can restore it later.`}
        confirmLabel="Archive"
        loading={archive.isPending}
        onClose={() => setConfirmArchive(false)}
        onConfirm={() => {
          if (!role) return;
          archive.mutate(
            { id: role.id, archived: true },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `Role “${role.name}” archived.` });
                navigate(`${basePath}/roles`);
              },
              onSettled: () => setConfirmArchive(false),
            },
          );
        }}
      />
    </>
  );
}

function RoleDetail({ role }: { role: Role }) {
  return (
    <>
      <PageHeader title={role.name} description={role.description || undefined} />
      <Stack gap="md" maw={900}>
        {role.archived && (
          <Alert color="gray" title="Archived">
            This role is no longer in use.
          </Alert>
        )}
        {role.responsibilities && (
          <Card withBorder>
            <Title order={2} size="h4" mb="xs">
              Responsibilities
            </Title>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{role.responsibilities}</Text>
          </Card>
        )}
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Objectives
          </Title>
          {role.objectives.length ? (
            <List spacing="xs">
              {role.objectives.map((objective, index) => (
                <List.Item key={index}>
                  <Text span fw={600}>
                    {objective.name}
                  </Text>
                  : {describeObjective(objective, metricLabel, periodLabel)}
                </List.Item>
              ))}
            </List>
          ) : (
            <Text size="sm">No objectives set.</Text>
          )}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            Posting
          </Title>
          <Text size="sm">
            Networks:{' '}
            {role.networks.length
              ? role.networks.map(networkLabel).join(', ')
              : 'every network the organisation enables'}
          </Text>
          <Text size="sm">
            {role.review_before_posting
              ? 'Shares are reviewed before they are posted.'
              : 'Shares are posted without a review step.'}
          </Text>
        </Card>
      </Stack>
    </>
  );
}

/** The audiences this role engages, from the matrix. */
function RoleAudiences({ org, roleId }: { org: string; roleId: string }) {
  const matrix = useMatrix(org);
  if (!matrix.data) return null;
  const levels = matrix.data.levels[roleId] ?? {};
  const rows = matrix.data.audiences.filter((a) => levels[a.id]);
  return (
    <Card withBorder mt="lg" maw={900} component="section" aria-labelledby="role-audiences">
      <Title order={2} size="h4" mb="xs" id="role-audiences">
        Audiences
      </Title>
      {rows.length === 0 ? (
        <Text size="sm">Not mapped to any audience yet (see the matrix).</Text>
      ) : (
        <Group gap="xs">
          {rows.map((audience) => (
            <Badge
              key={audience.id}
              color={LEVEL_COLORS[levels[audience.id]]}
              variant="light"
              tt="none"
            >
              {audience.name}: {levelLabel(levels[audience.id])}
            </Badge>
          ))}
        </Group>
      )}
    </Card>
  );
}
