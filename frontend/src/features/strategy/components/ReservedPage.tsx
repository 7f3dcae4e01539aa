import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  MultiSelect,
  NativeSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { HANDLE_NETWORKS, NETWORKS } from '@/api/types';
import type { Network, ReservedRelationship } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDateTime, handleNetworkLabel, networkLabel } from '@/lib/labels';

import {
  PAGE_SIZE,
  useActiveRoles,
  useDeleteReserved,
  useMemberPicker,
  useReservedCheck,
  useReservedRelationships,
  useSaveReserved,
} from '../api/strategy';
import { formErrorsFromApi } from '../lib/objectives';
import {
  describeHandle,
  emptyHandle,
  MAX_HANDLES,
  reservedFormToInput,
  reservedToFormValues,
  validateReservedForm,
} from '../lib/reserved';
import type { ReservedFormValues } from '../lib/reserved';

const RESERVED_FIELDS = [
  'name',
  'reason',
  'handles',
  'owner',
  'allowed_members',
  'allowed_roles',
  'expires_at',
] as const;

export function ReservedPage({ org, canEdit }: { org: string; canEdit: boolean }) {
  const [page, setPage] = useState(1);
  const list = useReservedRelationships(org, page);
  const roles = useActiveRoles(org);
  const members = useMemberPicker(org);
  const remove = useDeleteReserved(org);
  const [editing, setEditing] = useState<ReservedRelationship | 'new' | null>(null);
  const [toDelete, setToDelete] = useState<ReservedRelationship | null>(null);
  const isPhone = useMediaQuery('(max-width: 36em)');

  const roleName = new Map((roles.data?.results ?? []).map((r) => [r.id, r.name]));
  const memberName = new Map(
    (members.data?.results ?? []).map((m) => [m.id, m.name || m.email || 'A member']),
  );

  return (
    <>
      <PageHeader
        title="Reserved relationships"
        description={
          canEdit
            ? 'Accounts and organisations only certain people may engage: exclusive clients, live negotiations, analysts.'
            : 'Leave these accounts to the people named for them. If you need to engage one, ask its owner.'
        }
        actions={
          canEdit && <Button onClick={() => setEditing('new')}>New reserved relationship</Button>
        }
      />
      <TryASentence org={org} />
      {remove.error && (
        <Alert color="red" role="alert" my="md" title="Not deleted">
          {errorMessage(remove.error)}
        </Alert>
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title="No reserved relationships">
          {canEdit
            ? 'Add one with New reserved relationship when a client, prospect or analyst should only hear from specific people.'
            : 'Nothing is reserved at the moment: you may engage anyone, within the policy.'}
        </EmptyState>
      ) : (
        <>
          <Stack gap="sm" mt="lg">
            {list.data.results.map((r) => {
              const allowed = [
                ...r.allowed_roles.map((id) => roleName.get(id) ?? 'a role'),
                ...r.allowed_members.map((id) => memberName.get(id) ?? 'a member'),
              ];
              return (
                <Card key={r.id} withBorder component="article" aria-labelledby={`rr-${r.id}`}>
                  <Group justify="space-between" align="flex-start" gap="xs">
                    <Group gap="xs">
                      <Title order={2} size="h4" id={`rr-${r.id}`}>
                        {r.name}
                      </Title>
                      <Badge color={r.active ? 'red' : 'gray'} variant="light">
                        {r.active ? 'Reserved' : 'Expired'}
                      </Badge>
                    </Group>
                    {canEdit && (
                      <Group gap="xs">
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setEditing(r)}
                          aria-label={`Edit ${r.name}`}
                        >
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setToDelete(r)}
                          aria-label={`Delete ${r.name}`}
                        >
                          Delete
                        </Button>
                      </Group>
                    )}
                  </Group>
                  <Text size="sm" mt={4}>
                    {r.reason}
                  </Text>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} mt="sm" spacing="xs">
                    <div>
                      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                        Accounts
                      </Text>
                      <Text size="sm">
                        {r.handles.length
                          ? r.handles.map((h) => describeHandle(h, handleNetworkLabel)).join(', ')
                          : 'By name only'}
                      </Text>
                    </div>
                    <div>
                      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                        Owner / who may engage
                      </Text>
                      <Text size="sm">
                        {[r.owner_name, ...allowed].filter(Boolean).join(', ') || 'Nobody named'}
                      </Text>
                    </div>
                    <div>
                      <Text size="xs" c="dimmed" fw={700} tt="uppercase">
                        Until
                      </Text>
                      <Text size="sm">
                        {r.expires_at ? formatDateTime(r.expires_at) : 'Further notice'}
                      </Text>
                    </div>
                  </SimpleGrid>
                </Card>
              );
            })}
          </Stack>
          <Pager
            page={page}
            count={list.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Reserved relationships"
          />
        </>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? 'New reserved relationship' : 'Edit reserved relationship'}
        size="xl"
        fullScreen={isPhone}
      >
        {editing !== null && (
          <ReservedForm
            key={editing === 'new' ? 'new' : editing.id}
            org={org}
            relationship={editing === 'new' ? undefined : editing}
            roleOptions={(roles.data?.results ?? []).map((r) => ({ value: r.id, label: r.name }))}
            memberOptions={(members.data?.results ?? []).map((m) => ({
              value: m.id,
              label: m.name || m.email || m.id,
            }))}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmDialog
        opened={toDelete !== null}
        title="Delete this reserved relationship?"
        message={`Anyone will be able to engage “${toDelete?.name ?? ''}” again. To pause it for a while, set an expiry instead.`}
        confirmLabel="Delete"
        loading={remove.isPending}
        onClose={() => setToDelete(null)}
        onConfirm={() => {
          if (!toDelete) return;
          remove.mutate(toDelete.id, {
            onSuccess: () =>
              notifications.show({ color: 'green', message: `“${toDelete.name}” deleted.` }),
            onSettled: () => setToDelete(null),
          });
        }}
      />
    </>
  );
}

const handleNetworkOptions = HANDLE_NETWORKS.map((n) => ({
  value: n,
  label: handleNetworkLabel(n),
}));

function ReservedForm({
  org,
  relationship,
  roleOptions,
  memberOptions,
  onDone,
}: {
  org: string;
  relationship?: ReservedRelationship;
  roleOptions: { value: string; label: string }[];
  memberOptions: { value: string; label: string }[];
  onDone: () => void;
}) {
  const save = useSaveReserved(org);
  const form = useForm<ReservedFormValues>({
    mode: 'controlled',
    initialValues: reservedToFormValues(relationship),
    validate: validateReservedForm,
  });
  const handles = form.getValues().handles;

  const onSubmit = form.onSubmit((values) =>
    save.mutate(
      { id: relationship?.id, input: reservedFormToInput(values) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `“${saved.name}” saved.` });
          onDone();
        },
        onError: (error) => form.setErrors(formErrorsFromApi(error, RESERVED_FIELDS)),
      },
    ),
  );

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Reserved relationship">
      <Stack gap="md">
        {save.error && (
          <Alert color="red" role="alert" title="Not saved">
            {errorMessage(save.error)}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="The account or organisation, e.g. Globex Bank."
          required
          maxLength={200}
          {...form.getInputProps('name')}
        />
        <Textarea
          label="Reason"
          description="Colleagues see this: say why, and whom to ask."
          required
          autosize
          minRows={2}
          maxLength={2000}
          {...form.getInputProps('reason')}
        />
        <div>
          <Text fw={500} size="sm">
            Accounts
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            Each needs a handle or a profile URL. Mentions of the handles, URLs and the name are
            flagged.
          </Text>
          {form.errors.handles && (
            <Text c="red" size="sm" role="alert">
              {form.errors.handles}
            </Text>
          )}
          <Stack gap="xs">
            {handles.map((h, index) => (
              <Paper key={h.key} withBorder p="xs" role="group" aria-label={`Account ${index + 1}`}>
                <Group align="flex-start" wrap="nowrap" gap="xs">
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ flex: 1 }}>
                    <NativeSelect
                      label="Network"
                      data={handleNetworkOptions}
                      {...form.getInputProps(`handles.${index}.network`)}
                    />
                    <TextInput
                      label="Handle"
                      placeholder="GlobexBank"
                      maxLength={100}
                      {...form.getInputProps(`handles.${index}.handle`)}
                    />
                    <TextInput
                      label="Profile URL"
                      placeholder="https://…"
                      type="url"
                      maxLength={500}
                      {...form.getInputProps(`handles.${index}.profile_url`)}
                    />
                  </SimpleGrid>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={26}
                    aria-label={`Remove account ${index + 1}`}
                    onClick={() => form.removeListItem('handles', index)}
                  >
                    <span aria-hidden>✕</span>
                  </ActionIcon>
                </Group>
              </Paper>
            ))}
            <Group>
              <Button
                variant="light"
                size="xs"
                disabled={handles.length >= MAX_HANDLES}
                onClick={() => form.insertListItem('handles', emptyHandle())}
              >
                Add account
              </Button>
            </Group>
          </Stack>
        </div>
        <Select
          label="Owner"
          description="The person colleagues should ask, e.g. the account manager."
          placeholder="Nobody"
          data={memberOptions}
          searchable
          clearable
          {...form.getInputProps('owner')}
        />
        <MultiSelect
          label="Roles that may engage"
          data={roleOptions}
          searchable
          placeholder="None"
          {...form.getInputProps('allowed_roles')}
        />
        <MultiSelect
          label="Members who may engage"
          data={memberOptions}
          searchable
          placeholder="None"
          {...form.getInputProps('allowed_members')}
        />
        <TextInput
          type="datetime-local"
          label="Reserved until"
          description="Leave empty to keep it until you remove it."
          {...form.getInputProps('expires_at')}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Type a sentence and see whether posting it would touch a relationship you may not engage. */
