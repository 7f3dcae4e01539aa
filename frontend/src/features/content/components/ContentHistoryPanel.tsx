import {
  Badge,
  Card,
  Group,
  NativeSelect,
  Stack,
  Table,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useState } from 'react';

import type { Approval, ContentVersion } from '@/api/types';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDateTime } from '@/lib/labels';

import { useContentHistory, useRolePicker } from '../api/content';
import { diffVersions } from '../lib/diff';
import type { FieldDiff } from '../lib/diff';

import { stepLabel } from './labels';
import { TextDiff } from './TextDiff';

/** Versions and approvals of one item as a timeline, and a diff of any two versions. */
export function ContentHistoryPanel({ org, contentId }: { org: string; contentId: string }) {
  const history = useContentHistory(org, contentId);

  return (
    <section aria-labelledby="history-title">
      <Title order={2} size="h3" mb="sm" id="history-title">
        History
      </Title>
      {history.isPending ? (
        <LoadingState />
      ) : history.error ? (
        <ErrorState error={history.error} onRetry={() => void history.refetch()} />
      ) : history.data.versions.length === 0 ? (
        <EmptyState title="No versions yet">
          A version is recorded each time the item is submitted for review.
        </EmptyState>
      ) : (
        <Stack gap="xl" maw={900}>
          <HistoryTimeline versions={history.data.versions} approvals={history.data.approvals} />
          {history.data.versions.length > 1 && (
            <VersionDiff org={org} versions={history.data.versions} />
          )}
        </Stack>
      )}
    </section>
  );
}

function HistoryTimeline({
  versions,
  approvals,
}: {
  versions: ContentVersion[];
  approvals: Approval[];
}) {
  const newestFirst = [...versions].sort((a, b) => b.number - a.number);
  return (
    <Timeline bulletSize={18} lineWidth={2} data-testid="history-timeline">
      {newestFirst.map((version) => {
        const decisions = approvals.filter((a) => a.version === version.number);
        return (
          <Timeline.Item
            key={version.number}
            title={
              <Group gap="xs">
                <Text fw={600}>Version {version.number}</Text>
                {version.approved_at && (
                  <Badge color="green" variant="light" size="sm" tt="none">
                    Approved
                  </Badge>
                )}
              </Group>
            }
          >
            <Text size="sm">
              “{version.title}” submitted {formatDateTime(version.created_at)}
              {version.submitted_by ? ` by ${version.submitted_by}` : ''}
            </Text>
            {decisions.map((a, index) => (
              <Text size="sm" key={index} c={a.decision === 'rejected' ? 'red' : undefined}>
                {stepLabel(a.step)}: {a.decision === 'approved' ? 'approved' : 'rejected'} by{' '}
                {a.approver_email || 'someone'} on {formatDateTime(a.created_at)}
                {a.reason ? ` — “${a.reason}”` : ''}
              </Text>
            ))}
            {version.approved_at && (
              <Text size="xs" c="dimmed">
                Live since {formatDateTime(version.approved_at)}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

function VersionDiff({ org, versions }: { org: string; versions: ContentVersion[] }) {
  const sorted = [...versions].sort((a, b) => a.number - b.number);
  const [from, setFrom] = useState(String(sorted[sorted.length - 2].number));
  const [to, setTo] = useState(String(sorted[sorted.length - 1].number));
  const roles = useRolePicker(org);
  const roleNames = Object.fromEntries((roles.data ?? []).map((r) => [r.id, r.name]));
  const before = sorted.find((v) => String(v.number) === from) ?? sorted[0];
  const after = sorted.find((v) => String(v.number) === to) ?? sorted[sorted.length - 1];
  const rows = diffVersions(before, after, roleNames);
  const changed = rows.filter((r) => r.changed).length;
  const options = sorted.map((v) => ({ value: String(v.number), label: `Version ${v.number}` }));

  return (
    <Card withBorder component="section" aria-labelledby="diff-title" data-testid="version-diff">
      <Title order={3} size="h4" id="diff-title" mb="sm">
        Compare versions
      </Title>
      <Group gap="sm" mb="sm" align="flex-end">
        <NativeSelect
          label="From"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          data={options}
        />
        <NativeSelect
          label="To"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          data={options}
        />
        <Text size="sm" c="dimmed" pb={6}>
          {changed === 0
            ? 'No differences.'
            : `${changed} field${changed === 1 ? '' : 's'} changed.`}
        </Text>
      </Group>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" w={150}>
                Field
              </Table.Th>
              <Table.Th scope="col">Version {before.number}</Table.Th>
              <Table.Th scope="col">Version {after.number}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <DiffRow key={row.field} row={row} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function DiffRow({ row }: { row: FieldDiff }) {
  const highlight = row.changed ? { backgroundColor: 'var(--mantine-color-yellow-0)' } : {};
  return (
    <Table.Tr style={highlight} data-changed={row.changed || undefined}>
      <Table.Th scope="row">
        <Text size="sm" fw={600}>
          {row.label}
        </Text>
        {row.changed && (
          <Badge size="xs" color="yellow" variant="filled" tt="none">
            changed
          </Badge>
        )}
      </Table.Th>
      {row.changed && row.long ? (
        // Long text changes in place, word by word, across both columns.
        <Table.Td colSpan={2}>
          <TextDiff before={row.before} after={row.after} />
        </Table.Td>
      ) : (
        <>
          <Table.Td>
            <TextDiff before={row.before} after={row.after} side="before" />
          </Table.Td>
          <Table.Td>
            <TextDiff before={row.before} after={row.after} side="after" />
          </Table.Td>
        </>
      )}
    </Table.Tr>
  );
}
