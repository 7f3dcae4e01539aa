import { Anchor, Badge, Box, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { Link } from 'react-router';

import type { Content, ContentVersion, OrgRole } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDateTime, networkLabel } from '@/lib/labels';

import { PAGE_SIZE, useContentHistory, useContentList, useTwoStepApproval } from '../api/content';
import { isReviewer, nextApprovalStep } from '../lib/actions';
import { reviewChanges } from '../lib/diff';

import { ContentActions } from './ContentActions';
import { stepLabel } from './labels';
import { TextDiff } from './TextDiff';

export function ReviewQueuePage({
  org,
  role,
  basePath,
}: {
  org: string;
  role: OrgRole;
  basePath: string;
}) {
  const [page, setPage] = useState(1);
  const list = useContentList(org, { status: 'in_review' }, page);
  const twoStep = useTwoStepApproval(org);

  return (
    <>
      <PageHeader
        title="Review queue"
        description={
          isReviewer(role)
            ? 'Content waiting for your approval. Approve it, or reject it with a reason.'
            : 'Content waiting for a reviewer.'
        }
      />
      {list.isPending ? (
        <LoadingState />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.results.length === 0 ? (
        <EmptyState title="Nothing to review">
          Items the comms team submits for review show up here.
        </EmptyState>
      ) : (
        <>
          <Stack gap="md" maw={900}>
            {list.data.results.map((item) => (
              <ReviewCard
                key={item.id}
                org={org}
                role={role}
                item={item}
                twoStep={!!twoStep.data}
                href={`${basePath}/${item.id}`}
              />
            ))}
          </Stack>
          <Pager
            page={page}
            count={list.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Review queue"
          />
        </>
      )}
    </>
  );
}

function ReviewCard({
  org,
  role,
  item,
  twoStep,
  href,
}: {
  org: string;
  role: OrgRole;
  item: Content;
  twoStep: boolean;
  href: string;
}) {
  // The history gives the next approval step and the live version to compare against.
  const history = useContentHistory(org, item.id, twoStep || item.approved_version !== null);
  const step = twoStep
    ? history.data
      ? nextApprovalStep(history.data.approvals, item.version, true)
      : null
    : 'single';
  return (
    <Card
      withBorder
      radius="md"
      component="article"
      aria-label={item.title}
      data-testid="review-item"
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4">
            <Anchor component={Link} to={href} inherit>
              {item.title}
            </Anchor>
          </Title>
          <Group gap={6}>
            <Badge variant="light" tt="none">
              Version {item.version}
            </Badge>
            {twoStep && step && (
              <Badge color="orange" variant="light" tt="none" data-testid="next-step">
                Next: {stepLabel(step)}
                {step === 'legal' ? ' (step 2 of 2)' : ' (step 1 of 2)'}
              </Badge>
            )}
          </Group>
        </Group>
        {item.url && (
          <Anchor href={item.url} target="_blank" rel="noopener noreferrer" size="sm">
            {item.url}
          </Anchor>
        )}
        {item.summary && (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {item.summary}
          </Text>
        )}
        {item.approved_version !== null && (
          <ChangesSinceLive
            live={item.approved_version}
            inReview={item.version}
            versions={history.data?.versions}
            pending={history.isPending}
          />
        )}
        <Text size="xs" c="dimmed">
          {item.networks.length ? item.networks.map(networkLabel).join(', ') : 'Every network'} ·
          updated {formatDateTime(item.updated_at)}
          {item.approved_version !== null && ` · version ${item.approved_version} is live`}
        </Text>
        <ContentActions org={org} content={item} role={role} size="xs" />
      </Stack>
    </Card>
  );
}

/** What changed since the approved (live) version: the reviewer's first question. */
function ChangesSinceLive({
  live,
  inReview,
  versions,
  pending,
}: {
  live: number;
  inReview: number;
  versions: ContentVersion[] | undefined;
  pending: boolean;
}) {
  const headingId = useId();
  const before = versions?.find((version) => version.number === live);
  const after = versions?.find((version) => version.number === inReview);
  const changes = before && after ? reviewChanges(before, after) : null;
  return (
    <Card
      withBorder
      bg="gray.0"
      p="sm"
      component="section"
      aria-labelledby={headingId}
      data-testid="review-diff"
    >
      <Title order={3} size="h5" id={headingId} mb={4}>
        Changes since version {live} (live)
      </Title>
      {changes === null ? (
        <Text size="sm" c="dimmed">
          {pending ? 'Loading the changes…' : 'The earlier version could not be loaded.'}
        </Text>
      ) : changes.length === 0 ? (
        <Text size="sm">No change to the title, summary, suggested copy or URL.</Text>
      ) : (
        <Stack gap={6} component="dl" m={0}>
          {changes.map((change) => (
            <div key={change.field}>
              <Text component="dt" size="xs" fw={700}>
                {change.label}
              </Text>
              <Box component="dd" m={0}>
                <TextDiff before={change.before} after={change.after} />
              </Box>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
