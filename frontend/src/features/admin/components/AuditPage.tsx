import { Alert, Button, Code, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';

import type { AuditEvent } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDateTime } from '@/lib/labels';

import { PAGE_SIZE, useAuditLog, useVerifyAudit } from '../api/admin';

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (value === '') return '(empty)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * One line per changed value, so a reader sees the change rather than two JSON blobs:
 * "field: old → new"; a creation lists "field: value", a deletion "field: value (removed)".
 */
export function describeChange(before: unknown, after: unknown, prefix = ''): string[] {
  if (!isObject(before) && !isObject(after)) {
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    const label = prefix ? `${prefix}: ` : '';
    if (before === null || before === undefined) return [`${label}${show(after)}`];
    if (after === null || after === undefined) return [`${label}${show(before)} (removed)`];
    return [`${label}${show(before)} → ${show(after)}`];
  }
  const b = isObject(before) ? before : {};
  const a = isObject(after) ? after : {};
  const lines: string[] = [];
  for (const key of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const path = prefix ? `${prefix}.${key}` : key;
    lines.push(...describeChange(b[key] ?? null, a[key] ?? null, path));
  }
  return lines;
}

function ChangeCell({ event }: { event: AuditEvent }) {
  const lines = describeChange(event.before, event.after);
  if (!lines.length)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <>
      {lines.slice(0, 4).map((line) => (
        <Text key={line} size="sm" style={{ wordBreak: 'break-word' }}>
          {line}
        </Text>
      ))}
      {lines.length > 4 && (
        <Text size="xs" c="dimmed">
          and {lines.length - 4} more
        </Text>
      )}
    </>
  );
}

export function AuditPage({ org }: { org: string }) {
  const [page, setPage] = useState(1);
  const log = useAuditLog(org, page);
  const verify = useVerifyAudit(org);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every approval, permission and settings change, chained so tampering shows."
        actions={
          <Button variant="light" onClick={() => verify.mutate()} loading={verify.isPending}>
            Verify chain
          </Button>
        }
      />
      <div aria-live="polite">
        {verify.data && verify.data.ok && (
          <Alert color="green" mb="md" title="Chain verified: ok" data-testid="verify-result">
            All {verify.data.events_checked} events are intact and in order.
          </Alert>
        )}
        {verify.data && !verify.data.ok && (
          <Alert color="red" mb="md" title="Chain broken" data-testid="verify-result">
            The log does not match its hashes
            {verify.data.first_broken_seq ? ` from event #${verify.data.first_broken_seq}` : ''} (
            {verify.data.events_checked} events checked). Someone may have changed past records;
            contact your security team.
          </Alert>
        )}
        {verify.error && (
          <Alert color="red" mb="md" title="Could not verify">
            {errorMessage(verify.error)}
          </Alert>
        )}
      </div>
      {log.isPending ? (
        <LoadingState />
      ) : log.error ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.data.results.length === 0 ? (
        <EmptyState title="Nothing recorded yet">
          Changes to settings, members and content will be listed here.
        </EmptyState>
      ) : (
        <>
          <Table.ScrollContainer minWidth={760}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">#</Table.Th>
                  <Table.Th scope="col">When</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">What</Table.Th>
                  <Table.Th scope="col">Change</Table.Th>
                  <Table.Th scope="col">Hash</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.results.map((event) => (
                  <Table.Tr key={event.id}>
                    <Table.Td>{event.seq}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(event.created_at)}
                    </Table.Td>
                    <Table.Td>{event.actor_email || 'system'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {event.verb}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {event.object_type}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360}>
                      <ChangeCell event={event} />
                    </Table.Td>
                    <Table.Td>
                      <Tooltip label={event.hash}>
                        <Code>{event.hash.slice(0, 10)}</Code>
                      </Tooltip>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Pager
            page={page}
            count={log.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Audit log"
          />
        </>
      )}
    </>
  );
}
