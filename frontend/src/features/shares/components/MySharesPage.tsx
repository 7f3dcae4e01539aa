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

import { PAGE_SIZE, useCancelShare, useReviewShare, useShares } from '../api/shares';
import { canCancel, shareErrorAdvice, shareStatusColor, shareStatusLabel } from '../lib/advice';

/** The caller's shares (reviewers and admins: everyone's, with a review queue). */
export function MySharesPage({
  org,
  canReview,
  connectionsHref,
  forYouHref,
}: {
  org: string;
  canReview: boolean;
  connectionsHref: string;
  forYouHref: string;
}) {
  const [filter, setFilter] = useState<ShareStatus | ''>('');
  const [page, setPage] = useState(1);
  const list = useShares(org, filter, page);
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
                connectionsHref={connectionsHref}
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
        title="Cancel this share?"
        message="It will not be posted. You can share the content again later."
        confirmLabel="Cancel share"
        loading={cancel.isPending}
        onClose={() => setCancelling(null)}
        onConfirm={() => {
          if (!cancelling) return;
          cancel.mutate(cancelling.id, {
            onSuccess: () => done('Share cancelled.'),
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
  connectionsHref,
  canReview,
  onCancel,
  onPass,
  onReject,
  reviewing,
}: {
  share: Share;
  connectionsHref: string;
  canReview: boolean;
  onCancel: () => void;
  onPass: () => void;
  onReject: () => void;
  reviewing: boolean;
}) {
  const advice = share.error && share.error.code ? shareErrorAdvice(share.error) : null;
  return (
    <Card withBorder padding="md" radius="md" data-testid="share-row">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={2} size="h4">
              {share.content_title}
            </Title>
            <Text size="sm" c="dimmed">
              {networkLabel(share.network)}
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
        {advice && (
          <Alert color="red" role="status" p="xs">
            <Text size="sm">{advice.message}</Text>
            <Text size="sm" fw={600}>
              {advice.action}{' '}
              {advice.remedy === 'reconnect' && (
                <Anchor component={Link} to={connectionsHref} size="sm">
                  Open Connections
                </Anchor>
              )}
            </Text>
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
        </Group>
      </Stack>
    </Card>
  );
}
