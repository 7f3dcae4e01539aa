import {
  Accordion,
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

import type { Audience, GridCell, Role } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';

import {
  contentKeys,
  MAX_PAGE_SIZE,
  useAudiencePicker,
  useContentList,
  useGridChange,
  useRoleGrid,
  useRolePicker,
} from '../api/content';
import { contentErrorMessage } from '../lib/errors';
import { applyOrder, columnKey, EVERY_AUDIENCE, groupByColumn, reorderPayload } from '../lib/grid';

interface Column {
  key: string;
  audience: string | null;
  name: string;
}

/**
 * The content grid: one row per advocacy role (opened one or more at a time), one column
 * per audience plus "Every audience". Comms leads place approved content, write a note
 * per placement and set the order; everyone else reads it.
 */
export function GridPage({ org, canEdit }: { org: string; canEdit: boolean }) {
  const roles = useRolePicker(org);
  const audiences = useAudiencePicker(org);
  const [open, setOpen] = useState<string[]>([]);

  const columns: Column[] = [
    { key: EVERY_AUDIENCE, audience: null, name: 'Every audience' },
    ...(audiences.data ?? [])
      .slice()
      .sort((a: Audience, b: Audience) => a.name.localeCompare(b.name))
      .map((a) => ({ key: a.id, audience: a.id, name: a.name })),
  ];

  return (
    <>
      <PageHeader
        title="Content grid"
        description={
          canEdit
            ? 'Place approved content per role and audience, say how to frame it, and set the order people see.'
            : 'The approved content each role shares with each audience.'
        }
      />
      {roles.isPending || audiences.isPending ? (
        <LoadingState />
      ) : roles.error || audiences.error ? (
        <ErrorState
          error={roles.error ?? audiences.error}
          onRetry={() => {
            void roles.refetch();
            void audiences.refetch();
          }}
        />
      ) : roles.data.length === 0 ? (
        <EmptyState title="No roles yet">
          The grid has one row per advocacy role. Define roles in Strategy first.
        </EmptyState>
      ) : (
        <Accordion
          order={2}
          multiple
          value={open}
          onChange={setOpen}
          variant="separated"
          chevronPosition="left"
        >
          {roles.data.map((role) => (
            <Accordion.Item key={role.id} value={role.id}>
              <Accordion.Control aria-label={`${role.name} row`}>
                <Text fw={600}>{role.name}</Text>
              </Accordion.Control>
              <Accordion.Panel>
                {open.includes(role.id) && (
                  <RoleRow org={org} role={role} columns={columns} canEdit={canEdit} />
                )}
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
    </>
  );
}

type Dialog =
  | { kind: 'add'; column: Column }
  | { kind: 'note'; cell: GridCell }
  | { kind: 'remove'; cell: GridCell }
  | null;

function RoleRow({
  org,
  role,
  columns,
  canEdit,
}: {
  org: string;
  role: Role;
  columns: Column[];
  canEdit: boolean;
}) {
  const cells = useRoleGrid(org, role.id);
  const change = useGridChange(org, role.id);
  const client = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (cells.isPending) return <LoadingState label={`Loading the ${role.name} row…`} />;
  if (cells.error) return <ErrorState error={cells.error} onRetry={() => void cells.refetch()} />;

  const groups = groupByColumn(cells.data);
  const fail = (title: string) => (error: unknown) =>
    notifications.show({ color: 'red', title, message: contentErrorMessage(error) });

  const move = (column: Column, list: GridCell[], index: number, delta: number) => {
    const input = reorderPayload(role.id, column.audience, list, index, delta);
    const key = contentKeys.gridRole(org, role.id);
    client.setQueryData<GridCell[]>(key, (old) => (old ? applyOrder(old, input.cells) : old));
    change.mutate({ kind: 'reorder', input }, { onError: fail('The order was not saved') });
  };

  return (
    <>
      <SimpleGrid
        cols={{ base: 1, sm: 2, lg: 3 }}
        spacing="sm"
        data-testid={`grid-row-${role.name}`}
      >
        {columns.map((column) => {
          const list = groups.get(columnKey(column.audience)) ?? [];
          const label = `${role.name} × ${column.name}`;
          return (
            <Card
              key={column.key}
              withBorder
              padding="sm"
              component="section"
              aria-label={label}
              data-testid="grid-cell"
            >
              <Group justify="space-between" mb="xs" wrap="nowrap">
                <Title order={3} size="h5">
                  {column.name}
                </Title>
                <Badge variant="light" size="sm" aria-label={`${list.length} items`}>
                  {list.length}
                </Badge>
              </Group>
              {list.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Nothing here yet.
                </Text>
              ) : (
                <Stack gap="xs" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                  {list.map((cell, index) => (
                    <li key={cell.id}>
                      <Group gap={6} wrap="nowrap" align="flex-start">
                        <Text size="sm" c="dimmed" w={18} ta="right">
                          {index + 1}.
                        </Text>
                        <div style={{ flex: 1, minWidth: 0 }}>
                          <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                            {cell.content_title}
                          </Text>
                          {cell.note && (
                            <Text size="xs" c="dimmed">
                              Note: {cell.note}
                            </Text>
                          )}
                          {canEdit && (
                            <Group gap={4} mt={4}>
                              <ActionIcon
                                variant="default"
                                size="sm"
                                disabled={index === 0 || change.isPending}
                                onClick={() => move(column, list, index, -1)}
                                aria-label={`Move “${cell.content_title}” up in ${label}`}
                              >
                                ↑
                              </ActionIcon>
                              <ActionIcon
                                variant="default"
                                size="sm"
                                disabled={index === list.length - 1 || change.isPending}
                                onClick={() => move(column, list, index, 1)}
                                aria-label={`Move “${cell.content_title}” down in ${label}`}
                              >
                                ↓
                              </ActionIcon>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                onClick={() => setDialog({ kind: 'note', cell })}
                                aria-label={`Edit the note of “${cell.content_title}” in ${label}`}
                              >
                                Note
                              </Button>
                              <Button
                                size="compact-xs"
                                variant="subtle"
                                color="red"
                                onClick={() => setDialog({ kind: 'remove', cell })}
                                aria-label={`Remove “${cell.content_title}” from ${label}`}
                              >
                                Remove
                              </Button>
                            </Group>
                          )}
                        </div>
                      </Group>
                    </li>
                  ))}
                </Stack>
              )}
              {canEdit && (
                <Button
                  mt="sm"
                  size="xs"
                  variant="light"
                  onClick={() => setDialog({ kind: 'add', column })}
                  aria-label={`Add content to ${label}`}
                >
                  Add content
                </Button>
              )}
            </Card>
          );
        })}
      </SimpleGrid>

      {dialog?.kind === 'add' && (
        <AddContentDialog
          org={org}
          title={`Add content to ${role.name} × ${dialog.column.name}`}
          exclude={(groups.get(columnKey(dialog.column.audience)) ?? []).map((c) => c.content)}
          saving={change.isPending}
          onClose={() => setDialog(null)}
          onSave={(content, note) =>
            change.mutate(
              {
                kind: 'add',
                input: { role: role.id, audience: dialog.column.audience, content, note },
              },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: 'Added to the grid.' });
                  setDialog(null);
                },
                onError: fail('Not added'),
              },
            )
          }
        />
      )}
      {dialog?.kind === 'note' && (
        <NoteDialog
          cell={dialog.cell}
          saving={change.isPending}
          onClose={() => setDialog(null)}
          onSave={(note) =>
            change.mutate(
              { kind: 'note', id: dialog.cell.id, note },
              {
                onSuccess: () => {
                  notifications.show({ color: 'green', message: 'Note saved.' });
                  setDialog(null);
                },
                onError: fail('Note not saved'),
              },
            )
          }
        />
      )}
      <ConfirmDialog
        opened={dialog?.kind === 'remove'}
        title="Remove from this cell?"
        message={
          dialog?.kind === 'remove'
            ? `“${dialog.cell.content_title}” leaves ${role.name} × ${dialog.cell.audience_name ?? 'every audience'}. The content itself stays approved.`
            : ''
        }
        confirmLabel="Remove"
        loading={change.isPending}
        onClose={() => setDialog(null)}
        onConfirm={() => {
          if (dialog?.kind !== 'remove') return;
          change.mutate(
            { kind: 'remove', id: dialog.cell.id },
            { onSettled: () => setDialog(null), onError: fail('Not removed') },
          );
        }}
      />
    </>
  );
}

function AddContentDialog({
  org,
  title,
  exclude,
  saving,
  onClose,
  onSave,
}: {
  org: string;
  title: string;
  exclude: string[];
  saving: boolean;
  onClose: () => void;
  onSave: (content: string, note: string) => void;
}) {
  const approved = useContentList(org, { status: 'approved' }, 1, MAX_PAGE_SIZE);
  const [content, setContent] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [now] = useState(() => Date.now());
  const choices = (approved.data?.results ?? [])
    .filter((c) => !c.expires_at || new Date(c.expires_at).getTime() > now)
    .filter((c) => !exclude.includes(c.id))
    .map((c) => ({ value: c.id, label: c.title }));

  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!content) {
            setError('Choose the content to place.');
            return;
          }
          onSave(content, note.trim());
        }}
      >
        <Stack>
          {approved.error && <Alert color="red">{contentErrorMessage(approved.error)}</Alert>}
          <Select
            label="Approved content"
            placeholder={approved.isPending ? 'Loading…' : 'Search by title'}
            searchable
            required
            data={choices}
            value={content}
            onChange={(value) => {
              setContent(value);
              setError(null);
            }}
            error={error}
            nothingFoundMessage="No approved, live content that is not already here"
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <Textarea
            label="Note for this cell"
            description="How this role should frame it for this audience (optional)."
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function NoteDialog({
  cell,
  saving,
  onClose,
  onSave,
}: {
  cell: GridCell;
  saving: boolean;
  onClose: () => void;
  onSave: (note: string) => void;
}) {
  const [note, setNote] = useState(cell.note);
  return (
    <Modal opened onClose={onClose} title={`Note for “${cell.content_title}”`} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSave(note.trim());
        }}
      >
        <Stack>
          <Textarea
            label="Note"
            description={`Shown to ${cell.role_name} next to this content for ${cell.audience_name ?? 'every audience'}.`}
            autosize
            minRows={3}
            maxLength={1000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Save note
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
