import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import type { MessageTemplate } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';

import {
  PAGE_SIZE,
  useAudiencePicker,
  useDeleteTemplate,
  useRolePicker,
  useSaveTemplate,
  useTemplates,
} from '../api/content';
import { contentErrorMessage, serverFieldErrors } from '../lib/errors';

export function TemplatesPage({ org, canEdit }: { org: string; canEdit: boolean }) {
  const [page, setPage] = useState(1);
  const templates = useTemplates(org, page);
  const remove = useDeleteTemplate(org);
  const [editing, setEditing] = useState<MessageTemplate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);

  return (
    <>
      <PageHeader
        title="Message templates"
        description="Starting points per role or audience. Never posted as they are: each person makes them their own."
        actions={canEdit && <Button onClick={() => setEditing('new')}>New template</Button>}
      />
      {templates.isPending ? (
        <LoadingState />
      ) : templates.error ? (
        <ErrorState error={templates.error} onRetry={() => void templates.refetch()} />
      ) : templates.data.results.length === 0 ? (
        <EmptyState title="No templates yet">
          {canEdit
            ? 'Add a starting point with New template.'
            : 'Your comms team has not written templates yet.'}
        </EmptyState>
      ) : (
        <>
          <Stack gap="sm" maw={900}>
            {templates.data.results.map((t) => (
              <Card key={t.id} withBorder component="article" aria-label={t.name}>
                <Group justify="space-between" align="flex-start">
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Title order={2} size="h4">
                      {t.name}
                    </Title>
                    <Group gap={6}>
                      <Badge variant="light" tt="none">
                        {t.role_name ?? 'Every role'}
                      </Badge>
                      <Badge variant="outline" tt="none">
                        {t.audience_name ?? 'Every audience'}
                      </Badge>
                    </Group>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {t.body}
                    </Text>
                  </Stack>
                  {canEdit && (
                    <Group gap="xs">
                      <Button size="xs" variant="default" onClick={() => setEditing(t)}>
                        Edit
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setDeleting(t)}
                        aria-label={`Delete template ${t.name}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  )}
                </Group>
              </Card>
            ))}
          </Stack>
          <Pager
            page={page}
            count={templates.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Templates"
          />
        </>
      )}
      {editing && (
        <TemplateDialog
          org={org}
          template={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={!!deleting}
        title="Delete this template?"
        message={`“${deleting?.name ?? ''}” is removed for everyone.`}
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => notifications.show({ color: 'green', message: 'Template deleted.' }),
            onError: (error) =>
              notifications.show({ color: 'red', message: contentErrorMessage(error) }),
            onSettled: () => setDeleting(null),
          })
        }
      />
    </>
  );
}

interface TemplateValues {
  name: string;
  body: string;
  role: string;
  audience: string;
}

function TemplateDialog({
  org,
  template,
  onClose,
}: {
  org: string;
  template?: MessageTemplate;
  onClose: () => void;
}) {
  const save = useSaveTemplate(org);
  const roles = useRolePicker(org);
  const audiences = useAudiencePicker(org);
  const form = useForm<TemplateValues>({
    initialValues: {
      name: template?.name ?? '',
      body: template?.body ?? '',
      role: template?.role ?? '',
      audience: template?.audience ?? '',
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Give the template a name.'),
      body: (v) => (v.trim() ? null : 'Write the starting text.'),
    },
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={template ? 'Edit template' : 'New template'}
      centered
      size="lg"
    >
      <form
        noValidate
        aria-label={template ? 'Edit template' : 'New template'}
        onSubmit={form.onSubmit((values) =>
          save.mutate(
            {
              id: template?.id,
              input: {
                name: values.name.trim(),
                body: values.body,
                role: values.role || null,
                audience: values.audience || null,
              },
            },
            {
              onSuccess: (saved) => {
                notifications.show({ color: 'green', message: `Template “${saved.name}” saved.` });
                onClose();
              },
              onError: (error) =>
                form.setErrors(serverFieldErrors(error, ['name', 'body', 'role', 'audience'])),
            },
          ),
        )}
      >
        <Stack>
          {save.error && (
            <Alert color="red" role="alert">
              {contentErrorMessage(save.error)}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            maxLength={100}
            {...form.getInputProps('name')}
            data-autofocus
          />
          <Textarea
            label="Text"
            required
            autosize
            minRows={4}
            maxLength={3000}
            {...form.getInputProps('body')}
          />
          <NativeSelect
            label="Role"
            data={[
              { value: '', label: 'Every role' },
              ...(roles.data ?? []).map((r) => ({ value: r.id, label: r.name })),
            ]}
            {...form.getInputProps('role')}
          />
          <NativeSelect
            label="Audience"
            data={[
              { value: '', label: 'Every audience' },
              ...(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name })),
            ]}
            {...form.getInputProps('audience')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save template
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
