import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link } from 'react-router';

import type { ContentStatus } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { formatDate } from '@/lib/labels';

import { PAGE_SIZE, useSuggest, useSuggestions } from '../api/content';
import { contentErrorMessage, serverFieldErrors } from '../lib/errors';
import { validateUrl } from '../lib/form';

import { statusColor } from './labels';

export function SuggestPage({
  org,
  seesEveryone,
  libraryPath,
}: {
  org: string;
  /** Comms leads and reviewers see everyone's suggestions, with links to the library. */
  seesEveryone: boolean;
  libraryPath: string;
}) {
  const [page, setPage] = useState(1);
  const suggestions = useSuggestions(org, page);
  const suggest = useSuggest(org);
  const form = useForm({
    initialValues: { url: '', why: '' },
    validate: { url: (v) => validateUrl(v, true) },
  });

  return (
    <>
      <PageHeader
        title="Suggest content"
        description="Found something your audiences should see? Send it to the comms team; they review it before anyone shares it."
      />
      <Card withBorder maw={720} mb="xl">
        <form
          noValidate
          aria-label="Suggest content"
          onSubmit={form.onSubmit((values) =>
            suggest.mutate(
              { url: values.url.trim(), why: values.why.trim() },
              {
                onSuccess: () => {
                  notifications.show({
                    color: 'green',
                    message: 'Thanks! The comms team will look at it.',
                  });
                  form.reset();
                },
                onError: (error) => form.setErrors(serverFieldErrors(error, ['url', 'why'])),
              },
            ),
          )}
        >
          <Stack>
            {suggest.error && (
              <Alert color="red" role="alert" title="Not sent">
                {contentErrorMessage(suggest.error)}
              </Alert>
            )}
            <TextInput
              label="Link"
              type="url"
              required
              placeholder="https://"
              description="http or https only."
              maxLength={2000}
              {...form.getInputProps('url')}
            />
            <Textarea
              label="Why is it worth sharing?"
              description="Who would care, and why (optional)."
              autosize
              minRows={2}
              maxLength={2000}
              {...form.getInputProps('why')}
            />
            <Group>
              <Button type="submit" loading={suggest.isPending}>
                Send suggestion
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>

      <Title order={2} size="h3" mb="sm">
        {seesEveryone ? 'Suggestions from everyone' : 'Your suggestions'}
      </Title>
      {suggestions.isPending ? (
        <LoadingState />
      ) : suggestions.error ? (
        <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} />
      ) : suggestions.data.results.length === 0 ? (
        <EmptyState title="No suggestions yet">
          What you suggest is listed here with what became of it.
        </EmptyState>
      ) : (
        <>
          <Stack gap="sm" maw={720} data-testid="suggestions">
            {suggestions.data.results.map((s) => (
              <Card
                key={s.id}
                withBorder
                padding="sm"
                component="article"
                aria-label={s.title || s.url}
              >
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    {seesEveryone ? (
                      <Anchor component={Link} to={`${libraryPath}/${s.id}`} fw={600}>
                        {s.title || s.url}
                      </Anchor>
                    ) : (
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {s.title || s.url}
                      </Text>
                    )}
                    <Anchor
                      href={s.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="xs"
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {s.url}
                    </Anchor>
                    {s.why && <Text size="sm">“{s.why}”</Text>}
                    <Text size="xs" c="dimmed">
                      {seesEveryone && s.suggested_by ? `${s.suggested_by} · ` : ''}
                      {formatDate(s.created_at)}
                    </Text>
                    {s.rejection_reason && (
                      <Text size="sm" c="red">
                        Reason: {s.rejection_reason}
                      </Text>
                    )}
                  </Stack>
                  <Badge
                    color={statusColor(s.status as ContentStatus)}
                    variant="light"
                    tt="none"
                    style={{ flexShrink: 0 }}
                    data-testid="outcome"
                  >
                    {s.outcome}
                  </Badge>
                </Group>
              </Card>
            ))}
          </Stack>
          <Pager
            page={page}
            count={suggestions.data.count}
            pageSize={PAGE_SIZE}
            onChange={setPage}
            label="Suggestions"
          />
        </>
      )}
    </>
  );
}
