import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';

import type { Share, ShareStatus } from '@/api/types';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { formatDateTime, networkLabel } from '@/lib/labels';

import {
  PAGE_SIZE,
  useCancelShare,
  useConnections,
  useReviewShare,
  useShares,
} from '../api/shares';
import {
  canCancel,
  canDiscard,
  shareAdvice,
  shareStatusColor,
  shareStatusHint,
  shareStatusLabel,
} from '../lib/advice';

/** The caller's shares (reviewers and admins: everyone's, with a review queue). */
export function MySharesPage({
  org,
  canReview,
  connectionsHref,
  forYouHref,
  shareHref,
}: {
  org: string;
  canReview: boolean;
  connectionsHref: string;
  forYouHref: string;
  /** The composer for an item on a network: "Share again" after a share was discarded. */
  shareHref?: (contentId: string, network: string) => string;
}) {
  const [filter, setFilter] = useState<ShareStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useShares(org, filter, page);
  // The caller's own accounts, to link "check your profile" to the right one.
  const connections = useConnections(org);
  const profiles = new Map((connections.data ?? []).map((c) => [c.id, c.account_url]));
  const cancel = useCancelShare(org);
  const review = useReviewShare(org);
  const [cancelling, setCancelling] = useState<Share | null>(null);
  const [rejecting, setRejecting] = useState<Share | null>(null);
  const [reason, setReason] = useState('');

  const done = (message: string) => notifications.show({ color: 'green', message });
  const failed = (error: unknown) =>
    notifications.show({ color: 'red', message: errorMessage(error) });

  return (
    <>
      <PageHeader
        title={canReview ? 'Shares' : 'My shares'}
        description={
          canReview
            ? 'Everyone’s shares. Shares waiting for review need your pass before they are posted.'
            : 'What you shared, what is waiting, and what needs your attention.'
        }
      />
      {canReview && (
        <SegmentedControl
          mb="md"
          value={filter}
          onChange={(value) => {
            setFilter(value as ShareStatus | '');
            setPage(1);
          }}
          data={[
            { value: '', label: 'All shares' },
            { value: 'in_review', label: 'Waiting for review' },
          ]}
          aria-label="Which shares"
        />
      )}
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title={filter === 'in_review' ? 'Nothing waiting for review' : 'No shares yet'}>
          {filter === 'in_review' ? (
            'Shares that need a review before posting show up here.'
          ) : (
            <>
              Pick something from{' '}
              <Anchor component={Link} to={forYouHref}>
                For you
              </Anchor>{' '}
              and share it in your own words.
            </>
          )}
        </EmptyState>
      ) : (
        <>
          <Stack gap="md">
            {list.data.results.map((share) => (
              <ShareCard
                key={share.id}
                share={share}
                profileUrl={profiles.get(share.connection) || null}
                connectionsHref={connectionsHref}
                forYouHref={forYouHref}
                // Reviewers see everyone's shares: "Share again" is for one's own.
                shareAgainHref={canReview ? undefined : shareHref?.(share.content, share.network)}
                canReview={canReview}
                onCancel={() => setCancelling(share)}
                onPass={() =>
                  review.mutate(
                    { id: share.id, decision: 'pass', reason: '' },
                    { onSuccess: () => done('Passed. It will be posted.'), onError: failed },
                  )
                }
                onReject={() => {
                  setReason('');
                  setRejecting(share);
                }}
                reviewing={review.isPending && review.variables?.id === share.id}
              />
            ))}
          </Stack>
          <Pager
            page={page}
            count={list.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Shares"
          />
        </>
      )}
      <ConfirmDialog
        opened={!!cancelling}
        title={
          cancelling && canDiscard(cancelling.status) ? 'Discard this share?' : 'Cancel this share?'
        }
        message={
          cancelling && canDiscard(cancelling.status)
            ? 'It stays in your list as cancelled, and you can share the item again.'
            : 'It will not be posted. You can share the content again later.'
        }
        confirmLabel={cancelling && canDiscard(cancelling.status) ? 'Discard' : 'Cancel share'}
        loading={cancel.isPending}
        onClose={() => setCancelling(null)}
        onConfirm={() => {
          if (!cancelling) return;
          cancel.mutate(cancelling.id, {
            onSuccess: () =>
              done(canDiscard(cancelling.status) ? 'Share discarded.' : 'Share cancelled.'),
            onError: failed,
            onSettled: () => setCancelling(null),
          });
        }}
      />
      <Modal
        opened={!!rejecting}
        onClose={() => setRejecting(null)}
        title="Reject this share"
        centered
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!rejecting || !reason.trim()) return;
            review.mutate(
              { id: rejecting.id, decision: 'reject', reason: reason.trim() },
              {
                onSuccess: () => done('Rejected. The author sees your reason.'),
                onError: failed,
                onSettled: () => setRejecting(null),
              },
            );
          }}
        >
          <Textarea
            label="Reason"
            description="The author sees this and can share again with an edited text."
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            data-autofocus
            autosize
            minRows={3}
          />
          <Group justify="flex-end" mt="md">
            <Button variant="default" onClick={() => setRejecting(null)}>
              Back
            </Button>
            <Button type="submit" color="red" loading={review.isPending} disabled={!reason.trim()}>
              Reject
            </Button>
          </Group>
        </form>
      </Modal>
    </>
  );
}

