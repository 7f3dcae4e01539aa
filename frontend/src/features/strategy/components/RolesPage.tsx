import { Anchor, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { networkLabel } from '@/lib/labels';

import { PAGE_SIZE, useRoles } from '../api/strategy';

export function RolesPage({
  org,
  canEdit,
  basePath,
}: {
  org: string;
  canEdit: boolean;
  /** `/o/{org}/strategy`: where role pages live. */
  basePath: string;
}) {
  const [page, setPage] = useState(1);
  const [includeArchived, setIncludeArchived] = useState(false);
  const roles = useRoles(org, page, includeArchived);

  return (
    <>
      <PageHeader
        title="Advocacy roles"
        description={
          canEdit
            ? 'The parts people play: what they are responsible for and what they aim for.'
            : 'The parts people play in our advocacy, and what each aims for.'
        }
        actions={
          canEdit && (
            <Button component={Link} to={`${basePath}/roles/new`}>
              New role
            </Button>
          )
        }
      />
      {canEdit && (
        <Switch
          mb="md"
          label="Show archived roles"
          checked={includeArchived}
          onChange={(event) => {
            setIncludeArchived(event.currentTarget.checked);
            setPage(1);
          }}
        />
      )}
      {roles.isPending ? (
        <LoadingState />
      ) : roles.error ? (
        <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
      ) : roles.data.results.length === 0 ? (
        <EmptyState title="No roles yet">
          {canEdit
            ? 'Create the first role, such as Sales or Engineering, with New role. Then map it to audiences in the matrix.'
            : 'Your comms lead has not defined advocacy roles yet.'}
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">Objectives</Table.Th>
                  <Table.Th scope="col">Networks</Table.Th>
                  <Table.Th scope="col">Members</Table.Th>
                  <Table.Th scope="col">Review</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {roles.data.results.map((role) => (
                  <Table.Tr key={role.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Anchor component={Link} to={`${basePath}/roles/${role.id}`} fw={600}>
                          {role.name}
                        </Anchor>
                        {role.archived && (
                          <Badge color="gray" variant="light" size="sm">
                            Archived
                          </Badge>
                        )}
                      </Group>
                      {role.description && (
                        <Text size="sm" c="dimmed" lineClamp={2}>
                          {role.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{role.objectives.length || '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {role.networks.length
                          ? role.networks.map(networkLabel).join(', ')
                          : 'All enabled'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{role.member_count ?? '—'}</Table.Td>
                    <Table.Td>
                      {role.review_before_posting ? (
                        <Badge variant="light" color="orange" size="sm" tt="none">
                          Before posting
                        </Badge>
                      ) : (
                        <Text size="sm" c="dimmed">
                          No
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={roles.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Roles"
          />
        </>
      )}
    </>
  );
}
