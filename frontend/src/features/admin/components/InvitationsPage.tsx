import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ORG_ROLES } from '@/api/types';
import type { Invitation, OrgRole } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { serverFieldErrors, validateEmail } from '@/lib/forms';
import { formatDate, invitationStatusColor, roleLabel } from '@/lib/labels';

import { PAGE_SIZE, useCreateInvitation, useInvitations, useRevokeInvitation } from '../api/admin';

const roleOptions = ORG_ROLES.map((role) => ({ value: role, label: roleLabel(role) }));

function InviteForm({ org }: { org: string }) {
  const create = useCreateInvitation(org);
  const form = useForm({
    mode: 'controlled',
    initialValues: { email: '', org_role: 'employee' as OrgRole },
    validate: { email: validateEmail },
  });

  const onSubmit = form.onSubmit((values) =>
    create.mutate(
      { email: values.email.trim(), org_role: values.org_role },
      {
        onSuccess: (invitation) => {
          notifications.show({
            color: 'green',
            message: `Invitation sent to ${invitation.email}.`,
          });
          form.reset();
        },
        onError: (error) => form.setErrors(serverFieldErrors(error, ['email', 'org_role'])),
      },
    ),
  );

  return (
    <Paper withBorder p="md" radius="md" mb="lg">
      <Title order={2} size="h4" mb="sm">
        Invite someone
      </Title>
      <form onSubmit={onSubmit} noValidate aria-label="Invite someone">
        {create.error && (
          <Alert color="red" role="alert" mb="sm">
            {errorMessage(create.error)}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            type="email"
            required
            style={{ flex: '1 1 240px' }}
            {...form.getInputProps('email')}
          />
          <Select
            label="Organisation role"
            data={roleOptions}
            allowDeselect={false}
            style={{ flex: '0 1 180px' }}
            {...form.getInputProps('org_role')}
          />
          <Button type="submit" loading={create.isPending} mt={25}>
            Send invitation
          </Button>
        </Group>
      </form>
    </Paper>
  );
}

export function InvitationsPage({ org }: { org: string }) {
  const [page, setPage] = useState(1);
  const invitations = useInvitations(org, page);
  const revoke = useRevokeInvitation(org);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  return (
    <>
      <PageHeader
        title="Invitations"
        description="Invite colleagues by email. Links stay valid until they expire or you revoke them."
      />
      <InviteForm org={org} />
      {revoke.error && (
        <Alert color="red" role="alert" mb="md">
          {errorMessage(revoke.error)}
        </Alert>
      )}
      {invitations.isPending ? (
        <LoadingState />
      ) : invitations.error ? (
        <ErrorState error={invitations.error} onRetry={() => void invitations.refetch()} />
      ) : invitations.data.results.length === 0 ? (
        <EmptyState title="No invitations yet">
          Invitations you send appear here with their status.
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Email</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Sent</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.data.results.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>
                      <Text>{invitation.email}</Text>
                      {invitation.invited_by && (
                        <Text size="xs" c="dimmed">
                          by {invitation.invited_by}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{roleLabel(invitation.org_role)}</Table.Td>
                    <Table.Td>
                      <Badge color={invitationStatusColor(invitation.status)} variant="light">
                        {invitation.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDate(invitation.created_at)}</Table.Td>
                    <Table.Td>{formatDate(invitation.expires_at)}</Table.Td>
                    <Table.Td>
                      {invitation.status === 'pending' && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setToRevoke(invitation)}
                          aria-label={`Revoke the invitation for ${invitation.email}`}
                        >
                          Revoke
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={invitations.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Invitations"
          />
        </>
      )}
      <ConfirmDialog
        opened={toRevoke !== null}
        title="Revoke this invitation?"
        message={`The link sent to ${toRevoke?.email ?? ''} will stop working.`}
        confirmLabel="Revoke"
        loading={revoke.isPending}
        onClose={() => setToRevoke(null)}
        onConfirm={() => {
          if (!toRevoke) return;
          revoke.mutate(toRevoke.id, { onSettled: () => setToRevoke(null) });
        }}
      />
    </>
  );
}
