import {
  Alert,
  Badge,
  Button,
  MultiSelect,
  Select,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';

import { ORG_ROLES } from '@/api/types';
import type { Member, OrgRole } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { roleLabel } from '@/lib/labels';

import {
  PAGE_SIZE,
  useAdvocacyRoleOptions,
  useDeactivateMember,
  useMembers,
  useUpdateMember,
} from '../api/admin';

/**
 * The member's advocacy roles as a multi-select; each change is saved at once. Shows the
 * pending choice while saving and falls back to the server's answer afterwards.
 */
function AdvocacyRolesCell({
  member,
  options,
  onSave,
  saving,
  pendingValue,
}: {
  member: Member;
  options: { value: string; label: string }[];
  onSave: (ids: string[]) => void;
  saving: boolean;
  pendingValue: string[] | undefined;
}) {
  const who = member.name || member.email;
  // Held roles always show, even before the options load.
  const known = new Set(options.map((o) => o.value));
  const data = [
    ...options,
    ...member.advocacy_roles
      .map((id, i) => ({ value: id, label: member.advocacy_role_names[i] ?? id }))
      .filter((o) => !known.has(o.value)),
  ];
  return (
    <MultiSelect
      aria-label={`Advocacy roles of ${who}`}
      data={data}
      value={pendingValue ?? member.advocacy_roles}
      placeholder={member.advocacy_roles.length ? undefined : 'None'}
      disabled={!member.is_active || saving}
      searchable
      w={240}
      onChange={onSave}
      comboboxProps={{ withinPortal: true }}
    />
  );
}

const roleOptions = ORG_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

/**
 * `currentEmail` is the signed-in admin: their own row cannot change its role or be
 * deactivated here, so an admin never locks themselves out by a slip of the mouse.
 */
export function MembersPage({ org, currentEmail }: { org: string; currentEmail: string }) {
  const [page, setPage] = useState(1);
  const members = useMembers(org, page);
  const update = useUpdateMember(org);
  const roleOptionsQuery = useAdvocacyRoleOptions(org);
  const deactivate = useDeactivateMember(org);
  const [toDeactivate, setToDeactivate] = useState<Member | null>(null);

  const mutationError = update.error ?? deactivate.error;

  return (
    <>
      <PageHeader title="Members" description="Who is in this organisation and what they can do." />
      {mutationError && (
        <Alert color="red" role="alert" mb="md" title="The change was not saved">
          {errorMessage(mutationError)}
        </Alert>
      )}
      {members.isPending ? (
        <LoadingState />
      ) : members.error ? (
        <ErrorState error={members.error} onRetry={() => void members.refetch()} />
      ) : members.data.results.length === 0 ? (
        <EmptyState title="No members yet">
          Invite colleagues from the Invitations page; they appear here once they accept.
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={960}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Person</Table.Th>
                  <Table.Th scope="col">Organisation role</Table.Th>
                  <Table.Th scope="col">Advocacy roles</Table.Th>
                  <Table.Th scope="col">Ambassador</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.results.map((member) => {
                  const who = member.name || member.email;
                  const isSelf = member.email.toLowerCase() === currentEmail.toLowerCase();
                  return (
                    <Table.Tr key={member.id}>
                      <Table.Td>
                        <Text fw={500}>{member.name || '—'}</Text>
                        <Text size="sm" c="dimmed">
                          {member.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`Organisation role of ${who}`}
                          data={roleOptions}
                          value={member.org_role}
                          allowDeselect={false}
                          disabled={!member.is_active || isSelf}
                          description={isSelf ? 'You' : undefined}
                          w={160}
                          onChange={(value) => {
                            if (value && value !== member.org_role) {
                              update.mutate({
                                id: member.id,
                                patch: { org_role: value as OrgRole },
                              });
                            }
                          }}
                        />
                      </Table.Td>
                      <Table.Td>
                        <AdvocacyRolesCell
                          member={member}
                          options={roleOptionsQuery.data ?? []}
                          saving={update.isPending && update.variables?.id === member.id}
                          pendingValue={
                            update.isPending && update.variables?.id === member.id
                              ? update.variables.patch.advocacy_roles
                              : undefined
                          }
                          onSave={(ids) =>
                            update.mutate({ id: member.id, patch: { advocacy_roles: ids } })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Switch
                          aria-label={`${who} is an ambassador`}
                          checked={member.ambassador}
                          disabled={!member.is_active}
                          onChange={(event) =>
                            update.mutate({
                              id: member.id,
                              patch: { ambassador: event.currentTarget.checked },
                            })
                          }
                        />
                      </Table.Td>
                      <Table.Td>
                        <Badge color={member.is_active ? 'green' : 'gray'} variant="light">
                          {member.is_active ? 'Active' : 'Deactivated'}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        {isSelf ? null : member.is_active ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            onClick={() => setToDeactivate(member)}
                            aria-label={`Deactivate ${who}`}
                          >
                            Deactivate
                          </Button>
                        ) : (
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() =>
                              update.mutate({ id: member.id, patch: { is_active: true } })
                            }
                            aria-label={`Reactivate ${who}`}
                          >
                            Reactivate
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={members.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Members"
          />
        </>
      )}
      <ConfirmDialog
        opened={toDeactivate !== null}
        title="Deactivate this member?"
        message={`${toDeactivate?.name || toDeactivate?.email || ''} will lose access to this organisation. Their unposted shares are cancelled and their network connections revoked.`}
        confirmLabel="Deactivate"
        loading={deactivate.isPending}
        onClose={() => setToDeactivate(null)}
        onConfirm={() => {
          if (!toDeactivate) return;
          deactivate.mutate(toDeactivate.id, { onSettled: () => setToDeactivate(null) });
        }}
      />
    </>
  );
}
