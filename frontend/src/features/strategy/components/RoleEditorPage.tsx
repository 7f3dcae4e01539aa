import {
  Alert,
  Card,
  Fieldset,
  List,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';

import type { Role } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { metricLabel, networkLabel, periodLabel } from '@/lib/labels';

import { useMatrix } from '../api/strategy';
import {
  describeObjective,
  MAX_DESCRIPTION,
  MAX_RESPONSIBILITIES,
  MAX_ROLE_NAME,
  roleFormToInput,
  roleToFormValues,
  validateRoleForm,
} from '../lib/objectives';
import type { RoleFormValues } from '../lib/objectives';

import { MappingCard, NamedEntityEditorPage, NamedEntityForm } from './NamedEntityEditor';
import type { EntityEditorCopy } from './NamedEntityEditor';
import { NetworkChoices } from './NetworkChoices';
import { ObjectivesEditor } from './ObjectivesEditor';

const ROLE_FIELDS = [
  'name',
  'description',
  'responsibilities',
  'objectives',
  'networks',
  'review_before_posting',
] as const;

const COPY: EntityEditorCopy = {
  noun: 'role',
  Noun: 'Role',
  backLabel: 'All roles',
  description: 'Describe what this role does and what it aims for.',
  archivedDescription:
    'This role is archived: it is kept for history but cannot be given new content.',
  archiveConsequence:
    'is hidden from new content and from the matrix. Its history and analytics stay, and you can restore it later.',
};

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
  return (
    <NamedEntityEditorPage
      org={org}
      kind="roles"
      id={roleId}
      canEdit={canEdit}
      isAdmin={isAdmin}
      basePath={basePath}
      copy={COPY}
      renderForm={(role) => <RoleForm org={org} role={role} basePath={basePath} />}
      renderDetail={(role) => <RoleDetail role={role} />}
      renderMapping={(role) => <RoleAudiences org={org} roleId={role.id} />}
    />
  );
}

function RoleForm({ org, role, basePath }: { org: string; role?: Role; basePath: string }) {
  const form = useForm<RoleFormValues>({
    mode: 'controlled',
    initialValues: roleToFormValues(role),
    validate: validateRoleForm,
  });

  return (
    <NamedEntityForm
      org={org}
      kind="roles"
      entity={role}
      basePath={basePath}
      copy={COPY}
      form={form}
      fields={ROLE_FIELDS}
      toInput={roleFormToInput}
      toValues={roleToFormValues}
    >
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
          <NetworkChoices
            org={org}
            label="Networks this role may post to"
            description="Tick none to allow every network the organisation enables."
            value={form.getValues().networks}
            onChange={(networks) => form.setFieldValue('networks', networks)}
            error={form.errors.networks}
          />
          <Switch
            label="Review shares before they are posted"
            description="For junior or sensitive roles: a reviewer checks each share first."
            {...form.getInputProps('review_before_posting', { type: 'checkbox' })}
          />
        </Stack>
      </Fieldset>
    </NamedEntityForm>
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
  const rows = matrix.data.audiences
    .filter((audience) => levels[audience.id])
    .map((audience) => ({ id: audience.id, name: audience.name, level: levels[audience.id] }));
  return (
    <MappingCard
      id="role-audiences"
      title="Audiences"
      emptyText="Not mapped to any audience yet (see the matrix)."
      rows={rows}
    />
  );
}
