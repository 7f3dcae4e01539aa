import {
  Anchor,
  Badge,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useState } from 'react';

import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { networkLabel, roleLabel } from '@/lib/labels';

import {
  PAGE_SIZE,
  useAudienceOptions,
  useReadinessList,
  useRoleOptions,
  type ReadinessFilters,
  type ReadinessRow,
} from '../api/coaching';
import { audienceSizeLabel, postingFrequencyLabel } from '../lib/labels';

const INITIAL: ReadinessFilters = { role: '', audience: '', reaches: true, described: '' };

/** Who is ready for what: the comms lead's view of every member's social presence. */
export function ReadinessOverviewPage({ org }: { org: string }) {
  const [filters, setFilters] = useState<ReadinessFilters>(INITIAL);
  const [page, setPage] = useState(1);
  const list = useReadinessList(org, filters, page);
  const roles = useRoleOptions(org);
  const audiences = useAudienceOptions(org);
  const change = (next: Partial<ReadinessFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };
  const audienceName = audiences.data?.find((a) => a.value === filters.audience)?.label;

  return (
    <>
      <PageHeader
        title="Readiness"
        description="Where each member is active, how large their audience is, and which of your audiences they already reach."
      />
      <Group gap="sm" mb="md" align="flex-end">
        <NativeSelect
          label="Role"
          value={filters.role}
          onChange={(event) => change({ role: event.currentTarget.value })}
          data={[{ value: '', label: 'Every role' }, ...(roles.data ?? [])]}
          w={{ base: '100%', xs: 200 }}
        />
        <NativeSelect
          label="Audience"
          value={filters.audience}
          onChange={(event) => change({ audience: event.currentTarget.value })}
          data={[{ value: '', label: 'Any audience' }, ...(audiences.data ?? [])]}
          w={{ base: '100%', xs: 220 }}
        />
        {filters.audience && (
          <Stack gap={4}>
            <Text size="sm" fw={500} id="reaches-label">
              Who
            </Text>
            <SegmentedControl
              aria-labelledby="reaches-label"
              value={String(filters.reaches)}
              onChange={(value) => change({ reaches: value === 'true' })}
              data={[
                { value: 'true', label: 'Reaches it' },
                { value: 'false', label: 'Does not yet' },
              ]}
            />
          </Stack>
        )}
        <NativeSelect
          label="Described"
          value={filters.described}
          onChange={(event) =>
            change({ described: event.currentTarget.value as ReadinessFilters['described'] })
          }
          data={[
            { value: '', label: 'Everyone' },
            { value: 'true', label: 'Described a network' },
            { value: 'false', label: 'Not described yet' },
          ]}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>

      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title="Nobody matches">
          {filters.audience && filters.reaches
            ? `Nobody says they reach ${audienceName ?? 'this audience'} yet. Ask the people whose roles lead it to fill in My readiness.`
            : 'Nobody matches these filters.'}
        </EmptyState>
      ) : (
        <>
          <Text size="sm" mb="xs" aria-live="polite">
            {list.data.count} {list.data.count === 1 ? 'person' : 'people'}
            {filters.audience &&
              audienceName &&
              (filters.reaches ? ` reach ${audienceName}` : ` do not reach ${audienceName} yet`)}
            .
          </Text>
          <ReadinessTable rows={list.data.results} />
          <Pager
            page={page}
            count={list.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Readiness"
          />
        </>
      )}
    </>
  );
}

function ReadinessTable({ rows }: { rows: readonly ReadinessRow[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Person</Table.Th>
            <Table.Th scope="col">Roles</Table.Th>
            <Table.Th scope="col">Networks</Table.Th>
            <Table.Th scope="col">Audiences they reach</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.member}>
              <Table.Th scope="row" fw={400} style={{ verticalAlign: 'top' }}>
                <Text fw={500} size="sm">
                  {row.name || row.email}
                </Text>
                <Text size="xs" c="dimmed">
                  {row.email}
                </Text>
                <Group gap={4} mt={4}>
                  <Badge size="sm" variant="outline" tt="none">
                    {roleLabel(row.org_role)}
                  </Badge>
                  {row.ambassador && (
                    <Badge size="sm" color="grape" variant="light" tt="none">
                      Ambassador
                    </Badge>
                  )}
                </Group>
              </Table.Th>
              <Table.Td style={{ verticalAlign: 'top' }}>
                {row.advocacy_roles.length ? row.advocacy_roles.map((r) => r.name).join(', ') : '—'}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                {row.networks.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    Not described yet
                  </Text>
                ) : (
                  <Stack gap={6}>
                    {row.networks.map((network) => (
                      <div key={network.network}>
                        <Text size="sm" fw={500}>
                          {network.profile_url ? (
                            <Anchor href={network.profile_url} target="_blank" rel="noreferrer">
                              {networkLabel(network.network)}
                            </Anchor>
                          ) : (
                            networkLabel(network.network)
                          )}{' '}
                          <Text span size="xs" c={network.connected ? 'green.9' : 'dimmed'}>
                            ({network.connected ? 'connected' : 'not connected'})
                          </Text>
                        </Text>
                        {network.described && (
                          <Text size="xs" c="dimmed">
                            Audience: {audienceSizeLabel(network.audience_size)} (their estimate) ·
                            posts {postingFrequencyLabel(network.posting_frequency).toLowerCase()}
                            {network.audience_description && ` · ${network.audience_description}`}
                          </Text>
                        )}
                      </div>
                    ))}
                  </Stack>
                )}
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                {row.reached_audiences.length
                  ? row.reached_audiences.map((a) => a.name).join(', ')
                  : '—'}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
