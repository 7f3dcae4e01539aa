import {
  Alert,
  Anchor,
  Box,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useReducer, useState } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

import { ApiError } from '@/api/client';
import type { ApiCheck } from '@/api/client';
import type { Connection, FeedItem, Share } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDateTime, networkLabel } from '@/lib/labels';

import {
  confirmShare,
  createShare,
  getShare,
  previewShare,
  shareKeys,
  updateShare,
  useConnections,
  useFeedItem,
} from '../api/shares';
import { shareStatusLabel } from '../lib/advice';
import {
  composerReducer,
  confirmBody,
  draftAction,
  initialComposer,
  sendAtBounds,
} from '../lib/composer';

import { CheckList } from './CheckList';

export const PREVIEW_DELAY_MS = 400;

interface Props {
  org: string;
  contentId: string;
  /**
   * The writer's voice (tone, hashtags, words to avoid) shown next to the text box, given
   * the text written so far. The app layer supplies it from the accounts feature.
   */
  voiceHints?: (text: string) => ReactNode;
  /** The network asked for in the URL (`?network=`), preselected when connected. */
  network?: string | null;
  connectionsHref: string;
  sharesHref: string;
}

/** Share one For you item: write it in your own words, check it, confirm the exact text. */
export function ComposerPage(props: Props) {
  const item = useFeedItem(props.org, props.contentId);
  const connections = useConnections(props.org);

  if (item.isPending || connections.isPending) return <LoadingState />;
  if (item.error) return <ErrorState error={item.error} onRetry={() => void item.refetch()} />;
  if (connections.error) {
    return <ErrorState error={connections.error} onRetry={() => void connections.refetch()} />;
  }
  if (!item.data) {
    return (
      <>
        <PageHeader title="Share" />
        <EmptyState title="This item is not in your feed">
          It may have expired or been retired, or it is not placed for your roles.
        </EmptyState>
      </>
    );
  }
  const feedItem = item.data;
  const usable = connections.data.filter(
    (c) => c.status === 'active' && feedItem.networks.includes(c.network),
  );
  return <Composer {...props} item={feedItem} usable={usable} />;
}

