import {
  Alert,
  Button,
  Group,
  Modal,
  MultiSelect,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ApiError } from '@/api/client';
import { errorMessage } from '@/components/PageState';

import {
  fetchMembersWithRole,
  useMemberSearch,
  useRoleOptions,
  useSaveCohort,
  type Cohort,
} from '../api/coaching';
import { cohortInput, cohortValues, validateInvitees, type CohortValues } from '../lib/cohorts';

/** The API's field errors, on the fields they are about (`invitees.2` is the invitees box). */
function cohortFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const [path, messages] of Object.entries(error.fields)) {
    const top = path.split('.')[0];
    const field = top === 'invited_at' ? 'invited_on' : top;
    if (['name', 'members', 'invitees', 'invited_on'].includes(field) && messages.length) {
      out[field] = [out[field], ...messages].filter(Boolean).join(' ');
    }
  }
  return out;
}

/** Create or edit a cohort: a name, members of the organisation, and people to invite. */
export function CohortDialog({
  org,
  cohort,
  onClose,
}: {
  org: string;
  cohort?: Cohort;
  onClose: () => void;
}) {
  const save = useSaveCohort(org);
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const members = useMemberSearch(org, debounced.trim());
  // Labels of everyone seen so far, so chosen members keep their names between searches.
  const [known, setKnown] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      (cohort?.history ?? []).map((m) => [m.member, m.name ? `${m.name} (${m.email})` : m.email]),
    ),
  );
  const found = (members.data?.results ?? []).map((m) => ({
    value: m.id,
    label: m.name ? `${m.name} (${m.email})` : m.email,
  }));
  const labels = { ...known, ...Object.fromEntries(found.map((o) => [o.value, o.label])) };

  const form = useForm<CohortValues>({
    mode: 'controlled',
    initialValues: cohortValues(cohort),
    validate: {
      name: (value) => (value.trim() ? null : 'Give the cohort a name.'),
      invitees: validateInvitees,
    },
  });
  const data = [
    ...found,
    ...form.values.members
      .filter((id) => !found.some((o) => o.value === id))
      .map((id) => ({ value: id, label: labels[id] ?? id })),
  ];
  const title = cohort ? `Edit “${cohort.name}”` : 'New cohort';

  // A wave is often one role at a time ("the sales team next"): add its members at once.
  const roles = useRoleOptions(org);
  const [role, setRole] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [roleNote, setRoleNote] = useState<{ ok: boolean; text: string } | null>(null);
  const addRole = async () => {
    if (!role) return;
    const roleName = roles.data?.find((option) => option.value === role)?.label ?? 'that role';
    setAdding(true);
    setRoleNote(null);
    try {
      const holders = await fetchMembersWithRole(org, role);
      const fresh = holders.filter((m) => !form.values.members.includes(m.id));
      setKnown((current) => ({
        ...current,
        ...Object.fromEntries(
          holders.map((m) => [m.id, m.name ? `${m.name} (${m.email})` : m.email]),
        ),
      }));
      form.setFieldValue('members', [...form.values.members, ...fresh.map((m) => m.id)]);
      setRoleNote({
        ok: true,
        text:
          holders.length === 0
            ? `Nobody active holds ${roleName}.`
            : `${fresh.length} ${fresh.length === 1 ? 'member' : 'members'} of ${roleName} added${fresh.length < holders.length ? ` (${holders.length - fresh.length} already in)` : ''}.`,
      });
    } catch (error) {
      setRoleNote({ ok: false, text: errorMessage(error) });
    } finally {
      setAdding(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={title} centered size="lg">
      <form
        noValidate
        aria-label={title}
        onSubmit={form.onSubmit((values) =>
          save.mutate(
            { id: cohort?.id, input: cohortInput(values, cohort) },
            {
              onSuccess: (saved) => {
                notifications.show({ color: 'green', message: `Cohort “${saved.name}” saved.` });
                onClose();
              },
              onError: (error) => form.setErrors(cohortFieldErrors(error)),
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
          <TextInput
            label="Name"
            required
            maxLength={100}
            placeholder="First wave: ambassadors"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <MultiSelect
            label="Members"
            description="People already in the organisation. Type a name or email to find them."
            data={data}
            searchable
            searchValue={search}
            onSearchChange={setSearch}
            nothingFoundMessage={members.isFetching ? 'Searching…' : 'Nobody found'}
            hidePickedOptions
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('members')}
            onChange={(ids) => {
              setKnown((current) => ({
                ...current,
                ...Object.fromEntries(ids.map((id) => [id, labels[id] ?? id])),
              }));
              form.setFieldValue('members', ids);
            }}
          />
          <Group align="flex-end" gap="xs" wrap="nowrap">
            <Select
              label="Add everyone with a role"
              placeholder="Choose a role"
              data={roles.data ?? []}
              value={role}
              onChange={setRole}
              clearable
              style={{ flex: 1 }}
              comboboxProps={{ withinPortal: true }}
            />
            <Button
              variant="light"
              onClick={() => void addRole()}
              disabled={!role}
              loading={adding}
            >
              Add role
            </Button>
          </Group>
          {roleNote && (
            <Text size="sm" c={roleNote.ok ? undefined : 'red'} role="status">
              {roleNote.text}
            </Text>
          )}
          <Textarea
            label="People to invite"
            description="Email addresses of people not in the organisation yet, one per line. Inviting the cohort sends them an invitation."
            autosize
            minRows={2}
            {...form.getInputProps('invitees')}
          />
          <TextInput
            type="date"
            label="Already invited on"
            description="Only for a wave you invited before using this page; inviting here sets it."
            {...form.getInputProps('invited_on')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save cohort
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
