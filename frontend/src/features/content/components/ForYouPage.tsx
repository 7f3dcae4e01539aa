import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Image,
  NativeSelect,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';

import type { FeedCell, FeedItem } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { networkLabel } from '@/lib/labels';

import { PAGE_SIZE, useAudiencePicker, useFeed } from '../api/content';
import { expiryHint, groupFeedByAudience } from '../lib/feed';

/**
 * "For you": approved content in the grid of the caller's roles, per audience, with the
 * comms team's notes and the caller's angle. `embedded` drops the page title (the home
 * page has its own).
 */
export function ForYouPage({
  org,
  suggestHref,
  shareHref,
  embedded = false,
}: {
  org: string;
  suggestHref: string;
  /** Where "Share" leads for an item and a network; without it there is no Share button. */
  shareHref?: (contentId: string, network: string) => string;
  embedded?: boolean;
}) {
  const [audience, setAudience] = useState('');
  const [page, setPage] = useState(1);
  const feed = useFeed(org, audience, page);
  const audiences = useAudiencePicker(org);
  const heading = embedded ? 2 : 1;

  const filter = (
    <NativeSelect
      label="Audience"
      value={audience}
      onChange={(event) => {
        setAudience(event.currentTarget.value);
        setPage(1);
      }}
      data={[
        { value: '', label: 'All audiences' },
        ...(audiences.data ?? []).map((a) => ({ value: a.id, label: a.name })),
      ]}
      w={{ base: '100%', xs: 260 }}
    />
  );

  return (
    <section aria-labelledby="for-you-title">
      {embedded ? (
        <Group justify="space-between" align="flex-end" mb="md">
          <Title order={2} id="for-you-title">
            For you
          </Title>
          {filter}
        </Group>
      ) : (
        <>
          <PageHeader
            title="For you"
            description="Approved content picked for your roles and audiences. Say it in your own words."
          />
          <span id="for-you-title" hidden>
            For you
          </span>
          <Group mb="md">{filter}</Group>
        </>
      )}
      {feed.isPending ? (
        <LoadingState />
      ) : feed.error ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.data.results.length === 0 ? (
        <EmptyState title={audience ? 'Nothing for this audience yet' : 'Nothing in your grid yet'}>
          Your comms team places approved content in the grid for your roles and audiences; it shows
          up here. Found something worth sharing?{' '}
          <Anchor component={Link} to={suggestHref}>
            Suggest content
          </Anchor>
          .
        </EmptyState>
      ) : (
        <>
          <Stack gap="xl">
            {groupFeedByAudience(feed.data.results, audience || null).map((group) => (
              <section
                key={group.audience ?? 'every'}
                aria-label={group.name}
                data-testid="feed-group"
              >
                <Title order={(heading + 1) as 2 | 3} size="h3" mb="sm">
                  {group.name}
                </Title>
                <Stack gap="md">
                  {group.entries.map(({ item, cells }) => (
                    <FeedCard
                      key={item.id}
                      item={item}
                      cells={cells}
                      level={heading + 2}
                      shareHref={shareHref}
                    />
                  ))}
                </Stack>
              </section>
            ))}
          </Stack>
          <Pager
            page={page}
            count={feed.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Feed"
          />
        </>
      )}
    </section>
  );
}

function FeedCard({
  item,
  cells,
  level,
  shareHref,
}: {
  item: FeedItem;
  cells: FeedCell[];
  level: number;
  shareHref?: (contentId: string, network: string) => string;
}) {
  const notes = cells.map((c) => c.note.trim()).filter(Boolean);
  const expiry = expiryHint(item.expires_at);
  const image = item.image_url || item.preview.image_url;
  return (
    <Card withBorder radius="md" padding="md" data-testid="feed-item">
      <Group align="flex-start" wrap="nowrap" gap="md">
        {image && (
          <Image
            src={image}
            alt=""
            w={96}
            h={96}
            radius="sm"
            fit="cover"
            visibleFrom="xs"
            loading="lazy"
            style={{ flexShrink: 0 }}
          />
        )}
        <Stack gap={6} style={{ minWidth: 0, flex: 1 }}>
          <Title order={Math.min(level, 6) as 3 | 4 | 5 | 6} size="h4">
            {item.title}
          </Title>
          {(item.summary || item.preview.description) && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {item.summary || item.preview.description}
            </Text>
          )}
          {notes.map((note, index) => (
            <Text key={index} size="sm" data-testid="cell-note">
              <Text span fw={600}>
                Note:{' '}
              </Text>
              {note}
            </Text>
          ))}
          {item.angles.map((angle) => (
            <Text key={angle.role} size="sm">
              <Text span fw={600}>
                Your angle ({angle.role_name}):{' '}
              </Text>
              {angle.text}
            </Text>
          ))}
          {item.disclaimer && (
            <Text size="xs" c="dimmed">
              Disclaimer added to your post: {item.disclaimer}
            </Text>
          )}
          <Group gap={6} mt={4}>
            {item.networks.map((network) => (
              <Badge
                key={network}
                variant={item.shared_networks.includes(network) ? 'filled' : 'outline'}
                tt="none"
              >
                {networkLabel(network)}
                {item.shared_networks.includes(network) ? ' · shared' : ''}
              </Badge>
            ))}
            {expiry && (
              <Text size="xs" c="dimmed">
                Live {expiry}
              </Text>
            )}
          </Group>
          <Group gap="sm" mt="xs">
            {item.url && (
              <Button
                component="a"
                href={item.url}
                target="_blank"
                rel="noopener noreferrer"
                variant="light"
                size="xs"
              >
                Open link
                <VisuallyHidden> to {item.title} (opens in a new tab)</VisuallyHidden>
              </Button>
            )}
            {shareHref && item.networks.length > 0 && (
              <Button
                component={Link}
                to={shareHref(
                  item.id,
                  item.networks.find((n) => !item.shared_networks.includes(n)) ?? item.networks[0],
                )}
                size="xs"
              >
                Share
                <VisuallyHidden> {item.title}</VisuallyHidden>
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
    </Card>
  );
}