function Composer({
  org,
  network,
  voiceHints,
  connectionsHref,
  sharesHref,
  item,
  usable,
}: Props & { item: FeedItem; usable: Connection[] }) {
  const client = useQueryClient();
  const [state, dispatch] = useReducer(composerReducer, initialComposer);
  const [connection, setConnection] = useState(
    () => (usable.find((c) => c.network === network) ?? usable[0])?.id ?? '',
  );
  const [sendAt, setSendAt] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | Error | null>(null);
  const [debounced] = useDebouncedValue(state.text, PREVIEW_DELAY_MS);
  const bounds = sendAtBounds();

  const preview = useQuery({
    queryKey: ['org', org, 'share-preview', item.id, connection, debounced],
    queryFn: () => previewShare(org, { content: item.id, connection, text: debounced }),
    enabled: !!connection && debounced.trim() !== '' && state.step === 'compose',
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  const notes = item.cells.map((c) => c.note.trim()).filter(Boolean);
  const chosen = usable.find((c) => c.id === connection);

  const header = (
    <PageHeader
      title={`Share: ${item.title}`}
      description="Say it in your own words. You see exactly what will be posted before it goes."
    />
  );

  if (!usable.length) {
    return (
      <>
        {header}
        <Alert color="yellow" title="Connect a network first">
          <Text size="sm">
            This item can be shared on {item.networks.map(networkLabel).join(', ')}. You have no
            active connection to any of them.{' '}
            <Anchor component={Link} to={connectionsHref}>
              Go to Connections
            </Anchor>
          </Text>
        </Alert>
      </>
    );
  }

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setFailure(null);
    try {
      await action();
    } catch (error) {
      setFailure(error instanceof Error ? error : new Error(String(error)));
    } finally {
      setBusy(false);
    }
  };

  const review = () =>
    run(async () => {
      const next = draftAction(state);
      let share: Share | null = state.draft;
      if (next === 'create') {
        share = await createShare(org, { content: item.id, connection, text: state.text });
      } else if (next === 'update' && state.draft) {
        share = await updateShare(org, state.draft.id, state.text);
      }
      if (share) dispatch({ type: 'drafted', share });
    });

  const confirm = () =>
    run(async () => {
      const draft = state.draft;
      if (!draft) return;
      try {
        const share = await confirmShare(org, draft.id, confirmBody(draft, sendAt));
        dispatch({ type: 'confirmed', share });
        void client.invalidateQueries({ queryKey: shareKeys.shares(org) });
        void client.invalidateQueries({ queryKey: ['org', org, 'feed'] });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'text_changed') {
          const fresh = await getShare(org, draft.id);
          dispatch({
            type: 'reloaded',
            share: fresh,
            notice:
              'The text changed since you last saw it. This is the text that would be posted now; confirm again if it is right.',
          });
          return;
        }
        throw error;
      }
    });

  return (
    <>
      {header}
      <Stack gap="lg" maw={voiceHints ? 1040 : 820}>
        <Card withBorder padding="md" radius="md">
          <Stack gap={6}>
            <Title order={2} size="h4">
              For reference
            </Title>
            {item.suggested_copy && (
              <Box>
                <Text size="sm" fw={600}>
                  Suggested copy (do not paste it; say it your way):
                </Text>
                <Text
                  size="sm"
                  c="dimmed"
                  data-testid="suggested-copy"
                  style={{ whiteSpace: 'pre-wrap' }}
                >
                  {item.suggested_copy}
                </Text>
              </Box>
            )}
            {item.angles.map((angle) => (
              <Text key={angle.role} size="sm">
                <Text span fw={600}>
                  Your angle ({angle.role_name}):{' '}
                </Text>
                {angle.text}
              </Text>
            ))}
            {notes.map((note, index) => (
              <Text key={index} size="sm">
                <Text span fw={600}>
                  Note:{' '}
                </Text>
                {note}
              </Text>
            ))}
            {item.url && (
              <Text size="sm" c="dimmed">
                The link to {item.url} is added to your post as a tracked link.
              </Text>
            )}
          </Stack>
        </Card>

        {failure && <FailureAlert error={failure} sharesHref={sharesHref} />}

        {state.step === 'compose' && (
          <Stack gap="md">
            <NativeSelect
              label="Network"
              value={connection}
              onChange={(event) => setConnection(event.currentTarget.value)}
              data={usable.map((c) => ({
                value: c.id,
                label: `${networkLabel(c.network)}${c.account_name ? ` · ${c.account_name}` : ''}`,
              }))}
              w={{ base: '100%', xs: 360 }}
            />
            <Text size="xs" c="dimmed">
              Missing a network?{' '}
              <Anchor component={Link} to={connectionsHref} size="xs">
                Manage connections
              </Anchor>
            </Text>
            <Grid gap="md">
              <Grid.Col span={{ base: 12, md: voiceHints ? 7 : 12 }}>
                <Textarea
                  label="In your own words"
                  description="Why does this matter to the people you talk to?"
                  value={state.text}
                  onChange={(event) => dispatch({ type: 'type', text: event.currentTarget.value })}
                  autosize
                  minRows={4}
                  maxLength={5000}
                  required
                />
              </Grid.Col>
              {voiceHints && (
                <Grid.Col span={{ base: 12, md: 5 }} data-testid="voice-hints">
                  {voiceHints(state.text)}
                </Grid.Col>
              )}
            </Grid>
            <Box aria-live="polite">
              {preview.error ? (
                <Text size="sm" c="red.8" role="alert">
                  Could not check the text: {errorMessage(preview.error)}
                </Text>
              ) : preview.data && state.text.trim() ? (
                <Stack gap="xs" data-testid="share-preview">
                  <Group justify="space-between">
                    <Text size="sm" fw={600}>
                      Preview
                    </Text>
                    <Text
                      size="xs"
                      c={preview.data.length > preview.data.max_length ? 'red.8' : 'dimmed'}
                      data-testid="share-length"
                    >
                      {preview.data.length} / {preview.data.max_length}
                    </Text>
                  </Group>
                  <FinalText text={preview.data.final_text} testId="preview-text" />
                  <CheckList checks={preview.data.checks} />
                </Stack>
              ) : null}
            </Box>
            <Group>
              <Button
                onClick={() => void review()}
                loading={busy}
                disabled={!state.text.trim() || !connection}
              >
                Review and confirm
              </Button>
            </Group>
          </Stack>
        )}

        {state.step === 'confirm' && state.draft && (
          <Stack gap="md" data-testid="confirm-step">
            <Title order={2} size="h4">
              Confirm what will be posted on {networkLabel(state.draft.network)}
              {chosen?.account_name ? ` as ${chosen.account_name}` : ''}
            </Title>
            {state.notice && (
              <Alert color="yellow" role="status">
                {state.notice}
              </Alert>
            )}
            <FinalText text={state.draft.final_text} testId="final-text" />
            <CheckList checks={state.draft.checks} />
            <TextInput
              type="datetime-local"
              label="Send later (optional)"
              description="Leave empty to post now. Up to 30 days ahead."
              value={sendAt}
              min={bounds.min}
              max={bounds.max}
              onChange={(event) => setSendAt(event.currentTarget.value)}
              w={{ base: '100%', xs: 280 }}
            />
            <Checkbox
              label="I wrote this and want it posted as shown"
              checked={state.agreed}
              onChange={(event) => dispatch({ type: 'agree', agreed: event.currentTarget.checked })}
            />
            <Group>
              <Button onClick={() => void confirm()} loading={busy} disabled={!state.agreed}>
                {sendAt ? 'Confirm and schedule' : 'Confirm and post'}
              </Button>
              <Button variant="default" onClick={() => dispatch({ type: 'back' })} disabled={busy}>
                Edit text
              </Button>
            </Group>
          </Stack>
        )}

        {state.step === 'done' && state.draft && (
          <Alert color="green" title="Confirmed" data-testid="share-done">
            <Stack gap={4}>
              <Text size="sm">
                Status: {shareStatusLabel(state.draft.status)}
                {state.draft.send_at ? ` · sends ${formatDateTime(state.draft.send_at)}` : ''}
              </Text>
              <Anchor component={Link} to={sharesHref} size="sm">
                See it in My shares
              </Anchor>
            </Stack>
          </Alert>
        )}
      </Stack>
    </>
  );
}

function FinalText({ text, testId }: { text: string; testId: string }) {
  return (
    <Box
      component="pre"
      data-testid={testId}
      p="sm"
      m={0}
      bg="gray.0"
      style={{
        fontFamily: 'var(--mantine-font-family-monospace)',
        whiteSpace: 'pre-wrap',
        wordBreak: 'break-word',
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-sm)',
        fontSize: 'var(--mantine-font-size-sm)',
      }}
    >
      {text}
    </Box>
  );
}

function FailureAlert({ error, sharesHref }: { error: Error; sharesHref: string }) {
  const checks: ApiCheck[] = error instanceof ApiError ? error.checks : [];
  const code = error instanceof ApiError ? error.code : '';
  return (
    <Alert color="red" role="alert" title="This cannot be shared yet">
      <Stack gap="xs">
        <Text size="sm">{errorMessage(error)}</Text>
        {code === 'already_shared' && (
          <Anchor component={Link} to={sharesHref} size="sm">
            See it in My shares
          </Anchor>
        )}
        {checks.length > 0 && <CheckList checks={checks} />}
      </Stack>
    </Alert>
  );
}
