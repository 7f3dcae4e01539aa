import { Card, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDateTime } from '@/lib/labels';

import { PAGE_SIZE, useSandboxPosts } from '../api/shares';

/** What the built-in sandbox network received: the posts exactly as sent. */
export function SandboxPage({ org }: { org: string }) {
  const [page, setPage] = useState(1);
  const posts = useSandboxPosts(org, page);
  return (
    <>
      <PageHeader
        title="Sandbox"
        description="What the built-in sandbox network received, exactly as it was posted."
      />
      {posts.isPending ? (
        <LoadingState />
      ) : posts.error ? (
        <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />
      ) : posts.data.results.length === 0 ? (
        <EmptyState title="Nothing posted yet">
          Shares you confirm on the Sandbox network show up here.
        </EmptyState>
      ) : (
        <>
          <Stack gap="md">
            {posts.data.results.map((post) => (
              <Card
                key={post.id}
                id={post.id}
                withBorder
                padding="md"
                radius="md"
                data-testid="sandbox-post"
              >
                <Group justify="space-between" mb={6}>
                  <Text size="sm" fw={600}>
                    {post.author || post.account_id}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(post.created_at)}
                  </Text>
                </Group>
                <Text
                  component="pre"
                  m={0}
                  size="sm"
                  data-testid="sandbox-text"
                  style={{
                    whiteSpace: 'pre-wrap',
                    wordBreak: 'break-word',
                    fontFamily: 'var(--mantine-font-family-monospace)',
                  }}
                >
                  {post.text}
                </Text>
              </Card>
            ))}
          </Stack>
          <Pager
            page={page}
            count={posts.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Sandbox posts"
          />
        </>
      )}
    </>
  );
}
