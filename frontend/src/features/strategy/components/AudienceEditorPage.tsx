import {
  Badge,
  Card,
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

import type { Audience } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { networkLabel } from '@/lib/labels';

import { useMatrix } from '../api/strategy';
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

import { MappingCard, NamedEntityEditorPage, NamedEntityForm } from './NamedEntityEditor';
import type { EntityEditorCopy } from './NamedEntityEditor';
import { NetworkChoices } from './NetworkChoices';

const AUDIENCE_FIELDS = ['name', 'description', 'topics', 'networks', 'engagement_notes'] as const;

const COPY: EntityEditorCopy = {
  noun: 'audience',
  Noun: 'Audience',
  backLabel: 'All audiences',
  description: 'Who they are, what they care about and how to engage them.',
  archivedDescription: 'This audience is archived: it is kept for history only.',
  archiveConsequence:
    'is hidden from new content and from the matrix. Its history stays, and you can restore it later.',
};

/** `audienceId` undefined: a new audience. Members who cannot edit see it read-only. */
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
  return (
    <NamedEntityEditorPage
      org={org}
      kind="audiences"
      id={audienceId}
      canEdit={canEdit}
      isAdmin={isAdmin}
      basePath={basePath}
      copy={COPY}
      renderForm={(audience) => <AudienceForm org={org} audience={audience} basePath={basePath} />}
      renderDetail={(audience) => <AudienceDetail audience={audience} />}
      renderMapping={(audience) => <AudienceRoles org={org} audienceId={audience.id} />}
    />
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
  const form = useForm<AudienceFormValues>({
    mode: 'controlled',
    initialValues: audienceToFormValues(audience),
    validate: validateAudienceForm,
  });
  return (
    <NamedEntityForm
      org={org}
      kind="audiences"
      entity={audience}
      basePath={basePath}
      copy={COPY}
      form={form}
      fields={AUDIENCE_FIELDS}
      toInput={audienceFormToInput}
      toValues={audienceToFormValues}
    >
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
          <NetworkChoices
            org={org}
            label="Networks where they are"
            description="Tick none if they are everywhere."
            value={form.getValues().networks}
            onChange={(networks) => form.setFieldValue('networks', networks)}
            error={form.errors.networks}
          />
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
    </NamedEntityForm>
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

/** The roles that engage this audience, from the matrix. */
function AudienceRoles({ org, audienceId }: { org: string; audienceId: string }) {
  const matrix = useMatrix(org);
  if (!matrix.data) return null;
  const levels = matrix.data.levels;
  const rows = matrix.data.roles
    .filter((role) => levels[role.id]?.[audienceId])
    .map((role) => ({ id: role.id, name: role.name, level: levels[role.id][audienceId] }));
  return (
    <MappingCard
      id="audience-roles"
      title="Roles that engage this audience"
      emptyText="No role is mapped to this audience yet (see the matrix)."
      rows={rows}
    />
  );
}
