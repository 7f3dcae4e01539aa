import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Fieldset,
  Group,
  Image,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';

import { NETWORKS } from '@/api/types';
import type { Content, OrgRole } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { ErrorState, LoadingState } from '@/components/PageState';
import { formatDateTime, networkLabel } from '@/lib/labels';

import { useContent, useRolePicker, useSaveContent } from '../api/content';
import { availableActions, isComms } from '../lib/actions';
import { contentErrorMessage, serverFieldErrors } from '../lib/errors';
import {
  CONTENT_FIELDS,
  contentFormToInput,
  contentToFormValues,
  validateContentForm,
} from '../lib/form';
import type { ContentFormValues } from '../lib/form';

import { ContentActions } from './ContentActions';
import { ContentHistoryPanel } from './ContentHistoryPanel';
import { previewLabel, sourceLabel } from './labels';
import { StatusBadge } from './StatusBadge';

export function ContentEditorPage({
  org,
  contentId,
  role,
  basePath,
}: {
  org: string;
  contentId?: string;
  role: OrgRole;
  /** `/o/{org}/content` */
  basePath: string;
}) {
  const content = useContent(org, contentId);
  const navigate = useNavigate();
  const back = (
    <Anchor component={Link} to={basePath} size="sm">
      ← Content library
    </Anchor>
  );
  if (contentId && content.isPending) return <LoadingState />;
  if (contentId && content.error) {
    return (
      <>
        {back}
        <ErrorState error={content.error} onRetry={() => void content.refetch()} />
      </>
    );
  }
  const item = contentId ? content.data : undefined;
  const editable = isComms(role) && (!item || availableActions(item, role).includes('edit'));

  return (
    <>
      {back}
      <PageHeader
        title={item ? item.title : 'New content'}
        description={
          item ? (
            <Group gap="xs" component="span">
              <StatusBadge status={item.status} />
              <Text span size="sm">
                {item.version ? `Version ${item.version}` : 'Never submitted'}
                {item.approved_version !== null && ` · version ${item.approved_version} is live`}
                {' · '}
                {sourceLabel(item.source)}
              </Text>
            </Group>
          ) : (
            'Curate a link for the grid: what it is, and how each role should frame it.'
          )
        }
      />
      {item && (
        <Stack gap="md" mb="lg" maw={900}>
          <ContentActions
            org={org}
            content={item}
            role={role}
            onDeleted={() => navigate(basePath)}
          />
          {item.status === 'rejected' && item.rejection_reason && (
            <Alert color="red" title="Not approved">
              {item.rejection_reason}
            </Alert>
          )}
          {item.suggestion_why && (
            <Alert color="blue" title={`Suggested by ${item.suggested_by ?? 'a colleague'}`}>
              {item.suggestion_why}
            </Alert>
          )}
          <PreviewBlock content={item} />
        </Stack>
      )}
      {editable ? (
        <ContentForm key={item?.id ?? 'new'} org={org} content={item} basePath={basePath} />
      ) : item ? (
        <ContentDetail org={org} content={item} />
      ) : null}
      {item && (
        <div style={{ marginTop: 'var(--mantine-spacing-xl)' }}>
          <ContentHistoryPanel org={org} contentId={item.id} />
        </div>
      )}
    </>
  );
}

function PreviewBlock({ content }: { content: Content }) {
  const { preview } = content;
  if (preview.status === 'none' && !content.url) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-label="Link preview" maw={900}>
      <Text size="xs" c={preview.status === 'failed' ? 'red' : 'dimmed'} fw={600} mb={4}>
        {previewLabel(preview.status)}
      </Text>
      {preview.status === 'failed' && (
        <Text size="sm" c="red">
          {preview.error || 'The page could not be fetched.'}
        </Text>
      )}
      {preview.status === 'fetched' && (
        <Group align="flex-start" wrap="nowrap">
          {preview.image_url && (
            <Image src={preview.image_url} alt="" w={120} h={80} fit="cover" radius="sm" />
          )}
          <div style={{ minWidth: 0 }}>
            <Text fw={600}>{preview.title || content.title}</Text>
            <Text size="sm" c="dimmed" lineClamp={3}>
              {preview.description}
            </Text>
          </div>
        </Group>
      )}
    </Card>
  );
}

function ContentDetail({ org, content }: { org: string; content: Content }) {
  const roles = useRolePicker(org);
  const roleName = (id: string) => roles.data?.find((r) => r.id === id)?.name ?? 'a role';
  const rows: [string, string][] = [
    ['URL', content.url],
    ['Summary', content.summary],
    ['Suggested copy', content.suggested_copy],
    ['Networks', content.networks.map(networkLabel).join(', ') || 'Every network'],
    ['Language', content.language],
    ['Disclaimer', content.disclaimer],
    ['Expires', content.expires_at ? formatDateTime(content.expires_at) : 'Never'],
  ];
  return (
    <Card withBorder maw={900}>
      <Stack gap="sm">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <Text size="xs" c="dimmed" fw={600}>
                {label}
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value}</Text>
            </div>
          ))}
        {Object.entries(content.angles).map(([roleId, text]) => (
          <div key={roleId}>
            <Text size="xs" c="dimmed" fw={600}>
              Angle for {roleName(roleId)}
            </Text>
            <Text>{text}</Text>
          </div>
        ))}
      </Stack>
    </Card>
  );
}

