import {
  Badge,
  Card,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';

import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDate, levelLabel } from '@/lib/labels';

import {
  useAudienceOptions,
  useInsights,
  useRoleOptions,
  type GridResult,
  type Insights,
  type UnreachedReason,
} from '../api/analytics';
import {
  engagement,
  formatCount,
  RESULT_LEVELS,
  resultLevel,
  resultLevelInfo,
} from '../lib/metrics';
import { useRangeParam } from '../lib/params';
import { formatRange } from '../lib/range';

import classes from './analytics.module.css';
import { DateRangeForm } from './DateRangeForm';

const REASON_TEXT: Record<UnreachedReason, string> = {
  no_role: 'No role leads or supports it.',
  no_shares: 'Roles engage it, but no share posted in these days reached it.',
};

/** The comms lead's view of what works with whom, and of the gaps. */
export function InsightsPage({ org }: { org: string }) {
  const { range, setRange, params, setParams } = useRangeParam();
  const role = params.get('role') ?? '';
  const audience = params.get('audience') ?? '';
  const insights = useInsights(org, { ...range, role, audience });
  const roles = useRoleOptions(org);
  const audiences = useAudienceOptions(org);

  const setFilter = (name: 'role' | 'audience', value: string) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      if (value) out.set(name, value);
      else out.delete(name);
      return out;
    });

  return (
    <>
      <PageHeader
        title="Insights"
        description="Which content works for which role and audience, and where the gaps are."
      />
      <DateRangeForm key={`${range.from}:${range.to}`} value={range} onChange={setRange} />
      <Group gap="sm" mb="lg" align="flex-end">
        <NativeSelect
          label="Role"
          value={role}
          onChange={(event) => setFilter('role', event.currentTarget.value)}
          data={[{ value: '', label: 'Every role' }, ...(roles.data ?? [])]}
          w={{ base: '100%', xs: 220 }}
        />
        <NativeSelect
          label="Audience"
          value={audience}
          onChange={(event) => setFilter('audience', event.currentTarget.value)}
          data={[{ value: '', label: 'Every audience' }, ...(audiences.data ?? [])]}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      {insights.isPending ? (
        <LoadingState label="Loading insights…" />
      ) : insights.error ? (
        <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
      ) : (
        <InsightsReport report={insights.data} />
      )}
    </>
  );
}

export function InsightsReport({ report }: { report: Insights }) {
  const period = formatRange({ from: report.period_from, to: report.period_to });
  return (
    <Stack gap="xl">
      <section aria-labelledby="grid-results">
        <Title order={2} size="h3" id="grid-results" mb={4}>
          What works with whom
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Role × audience × content, {period}, best first.
        </Text>
        {report.grid.length === 0 ? (
          <EmptyState title="No results in these days">
            No share made from the grid was posted in these days. Try a longer range.
          </EmptyState>
        ) : (
          <>
            <ResultLegend />
            <GridResults rows={report.grid} />
          </>
        )}
      </section>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <section aria-labelledby="unpicked-content">
          <Card withBorder h="100%">
            <Title order={2} size="h4" id="unpicked-content" mb={4}>
              Content nobody picks
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Approved and in the grid, but nobody shared it in these days.
            </Text>
            {report.unpicked_content.length === 0 ? (
              <Text size="sm">Everything in the grid was shared at least once.</Text>
            ) : (
              <List spacing="xs" size="sm">
                {report.unpicked_content.map((item) => (
                  <List.Item key={item.id}>
                    <Text size="sm" fw={500} span>
                      {item.title}
                    </Text>{' '}
                    <Text size="xs" c="dimmed" span>
                      (in {item.cells} grid {item.cells === 1 ? 'cell' : 'cells'}
                      {item.approved_at && `, approved ${formatDate(item.approved_at)}`})
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </section>

        <section aria-labelledby="unreached-audiences">
          <Card withBorder h="100%">
            <Title order={2} size="h4" id="unreached-audiences" mb={4}>
              Audiences nobody reached
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              No role engages them, or no share reached them in these days.
            </Text>
            {report.unreached_audiences.length === 0 ? (
              <Text size="sm">Every audience was reached in these days.</Text>
            ) : (
              <List spacing="sm" size="sm">
                {report.unreached_audiences.map((item) => (
                  <List.Item key={item.id}>
                    <Text size="sm" fw={500}>
                      {item.name}
                    </Text>
                    <Text size="xs">{REASON_TEXT[item.reason] ?? item.reason}</Text>
                    {item.roles.length > 0 && (
                      <Text size="xs" c="dimmed">
                        Roles:{' '}
                        {item.roles
                          .map((r) => `${r.name} (${levelLabel(r.level).toLowerCase()})`)
                          .join(', ')}
                      </Text>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </Card>
        </section>
      </SimpleGrid>

      <section aria-labelledby="expiring-reservations">
        <Title order={2} size="h3" id="expiring-reservations" mb={4}>
          Reservations about to expire
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Reserved relationships that end soon: extend them, or let everyone engage again.
        </Text>
        {report.expiring_reservations.length === 0 ? (
          <Text size="sm">No reserved relationship expires soon.</Text>
        ) : (
          <Table.ScrollContainer minWidth={480}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Relationship</Table.Th>
                  <Table.Th scope="col">Owner</Table.Th>
                  <Table.Th scope="col">Expires</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {report.expiring_reservations.map((item) => (
                  <Table.Tr key={item.id}>
                    <Table.Th scope="row" fw={500}>
                      {item.name}
                    </Table.Th>
                    <Table.Td>{item.owner_name || '—'}</Table.Td>
                    <Table.Td>{formatDate(item.expires_at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </section>
    </Stack>
  );
}

function ResultLegend() {
  return (
    <Group gap="md" mb="sm" component="ul" aria-label="Result legend" p={0} m={0}>
      {RESULT_LEVELS.map((item) => (
        <Group key={item.level} gap={6} component="li" wrap="nowrap" style={{ listStyle: 'none' }}>
          <span className={classes.swatch} data-level={item.level} aria-hidden />
          <Text size="xs">
            <strong>{item.label}</strong>: {item.meaning}
          </Text>
        </Group>
      ))}
    </Group>
  );
}

function GridResults({ rows }: { rows: readonly GridResult[] }) {
  const best = Math.max(0, ...rows.map(engagement));
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Audience</Table.Th>
            <Table.Th scope="col">Content</Table.Th>
            <Table.Th scope="col">Result</Table.Th>
            <Table.Th scope="col" ta="right">
              Conversations
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Clicks by people
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Unique visitors
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Reactions
            </Table.Th>
            <Table.Th scope="col" ta="right">
              Shares
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const level = resultLevel(engagement(row), best);
            const info = resultLevelInfo(level);
            return (
              <Table.Tr
                key={`${row.role.id}:${row.audience?.id ?? 'all'}:${row.content.id}`}
                className={classes.result}
                data-level={level}
              >
                <Table.Td>{row.role.name}</Table.Td>
                <Table.Td>{row.audience?.name ?? 'Every audience of the role'}</Table.Td>
                <Table.Td>{row.content.title}</Table.Td>
                <Table.Td miw={120}>
                  <Badge color={info.color} variant="outline" tt="none">
                    {info.label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatCount(row.conversations)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.clicks)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.unique_visitors)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.reactions)}</Table.Td>
                <Table.Td ta="right">{formatCount(row.shares)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