function TryASentence({ org }: { org: string }) {
  const [network, setNetwork] = useState<Network>('x');
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text, 400);
  const check = useReservedCheck(org, network, debounced);
  const typing = text !== debounced;

  let result = null;
  if (!debounced.trim()) {
    result = (
      <Text size="sm" c="dimmed">
        Type a sentence you might post to see whether it mentions someone reserved.
      </Text>
    );
  } else if (check.isPending || typing) {
    result = (
      <Text size="sm" c="dimmed">
        Checking…
      </Text>
    );
  } else if (check.error) {
    result = (
      <Text size="sm" c="red">
        {errorMessage(check.error)}
      </Text>
    );
  } else if (check.data?.ok) {
    result = (
      <Alert color="green" variant="light" title="Fine to post">
        This does not touch a reserved relationship you may not engage.
      </Alert>
    );
  } else if (check.data) {
    result = (
      <Alert color="red" variant="light" title="This would be blocked">
        <Stack gap={4}>
          {check.data.blocking.map((b) => (
            <Text size="sm" key={b.relationship}>
              <strong>{b.name}</strong> (matched {b.matched.map((m) => `“${m}”`).join(', ')}):{' '}
              {b.detail}
            </Text>
          ))}
        </Stack>
      </Alert>
    );
  }

  return (
    <Card withBorder component="section" aria-labelledby="try-sentence" data-testid="try-sentence">
      <Title order={2} size="h4" id="try-sentence">
        Try a sentence
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Checked as if you posted it yourself; nothing is posted or saved.
      </Text>
      <Group align="flex-start" gap="sm" wrap="wrap">
        <NativeSelect
          label="Network"
          data={NETWORKS.map((n) => ({ value: n, label: networkLabel(n) }))}
          value={network}
          onChange={(event) => setNetwork(event.currentTarget.value as Network)}
          w={{ base: '100%', xs: 180 }}
        />
        <Textarea
          label="Sentence"
          placeholder="Great conversation with @GlobexBank about payments today"
          autosize
          minRows={1}
          maxLength={10_000}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
      </Group>
      <div
        aria-live="polite"
        style={{ marginTop: 'var(--mantine-spacing-sm)' }}
        data-testid="check-result"
      >
        {result}
      </div>
    </Card>
  );
}