function ContentForm({
  org,
  content,
  basePath,
}: {
  org: string;
  content?: Content;
  basePath: string;
}) {
  const navigate = useNavigate();
  const save = useSaveContent(org);
  const roles = useRolePicker(org);
  const form = useForm<ContentFormValues>({
    mode: 'controlled',
    initialValues: contentToFormValues(content),
    validate: (values) => validateContentForm(values),
  });
  const live = content && content.approved_version !== null && content.status !== 'retired';

  const onSubmit = form.onSubmit((values) =>
    save.mutate(
      { id: content?.id, input: contentFormToInput(values) },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: content ? `“${saved.title}” saved.` : `“${saved.title}” created as a draft.`,
          });
          form.resetDirty(contentToFormValues(saved));
          if (!content) navigate(`${basePath}/${saved.id}`, { replace: true });
        },
        onError: (error) => {
          const fields = serverFieldErrors(error, CONTENT_FIELDS);
          for (const [path, messages] of Object.entries(
            (error as { fields?: Record<string, string[]> }).fields ?? {},
          )) {
            if (path.startsWith('angles.')) fields[path] = messages.join(' ');
          }
          form.setErrors(fields);
        },
      },
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label={content ? 'Edit content' : 'New content'}>
      <Stack gap="lg" maw={900}>
        {live && (
          <Alert color="blue" title="Editing approved content" data-testid="new-version-note">
            Saving creates a new version that needs approval again. Version{' '}
            {content.approved_version} stays live in feeds and the grid until the new one is
            approved.
          </Alert>
        )}
        {save.error && (
          <Alert color="red" role="alert" title="Not saved">
            {contentErrorMessage(save.error)}
          </Alert>
        )}
        <Fieldset legend="The content">
          <Stack gap="md">
            <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
            <TextInput
              label="URL"
              type="url"
              placeholder="https://"
              description="http or https only. The link preview is fetched after saving."
              maxLength={2000}
              {...form.getInputProps('url')}
            />
            <Textarea
              label="Summary"
              autosize
              minRows={2}
              maxLength={5000}
              {...form.getInputProps('summary')}
            />
            <Textarea
              label="Suggested copy"
              description="A starting point. Each person says it in their own words; identical copy is refused."
              autosize
              minRows={2}
              maxLength={3000}
              {...form.getInputProps('suggested_copy')}
            />
            <TextInput
              label="Image URL"
              type="url"
              placeholder="https://"
              maxLength={2000}
              {...form.getInputProps('image_url')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="Angle per role">
          <Stack gap="md">
            {roles.isPending ? (
              <LoadingState label="Loading roles…" />
            ) : roles.error ? (
              <ErrorState error={roles.error} />
            ) : roles.data.length === 0 ? (
              <Text size="sm">No advocacy roles yet.</Text>
            ) : (
              roles.data.map((r) => (
                <Textarea
                  key={r.id}
                  label={`Angle for ${r.name}`}
                  description="How this role should frame it (optional)."
                  autosize
                  minRows={1}
                  maxLength={1000}
                  value={form.getValues().angles[r.id] ?? ''}
                  error={form.errors[`angles.${r.id}`]}
                  onChange={(event) =>
                    form.setFieldValue('angles', {
                      ...form.getValues().angles,
                      [r.id]: event.currentTarget.value,
                    })
                  }
                />
              ))
            )}
          </Stack>
        </Fieldset>
        <Fieldset legend="Where and until when">
          <Stack gap="md">
            <Checkbox.Group
              label="Networks"
              description="Tick none to allow every network the organisation enabled."
              {...form.getInputProps('networks')}
            >
              <Group mt="xs" gap="md">
                {NETWORKS.map((network) => (
                  <Checkbox key={network} value={network} label={networkLabel(network)} />
                ))}
              </Group>
            </Checkbox.Group>
            <TextInput
              label="Language"
              description="A language code such as en or de."
              maxLength={10}
              w={200}
              {...form.getInputProps('language')}
            />
            <Textarea
              label="Disclaimer"
              description="Added to every post of this content. Empty: the organisation's default."
              autosize
              minRows={1}
              maxLength={1000}
              {...form.getInputProps('disclaimer')}
            />
            <TextInput
              label="Expires"
              type="datetime-local"
              description="Optional, in your local time. It leaves feeds after this."
              w={{ base: '100%', xs: 260 }}
              {...form.getInputProps('expires_at')}
            />
          </Stack>
        </Fieldset>
        <Group>
          <Button type="submit" loading={save.isPending}>
            {content ? 'Save' : 'Create draft'}
          </Button>
          <Button variant="default" component={Link} to={basePath}>
            Cancel
          </Button>
          {content && (
            <Text size="sm" c="dimmed">
              Last saved {formatDateTime(content.updated_at)}
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}
