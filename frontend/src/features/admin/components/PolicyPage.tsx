import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Stack,
  Table,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';

import { ApiError } from '@/api/client';
import type { Policy } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { Pager } from '@/components/Pager';
import { EmptyState, ErrorState, errorMessage, LoadingState } from '@/components/PageState';
import { serverFieldErrors } from '@/lib/forms';
import { formatDateTime } from '@/lib/labels';

import { PAGE_SIZE } from '../api/admin';
import {
  useAcknowledgePolicy,
  useCurrentPolicy,
  usePolicies,
  usePublishPolicy,
} from '../api/policies';
import { Markdown } from '../lib/markdown';
import { needsAcknowledgement } from '../lib/policy';

/** Every member reads and acknowledges the current policy here; admins also publish. */
export function PolicyPage({ org, isAdmin }: { org: string; isAdmin: boolean }) {
  const current = useCurrentPolicy(org);

  return (
    <>
      <PageHeader
        title="Social media policy"
        description="How we speak about the organisation on social media. Acknowledge the current version before you share."
      />
      {current.isPending ? (
        <LoadingState />
      ) : current.error ? (
        <ErrorState error={current.error} onRetry={() => void current.refetch()} />
      ) : current.data ? (
        <CurrentPolicy org={org} policy={current.data} />
      ) : (
        <EmptyState title="No policy published yet">
          {isAdmin
            ? 'Publish the first version below. Members are asked to acknowledge it before they share.'
            : 'Your organisation has not published a social media policy yet. Nothing to acknowledge for now.'}
        </EmptyState>
      )}
      {isAdmin && <PolicyAdmin org={org} current={current.data ?? null} />}
    </>
  );
}

function CurrentPolicy({ org, policy }: { org: string; policy: Policy }) {
  const acknowledge = useAcknowledgePolicy(org);
  const pending = needsAcknowledgement(policy);
  return (
    <Card withBorder padding="lg" maw={860} component="article" aria-labelledby="policy-title">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={2} id="policy-title">
            {policy.title}
          </Title>
          <Text size="sm" c="dimmed">
            Version {policy.version}, published {formatDateTime(policy.published_at)}
            {policy.published_by ? ` by ${policy.published_by}` : ''}
          </Text>
        </div>
        {pending ? (
          <Badge color="orange" variant="light" size="lg" tt="none">
            Not acknowledged yet
          </Badge>
        ) : (
          <Badge color="green" variant="light" size="lg" tt="none">
            Acknowledged
          </Badge>
        )}
      </Group>
      <div data-testid="policy-body">
        <Markdown source={policy.body} headingOffset={2} />
      </div>
      <div aria-live="polite">
        {pending ? (
          <Stack gap="xs" mt="md" align="flex-start">
            {acknowledge.error && (
              <Alert color="red" role="alert" title="Not recorded">
                {acknowledge.error instanceof ApiError &&
                acknowledge.error.code === 'not_current_policy'
                  ? 'A newer version was published meanwhile. Reload the page and read it.'
                  : errorMessage(acknowledge.error)}
              </Alert>
            )}
            <Button
              loading={acknowledge.isPending}
              onClick={() =>
                acknowledge.mutate(policy.id, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'green',
                      message: 'Thank you: your acknowledgement is recorded.',
                    }),
                })
              }
            >
              I have read and accept this policy
            </Button>
          </Stack>
        ) : (
          <Text size="sm" c="dimmed" mt="md" data-testid="acknowledged-at">
            You acknowledged this version on {formatDateTime(policy.acknowledged_at)}.
          </Text>
        )}
      </div>
    </Card>
  );
}

function PolicyAdmin({ org, current }: { org: string; current: Policy | null }) {
  return (
    <Tabs defaultValue="history" mt="xl" maw={860}>
      <Tabs.List>
        <Tabs.Tab value="history">Version history</Tabs.Tab>
        <Tabs.Tab value="publish">Publish a new version</Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="history" pt="md">
        <PolicyHistory org={org} />
      </Tabs.Panel>
      <Tabs.Panel value="publish" pt="md">
        <PublishForm org={org} current={current} />
      </Tabs.Panel>
    </Tabs>
  );
}

function PolicyHistory({ org }: { org: string }) {
  const [page, setPage] = useState(1);
  const policies = usePolicies(org, page);
  if (policies.isPending) return <LoadingState />;
  if (policies.error) {
    return <ErrorState error={policies.error} onRetry={() => void policies.refetch()} />;
  }
  if (policies.data.results.length === 0) {
    return <Text size="sm">No versions yet.</Text>;
  }
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped verticalSpacing="sm" aria-label="Policy versions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Version</Table.Th>
              <Table.Th scope="col">Title</Table.Th>
              <Table.Th scope="col">Published</Table.Th>
              <Table.Th scope="col">Acknowledged by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {policies.data.results.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap="xs">
                    {p.version}
                    {p.is_current && (
                      <Badge size="sm" variant="light" color="green">
                        Current
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>{p.title}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(p.published_at)}</Text>
                  {p.published_by && (
                    <Text size="xs" c="dimmed">
                      by {p.published_by}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {p.acknowledged_count ?? 0}{' '}
                  {(p.acknowledged_count ?? 0) === 1 ? 'member' : 'members'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager
        page={page}
        count={policies.data.count}
        pageSize={PAGE_SIZE}
        onChange={setPage}
        label="Policy versions"
      />
    </>
  );
}

function PublishForm({ org, current }: { org: string; current: Policy | null }) {
  const publish = usePublishPolicy(org);
  const form = useForm({
    mode: 'controlled',
    initialValues: { title: current?.title ?? '', body: current?.body ?? '' },
    validate: {
      title: (v: string) =>
        !v.trim()
          ? 'Give the policy a title.'
          : v.length > 200
            ? 'Use at most 200 characters.'
            : null,
      body: (v: string) => (!v.trim() ? 'Write the policy text.' : null),
    },
  });
  const [preview, setPreview] = useState(false);

  return (
    <form
      aria-label="Publish a new policy version"
      noValidate
      onSubmit={form.onSubmit((values) =>
        publish.mutate(
          { title: values.title.trim(), body: values.body },
          {
            onSuccess: (policy) => {
              notifications.show({
                color: 'green',
                message: `Version ${policy.version} published. Every member is asked to acknowledge it.`,
              });
              form.resetDirty();
            },
            onError: (error) => form.setErrors(serverFieldErrors(error, ['title', 'body'])),
          },
        ),
      )}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Publishing makes a new version current; everyone, you included, must acknowledge it again
          before they can confirm a share. Formatting: # headings, - or 1. lists, **bold**.
        </Text>
        {publish.error && (
          <Alert color="red" role="alert" title="Not published">
            {errorMessage(publish.error)}
          </Alert>
        )}
        <TextInput label="Title" required maxLength={200} {...form.getInputProps('title')} />
        <Textarea
          label="Policy text"
          required
          autosize
          minRows={10}
          maxRows={30}
          {...form.getInputProps('body')}
        />
        {preview && (
          <Card withBorder aria-label="Preview">
            <Markdown source={form.values.body} headingOffset={2} />
          </Card>
        )}
        <Group>
          <Button type="submit" loading={publish.isPending}>
            Publish new version
          </Button>
          <Button variant="default" onClick={() => setPreview((p) => !p)}>
            {preview ? 'Hide preview' : 'Preview'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
