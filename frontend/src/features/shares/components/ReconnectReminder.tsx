import { Alert, Anchor, Button, Group, List, Text } from '@mantine/core';
import { Link } from 'react-router';

import type { Connection } from '@/api/types';
import { formatDate, networkLabel } from '@/lib/labels';

import { useConnections } from '../api/shares';
import { connectionAccount, connectionsNeedingAttention } from '../lib/connections';

type Attention = ReturnType<typeof connectionsNeedingAttention>[number];

function sentence({ connection, health }: Attention): string {
  const who = `${networkLabel(connection.network)} (${connectionAccount(connection)})`;
  if (health.kind === 'expired') {
    return `${who} has expired. Nothing can be posted to it until you reconnect.`;
  }
  const days = health.daysLeft === 1 ? '1 day left' : `${health.daysLeft} days left`;
  return `${who} stops working on ${formatDate(health.by.toISOString())} (${days}). Reconnect it before then so your shares still go out.`;
}

/**
 * A reminder for connections that expired or must be renewed within two weeks (tokens
 * that cannot refresh themselves). With `onReconnect` each has a Reconnect button; with
 * `connectionsHref` the reminder links to the Connections page instead.
 */
export function ReconnectReminder({
  items,
  onReconnect,
  connectionsHref,
  busyId,
}: {
  items: Attention[];
  onReconnect?: (connection: Connection) => void;
  connectionsHref?: string;
  /** The connection whose reconnect is starting. */
  busyId?: string | null;
}) {
  if (!items.length) return null;
  const expired = items.some((item) => item.health.kind === 'expired');
  return (
    <Alert
      color={expired ? 'red' : 'yellow'}
      title={expired ? 'Reconnect to keep sharing' : 'Reconnect soon'}
      mb="md"
      data-testid="reconnect-reminder"
    >
      <List spacing="xs" size="sm">
        {items.map((item) => (
          <List.Item key={item.connection.id}>
            <Group gap="xs" wrap="wrap">
              <Text size="sm" span>
                {sentence(item)}
              </Text>
              {onReconnect && (
                <Button
                  size="compact-xs"
                  variant={item.health.kind === 'expired' ? 'filled' : 'light'}
                  loading={busyId === item.connection.id}
                  onClick={() => onReconnect(item.connection)}
                >
                  Reconnect {networkLabel(item.connection.network)}
                </Button>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {connectionsHref && (
        <Anchor component={Link} to={connectionsHref} size="sm" mt="xs" display="inline-block">
          Open Connections
        </Anchor>
      )}
    </Alert>
  );
}

/** The app-wide reminder: only shows when a connection needs the person. */
export function ConnectionsReminder({
  org,
  connectionsHref,
}: {
  org: string;
  connectionsHref: string;
}) {
  const connections = useConnections(org);
  if (!connections.data) return null;
  return (
    <ReconnectReminder
      items={connectionsNeedingAttention(connections.data)}
      connectionsHref={connectionsHref}
    />
  );
}
