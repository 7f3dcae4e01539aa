import { Anchor, Badge, Button, Group, Switch, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link } from 'react-router';

import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';

import { entityListQuery, PAGE_SIZE } from '../api/strategy';
import type { EntityKind, EntityTypes } from '../api/strategy';

/** A column after the name column: its header and what each row shows. */
export interface EntityColumn<T> {
  header: string;
  cell: (item: T) => ReactNode;
}

export interface EntityListCopy {
  title: string;
  description: string;
  /** "New role": the button's label, shown to people who can edit. */
  newLabel: string;
  /** "Show archived roles". */
  archivedLabel: string;
  /** Header of the name column ("Role"). */
  nameHeader: string;
  emptyTitle: string;
  emptyText: string;
  /** Names the list for its page controls ("Roles" makes "Roles pages"). */
  pagerLabel: string;
}

/**
 * The list page roles and audiences share: a paged table whose first column links each
 * name to its page (with its description and an "Archived" badge), a "New" button and an
 * archived filter for editors, and loading, error and empty states.
 */
export function NamedEntityListPage<K extends EntityKind>({
  org,
  kind,
  canEdit,
  basePath,
  copy,
  columns,
}: {
  org: string;
  kind: K;
  canEdit: boolean;
  /** `/o/{org}/strategy`: the pages live at `{basePath}/{kind}/...`. */
  basePath: string;
  copy: EntityListCopy;
  columns: EntityColumn<EntityTypes[K]>[];
}) {
  const [page, setPage] = useState(1);
  const [includeArchived, setIncludeArchived] = useState(false);
  const list = useQuery(entityListQuery(org, kind, page, includeArchived));
  const listPath = `${basePath}/${kind}`;

  return (
    <>
      <PageHeader
        title={copy.title}
        description={copy.description}
        actions={
          canEdit && (
            <Button component={Link} to={`${listPath}/new`}>
              {copy.newLabel}
            </Button>
          )
        }
      />
      {canEdit && (
        <Switch
          mb="md"
          label={copy.archivedLabel}
          checked={includeArchived}
          onChange={(event) => {
            setIncludeArchived(event.currentTarget.checked);
            setPage(1);
          }}
        />
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title={copy.emptyTitle}>{copy.emptyText}</EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{copy.nameHeader}</Table.Th>
                  {columns.map((column) => (
                    <Table.Th key={column.header} scope="col">
                      {column.header}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.results.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Group gap="xs">
                        <Anchor component={Link} to={`${listPath}/${item.id}`} fw={600}>
                          {item.name}
                        </Anchor>
                        {item.archived && (
                          <Badge color="gray" variant="light" size="sm">
                            Archived
                          </Badge>
                        )}
                      </Group>
                      {item.description && (
                        <Text size="sm" c="dimmed" lineClamp={2}>
                          {item.description}
                        </Text>
                      )}
                    </Table.Td>
                    {columns.map((column) => (
                      <Table.Td key={column.header}>{column.cell(item)}</Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={list.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label={copy.pagerLabel}
          />
        </>
      )}
    </>
  );
}