function ShareCard({
  share,
  profileUrl,
  connectionsHref,
  forYouHref,
  shareAgainHref,
  canReview,
  onCancel,
  onPass,
  onReject,
  reviewing,
}: {
  share: Share;
  /** The author's profile on the network, when it is the caller's own connection. */
  profileUrl: string | null;
  connectionsHref: string;
  forYouHref: string;
  shareAgainHref?: string;
  canReview: boolean;
  onCancel: () => void;
  onPass: () => void;
  onReject: () => void;
  reviewing: boolean;
}) {
  const advice = shareAdvice(share);
  const hint = shareStatusHint(share);
  const net = networkLabel(share.network);
  const titleId = `share-${share.id}`;
  // After a discard (or a cancel) the item can be shared again, unless it was withdrawn.
  const canShareAgain =
    !!shareAgainHref && share.status === 'cancelled' && share.error?.code !== 'retired';
  return (
    <Card
      withBorder
      padding="md"
      radius="md"
      data-testid="share-row"
      component="article"
      aria-labelledby={titleId}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} size="h4" id={titleId}>
              {share.content_title}
            </Title>
            <Text size="sm" c="dimmed">
              {net}
              {share.author ? ` · by ${share.author}` : ''} · created{' '}
              {formatDateTime(share.created_at)}
              {share.posted_at ? ` · posted ${formatDateTime(share.posted_at)}` : ''}
              {share.send_at && !share.posted_at ? ` · sends ${formatDateTime(share.send_at)}` : ''}
            </Text>
          </Stack>
          <Badge color={shareStatusColor(share.status)} tt="none" data-testid="share-status">
            {shareStatusLabel(share.status)}
          </Badge>
        </Group>
        {share.final_text && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
            {share.final_text}
          </Text>
        )}
        {share.external_url && share.status === 'posted' && (
          <Anchor href={share.external_url} target="_blank" rel="noopener noreferrer" size="sm">
            View the post (opens in a new tab)
          </Anchor>
        )}
        {hint && (
          <Text size="sm" c="dimmed" data-testid="share-hint">
            {hint}
          </Text>
        )}
        {advice && (
          <Alert
            color={advice.color}
            title={advice.title}
            p="xs"
            data-testid="share-advice"
            data-remedy={advice.remedy}
          >
            <Stack gap={4}>
              <Text size="sm">{advice.message}</Text>
              {advice.quote && (
                <Text
                  size="sm"
                  component="blockquote"
                  m={0}
                  pl="sm"
                  style={{ borderLeft: '3px solid currentColor' }}
                >
                  <Text span size="sm" fw={600}>
                    {advice.quote.label}:
                  </Text>{' '}
                  “{advice.quote.text}”
                </Text>
              )}
              <Text size="sm" fw={600}>
                {advice.action}
              </Text>
              {advice.detail && advice.detail !== advice.message && (
                <Text size="xs" c="dimmed">
                  Details: {advice.detail}
                </Text>
              )}
              <Group gap="md">
                {advice.remedy === 'reconnect' && (
                  <Anchor component={Link} to={connectionsHref} size="sm">
                    Reconnect {net}
                  </Anchor>
                )}
                {advice.remedy === 'check_profile' &&
                  (profileUrl ? (
                    <Anchor href={profileUrl} target="_blank" rel="noopener noreferrer" size="sm">
                      Open your {net} profile (opens in a new tab)
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={connectionsHref} size="sm">
                      Find your {net} account in Connections
                    </Anchor>
                  ))}
                {advice.remedy === 'none' && share.error?.code === 'retired' && (
                  <Anchor component={Link} to={forYouHref} size="sm">
                    Open For you
                  </Anchor>
                )}
              </Group>
            </Stack>
          </Alert>
        )}
        <Group gap="sm">
          {canReview && share.status === 'in_review' && (
            <>
              <Button size="xs" color="green" onClick={onPass} loading={reviewing}>
                Pass
              </Button>
              <Button size="xs" color="red" variant="light" onClick={onReject}>
                Reject
              </Button>
            </>
          )}
          {canCancel(share.status) && (
            <Button size="xs" variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          {canDiscard(share.status) && (
            <Button
              size="xs"
              variant="default"
              onClick={onCancel}
              aria-label={`Discard this share of ${share.content_title}`}
            >
              Discard
            </Button>
          )}
          {canShareAgain && (
            <Button size="xs" variant="light" component={Link} to={shareAgainHref}>
              Share again
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
