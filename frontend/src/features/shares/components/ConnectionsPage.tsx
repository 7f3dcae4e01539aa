import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

import type { Connection, Network } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDateTime, networkLabel } from '@/lib/labels';

import { useConnections, useDisconnect, useOrgSettings, useStartConnection } from '../api/shares';
import { connectErrorMessage } from '../lib/advice';

const STATUS_COLORS: Record<Connection['status'], string> = {
  active: 'green',
  expired: 'yellow',
  revoked: 'gray',
};

const STATUS_LABELS: Record<Connection['status'], string> = {
  active: 'Connected',
  expired: 'Expired: reconnect',
  revoked: 'Disconnected',
};

/** The caller's own network accounts: connect, see, disconnect. */
export function ConnectionsPage({
  org,
  navigate = (url) => window.location.assign(url),
}: {
  org: string;
  /** Where the browser goes to authorise; replaceable in tests. */
  navigate?: (url: string) => void;
}) {
  const [params, setParams] = useSearchParams();
  const connected = params.get('connected');
  const connectError = params.get('connect_error');
  const settings = useOrgSettings(org);
  const connections = useConnections(org);
  const start = useStartConnection(org);
  const disconnect = useDisconnect(org);
  const [pendingNetwork, setPendingNetwork] = useState<Network | null>(null);
  const [startError, setStartError] = useState<{ network: Network; message: string } | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);

  useEffect(() => {
    if (!connected) return;
    notifications.show({
      color: 'green',
      message: `${networkLabel(connected as Network)} is connected.`,
    });
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('connected');
        return next;
      },
      { replace: true },
    );
  }, [connected, setParams]);

  const connect = (network: Network) => {
    setPendingNetwork(network);
    setStartError(null);
    start.mutate(network, {
      onSuccess: ({ authorization_url }) => navigate(authorization_url),
      onError: (error) => {
        setStartError({ network, message: errorMessage(error) });
        setPendingNetwork(null);
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Connections"
        description="The network accounts you share from. Only you can post from them, and only what you confirm."
      />
      {connectError && (
        <Alert color="red" role="alert" title="Could not connect" mb="md">
          {connectErrorMessage(connectError)}
        </Alert>
      )}
      <Stack gap="xl">
        <section aria-labelledby="connect-title">
          <Title order={2} size="h3" id="connect-title" mb="sm">
            Connect a network
          </Title>
          {settings.isPending ? (
            <LoadingState />
          ) : settings.error ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : settings.data.settings.networks_enabled.length === 0 ? (
            <Text c="dimmed">Your organisation has not enabled any network yet.</Text>
          ) : (
            <Group gap="sm">
              {(settings.data.settings.networks_enabled as Network[]).map((network) => (
                <Button
                  key={network}
                  variant="light"
                  loading={start.isPending && pendingNetwork === network}
                  onClick={() => connect(network)}
                >
                  Connect {networkLabel(network)}
                </Button>
              ))}
            </Group>
          )}
          {startError && (
            <Text size="sm" c="red.8" role="alert" mt="sm">
              {networkLabel(startError.network)}: {startError.message}
            </Text>
          )}
        </section>

        <section aria-labelledby="connections-title">
          <Title order={2} size="h3" id="connections-title" mb="sm">
            Your connections
          </Title>
          {connections.isPending ? (
            <LoadingState />
          ) : connections.error ? (
            <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />
          ) : connections.data.length === 0 ? (
            <EmptyState title="No connections yet">
              Connect a network above to share content from your own account.
            </EmptyState>
          ) : (
            <Card withBorder padding={0} radius="md">
              <Table.ScrollContainer minWidth={640}>
                <Table verticalSpacing="sm" data-testid="connections-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Network</Table.Th>
                      <Table.Th>Account</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Connected</Table.Th>
                      <Table.Th>
                        <VisuallyHidden>Actions</VisuallyHidden>
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {connections.data.map((c) => (
                      <Table.Tr key={c.id}>
                        <Table.Td>{networkLabel(c.network)}</Table.Td>
                        <Table.Td>
                          {c.account_url ? (
                            <a href={c.account_url} target="_blank" rel="noopener noreferrer">
                              {c.account_name || c.account_id}
                            </a>
                          ) : (
                            c.account_name || c.account_id
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Badge color={STATUS_COLORS[c.status]} variant="light" tt="none">
                            {STATUS_LABELS[c.status] ?? c.status}
                          </Badge>
                          {c.expires_at && (
                            <Text size="xs" c="dimmed">
                              Expires {formatDateTime(c.expires_at)}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>{formatDateTime(c.created_at)}</Table.Td>
                        <Table.Td>
                          {c.status !== 'revoked' && (
                            <Button
                              size="xs"
                              variant="subtle"
                              color="red"
                              onClick={() => setRemoving(c)}
                            >
                              Disconnect
                            </Button>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            </Card>
          )}
        </section>
      </Stack>
      <ConfirmDialog
        opened={!!removing}
        title="Disconnect this account?"
        message={
          removing
            ? `${networkLabel(removing.network)} (${removing.account_name || removing.account_id}) will be disconnected. Shares waiting to be posted from it will not be posted.`
            : ''
        }
        confirmLabel="Disconnect"
        loading={disconnect.isPending}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          if (!removing) return;
          disconnect.mutate(removing.id, {
            onSuccess: () => {
              setRemoving(null);
              notifications.show({ color: 'green', message: 'Disconnected.' });
            },
            onError: (error) => {
              setRemoving(null);
              notifications.show({ color: 'red', message: errorMessage(error) });
            },
          });
        }}
      />
    </>
  );
}
