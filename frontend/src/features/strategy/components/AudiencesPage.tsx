import { Anchor, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { networkLabel } from '@/lib/labels';

import { PAGE_SIZE, useAudiences } from '../api/strategy';

export function AudiencesPage({
  org,
  canEdit,
  basePath,
}: {
  org: string;
  canEdit: boolean;
  basePath: string;
}) {
  const [page, setPage] = useState(1);
  const [includeArchived, setIncludeArchived] = useState(false);
  const audiences = useAudiences(org, page, includeArchived);

  return (
    <>
      <PageHeader
        title="Audiences"
        description="The groups of people we want to reach, what they care about and where they are."
        actions={
          canEdit && (
            <Button component={Link} to={`${basePath}/audiences/new`}>
              New audience
            </Button>
          )
        }
      />
      {canEdit && (
        <Switch
          mb="md"
          label="Show archived audiences"
          checked={includeArchived}
          onChange={(event) => {
            setIncludeArchived(event.currentTarget.checked);
            setPage(1);
          }}
        />
      )}
      {audiences.isPending ? (
        <LoadingState />
      ) : audiences.error ? (
        <ErrorState error={audiences.error} onRetry={() => void audiences.refetch()} />
      ) : audiences.data.results.length === 0 ? (
        <EmptyState title="No audiences yet">
          {canEdit
            ? 'Create the first audience, such as “CIOs of large banks”, with New audience. Then map roles to it in the matrix.'
            : 'Your comms lead has not defined audiences yet.'}
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Audience</Table.Th>
                  <Table.Th scope="col">Topics</Table.Th>
                  <Table.Th scope="col">Networks</Table.Th>
                  <Table.Th scope="col">Roles mapped</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {audiences.data.results.map((audience) => (
                  <Table.Tr key={audience.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Anchor
                          component={Link}
                          to={`${basePath}/audiences/${audience.id}`}
                          fw={600}
                        >
                          {audience.name}
                        </Anchor>
                        {audience.archived && (
                          <Badge color="gray" variant="light" size="sm">
                            Archived
                          </Badge>
                        )}
                      </Group>
                      {audience.description && (
                        <Text size="sm" c="dimmed" lineClamp={2}>
                          {audience.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {audience.topics.slice(0, 4).map((topic) => (
                          <Badge key={topic} variant="outline" size="sm" tt="none">
                            {topic}
                          </Badge>
                        ))}
                        {audience.topics.length > 4 && (
                          <Text size="xs" c="dimmed">
                            +{audience.topics.length - 4} more
                          </Text>
                        )}
                        {audience.topics.length === 0 && (
                          <Text size="sm" c="dimmed">
                            —
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {audience.networks.length
                          ? audience.networks.map(networkLabel).join(', ')
                          : 'Any'}
                      </Text>
                    </Table.Td>
                    <Table.Td>{audience.role_count ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={audiences.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Audiences"
          />
        </>
      )}
    </>
  );
}
