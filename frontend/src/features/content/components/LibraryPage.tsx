import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Table,
  Tabs,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';

import { CONTENT_STATUSES } from '@/api/types';
import type { ContentSource, ContentStatus, OrgRole } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDate } from '@/lib/labels';

import { PAGE_SIZE, useContentList } from '../api/content';
import { isComms } from '../lib/actions';

import { previewLabel, sourceLabel, statusLabel } from './labels';
import { StatusBadge } from './StatusBadge';

const SOURCES: ContentSource[] = ['comms', 'employee_suggestion', 'feed'];

export function LibraryPage({
  org,
  role,
  basePath,
}: {
  org: string;
  role: OrgRole;
  /** `/o/{org}/content` */
  basePath: string;
}) {
  const [status, setStatus] = useState<ContentStatus | ''>('');
  const [source, setSource] = useState('');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const list = useContentList(org, { status: status || undefined, source, q }, page);

  return (
    <>
      <PageHeader
        title="Content library"
        description="Everything the comms team curated, where it stands and what is live."
        actions={
          isComms(role) && (
            <Button component={Link} to={`${basePath}/new`}>
              New content
            </Button>
          )
        }
      />
      <Tabs
        value={status || 'all'}
        onChange={(value) => {
          setStatus(value === 'all' || !value ? '' : (value as ContentStatus));
          setPage(1);
        }}
        mb="md"
      >
        <Tabs.List aria-label="Status">
          <Tabs.Tab value="all">All</Tabs.Tab>
          {CONTENT_STATUSES.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {statusLabel(s)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Group mb="md" align="flex-end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Title or summary"
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          w={{ base: '100%', xs: 280 }}
        />
        <NativeSelect
          label="Source"
          value={source}
          onChange={(event) => {
            setSource(event.currentTarget.value);
            setPage(1);
          }}
          data={[
            { value: '', label: 'Any source' },
            ...SOURCES.map((s) => ({ value: s, label: sourceLabel(s) })),
          ]}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title="No content here">
          {status || source || q
            ? 'Nothing matches these filters.'
            : isComms(role)
              ? 'Add the first item with New content, then submit it for review.'
              : 'The comms team has not added content yet.'}
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover verticalSpacing="sm" data-testid="library">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Title</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Version</Table.Th>
                  <Table.Th scope="col">Preview</Table.Th>
                  <Table.Th scope="col">Source</Table.Th>
                  <Table.Th scope="col">Updated</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.results.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Td maw={380}>
                      <Anchor component={Link} to={`${basePath}/${item.id}`} fw={600}>
                        {item.title}
                      </Anchor>
                      {item.url && (
                        <Text size="xs" c="dimmed" truncate>
                          {item.url}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <StatusBadge status={item.status} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {item.version ? `v${item.version}` : 'not submitted'}
                        {item.approved_version !== null &&
                          item.approved_version !== item.version && (
                            <Badge ml={6} size="xs" color="green" variant="outline" tt="none">
                              v{item.approved_version} live
                            </Badge>
                          )}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={item.preview.status === 'failed' ? 'red' : undefined}>
                        {previewLabel(item.preview.status)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{sourceLabel(item.source)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(item.updated_at)}</Text>
                    </Table.Td>
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
            label="Content"
          />
        </>
      )}
    </>
  );
}
