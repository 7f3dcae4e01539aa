import { Alert, Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';

import type { Connection, ConnectionStartInput, Network } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDate, formatDateTime, networkLabel } from '@/lib/labels';

import { useConnections, useDisconnect, useOrgSettings, useStartConnection } from '../api/shares';
import { connectErrorMessage } from '../lib/advice';
import {
  connectionHealth,
  connectionsNeedingAttention,
  connectNeeds,
  handleOf,
  isNetwork,
} from '../lib/connections';
import type { ConnectFormValues } from '../lib/connections';

import { ConnectNetworkForm } from './ConnectNetworkForm';
import { ReconnectReminder } from './ReconnectReminder';

const STATUS_COLORS: Record<Connection['status'], string> = {
  active: 'green',
  expired: 'red',
  revoked: 'gray',
};

const STATUS_LABELS: Record<Connection['status'], string> = {
  active: 'Connected',
  expired: 'Expired',
  revoked: 'Disconnected',
};

const panelId = (network: Network) => `connect-${network}`;

/** The open Mastodon or Bluesky form; `key` starts it afresh on each opening. */
interface Panel {
  network: Network;
  initial?: Partial<ConnectFormValues>;
  error?: unknown;
  key: number;
}

/** The caller's own network accounts: connect, see their health, reconnect, disconnect. */
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
  const [panel, setPanel] = useState<Panel | null>(null);
  // The network (or connection, when reconnecting) whose start is under way.
  const [busy, setBusy] = useState<string | null>(null);
  const [startError, setStartError] = useState<{ target: string; message: string } | null>(null);
  const [removing, setRemoving] = useState<Connection | null>(null);
  // Read once and kept after the address is cleaned, so the reason stays next to the
  // connect buttons until dismissed.
  const [callbackError, setCallbackError] = useState<string | null>(connectError);

  // Back from the network: say how it went once (the ids stop a repeat), then clean the
  // address so a reload does not say it again.
  useEffect(() => {
    if (!connected && !connectError) return;
    if (connected) {
      const label = isNetwork(connected) ? networkLabel(connected) : 'The network';
      notifications.show({
        id: `connected-${connected}`,
        color: 'green',
        message: `${label} is connected.`,
      });
    }
    if (connectError) {
      notifications.show({
        id: `connect-error-${connectError}`,
        color: 'red',
        title: 'Could not connect',
        message: connectErrorMessage(connectError),
      });
    }
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('connected');
        next.delete('connect_error');
        return next;
      },
      { replace: true },
    );
  }, [connected, connectError, setParams]);

  /** Asks where to authorise, then sends the browser there. Rejects with the refusal. */
  const begin = async (network: Network, input?: ConnectionStartInput) => {
    const { authorization_url } = await start.mutateAsync({ network, input });
    navigate(authorization_url);
  };

  const openPanel = (network: Network, initial?: Partial<ConnectFormValues>, error?: unknown) => {
    setStartError(null);
    setPanel((open) => ({ network, initial, error, key: (open?.key ?? 0) + 1 }));
  };

  /** Networks that need nothing from the person start at once. */
  const startNow = (target: string, network: Network) => {
    setBusy(target);
    setStartError(null);
    setPanel(null);
    begin(network).catch((error: unknown) => {
      setStartError({ target, message: errorMessage(error) });
      setBusy(null);
    });
  };

  const connect = (network: Network) => {
    if (connectNeeds(network) === 'nothing') return startNow(network, network);
    if (panel?.network === network) return setPanel(null);
    openPanel(network);
  };

  const reconnect = (connection: Connection) => {
    const { network } = connection;
    const needs = connectNeeds(network);
    if (needs === 'nothing') return startNow(connection.id, network);
    if (needs === 'instance' && connection.instance) {
      // The server is known: go straight there; if it refuses, show the form with why.
      setBusy(connection.id);
      setStartError(null);
      begin(network, { instance: connection.instance }).catch((error: unknown) => {
        setBusy(null);
        openPanel(network, { instance: connection.instance }, error);
      });
      return;
    }
    // Bluesky needs a new app password; Mastodon without a known server needs its name.
    openPanel(network, { handle: handleOf(connection), instance: connection.instance });
    window.setTimeout(
      () => document.getElementById(panelId(network))?.scrollIntoView({ block: 'center' }),
      0,
    );
  };

  const attention = connections.data ? connectionsNeedingAttention(connections.data) : [];

  return (
    <>
      <PageHeader
        title="Connections"
        description="The network accounts you share from. Only you can post from them, and only what you confirm."
      />
      <ReconnectReminder items={attention} onReconnect={reconnect} busyId={busy} />
      <Stack gap="xl">
        <section aria-labelledby="connect-title">
          <Title order={2} size="h3" id="connect-title" mb="sm">
            Connect a network
          </Title>
          {callbackError && (
            <Alert
              color="red"
              role="alert"
              title="Could not connect"
              mb="md"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => setCallbackError(null)}
              data-testid="connect-callback-error"
            >
              {connectErrorMessage(callbackError)}
            </Alert>
          )}
          {settings.isPending ? (
            <LoadingState />
          ) : settings.error ? (
            <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
          ) : settings.data.settings.networks_enabled.length === 0 ? (
            <Text c="dimmed">Your organisation has not enabled any network yet.</Text>
          ) : (
            <Stack gap="md">
              <Group gap="sm">
                {(settings.data.settings.networks_enabled as Network[]).map((network) => {
                  const asks = connectNeeds(network) !== 'nothing';
                  return (
                    <Button
                      key={network}
                      variant={panel?.network === network ? 'filled' : 'light'}
                      loading={busy === network}
                      onClick={() => connect(network)}
                      aria-expanded={asks ? panel?.network === network : undefined}
                      aria-controls={
                        asks && panel?.network === network ? panelId(network) : undefined
                      }
                    >
                      Connect {networkLabel(network)}
                    </Button>
                  );
                })}
              </Group>
              {startError && isNetwork(startError.target) && (
                <Text size="sm" c="red.8" role="alert" data-testid="connect-error">
                  {networkLabel(startError.target)}: {startError.message}
                </Text>
              )}
              {panel && (
                <Card withBorder padding="md" radius="md">
                  <ConnectNetworkForm
                    key={panel.key}
                    id={panelId(panel.network)}
                    network={panel.network}
                    initial={panel.initial}
                    initialError={panel.error}
                    start={(input) => begin(panel.network, input)}
                    onCancel={() => setPanel(null)}
                  />
                </Card>
              )}
            </Stack>
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
            <Stack
              gap="sm"
              role="list"
              aria-labelledby="connections-title"
              data-testid="connections-list"
            >
              {connections.data.map((c) => (
                <ConnectionRow
                  key={c.id}
                  connection={c}
                  busy={busy === c.id}
                  error={startError?.target === c.id ? startError.message : null}
                  onReconnect={() => reconnect(c)}
                  onDisconnect={() => setRemoving(c)}
                />
              ))}
            </Stack>
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

function ConnectionRow({
  connection: c,
  busy,
  error,
  onReconnect,
  onDisconnect,
}: {
  connection: Connection;
  busy: boolean;
  error: string | null;
  onReconnect: () => void;
  onDisconnect: () => void;
}) {
  const health = connectionHealth(c);
  const label = networkLabel(c.network);
  const account = c.account_name || c.account_id;
  const titleId = `connection-${c.id}`;
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      role="listitem"
      aria-labelledby={titleId}
      data-testid="connection-row"
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text fw={600} id={titleId}>
              {label}
            </Text>
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {c.account_url ? (
                <Anchor href={c.account_url} target="_blank" rel="noopener noreferrer" size="sm">
                  {account}
                </Anchor>
              ) : (
                account
              )}
              {c.instance && (
                <Text span size="sm" c="dimmed">
                  {' '}
                  on {c.instance}
                </Text>
              )}
            </Text>
            <Text size="xs" c="dimmed">
              Connected {formatDateTime(c.created_at)}
            </Text>
          </Stack>
          <Badge color={STATUS_COLORS[c.status] ?? 'gray'} variant="light" tt="none">
            {STATUS_LABELS[c.status] ?? c.status}
          </Badge>
        </Group>
        {c.status_detail && (
          <Text size="sm" c={c.status === 'active' ? 'dimmed' : 'red.8'}>
            {c.status_detail}
          </Text>
        )}
        {health.kind === 'expired' && c.status === 'active' && (
          <Text size="sm" c="red.8">
            Its access ended on {formatDate(c.reconnect_by)}: reconnect to keep sharing.
          </Text>
        )}
        {health.kind === 'expiring' && (
          <Text size="sm" c="yellow.9">
            Reconnect by {formatDate(c.reconnect_by)} ({health.daysLeft}{' '}
            {health.daysLeft === 1 ? 'day' : 'days'} left).
          </Text>
        )}
        {health.kind === 'ok' && c.reconnect_by && (
          <Text size="xs" c="dimmed">
            Reconnect by {formatDate(c.reconnect_by)}.
          </Text>
        )}
        {error && (
          <Text size="sm" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group gap="sm">
          {health.kind !== 'ok' && (
            <Button
              size="xs"
              // Expired needs acting on; a reminder or a disconnected account can wait.
              variant={health.kind === 'expired' ? 'filled' : 'light'}
              loading={busy}
              onClick={onReconnect}
              aria-label={`Reconnect ${label} (${account})`}
            >
              Reconnect
            </Button>
          )}
          {c.status !== 'revoked' && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              onClick={onDisconnect}
              aria-label={`Disconnect ${label} (${account})`}
            >
              Disconnect
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
