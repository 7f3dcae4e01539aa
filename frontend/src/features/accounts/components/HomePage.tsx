import { Badge, Card, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

import type { Me, Membership } from '@/api/types';
import { roleLabel } from '@/lib/labels';

/**
 * The organisation's landing page for everyone: who I am here and, below, `children` (the
 * app puts the "For you" feed there) or what comes next.
 */
export function HomePage({
  me,
  membership,
  children,
}: {
  me: Me;
  membership: Membership;
  children?: ReactNode;
}) {
  const firstName = (me.name || me.email).split(' ')[0];
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>Welcome, {firstName}</Title>
        <Text c="dimmed">
          {me.name || me.email} · {membership.org_name}
        </Text>
      </div>

      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Card withBorder padding="md" radius="md">
          <Text size="sm" c="dimmed">
            My organisation role
          </Text>
          <Text fw={600} size="lg" data-testid="org-role">
            {roleLabel(membership.org_role)}
          </Text>
        </Card>
        <Card withBorder padding="md" radius="md">
          <Text size="sm" c="dimmed" id="advocacy-roles-label">
            My advocacy roles
          </Text>
          {membership.advocacy_role_names.length ? (
            <Group gap="xs" mt={4} aria-labelledby="advocacy-roles-label" role="list">
              {membership.advocacy_role_names.map((role) => (
                <Badge key={role} variant="light" role="listitem">
                  {role}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="sm" mt={4}>
              None yet. Your comms lead assigns advocacy roles such as Sales or Engineering.
            </Text>
          )}
        </Card>
        <Card withBorder padding="md" radius="md">
          <Text size="sm" c="dimmed">
            Ambassador
          </Text>
          <Text fw={600} size="lg">
            {membership.ambassador ? 'Yes' : 'Not yet'}
          </Text>
          <Text size="xs" c="dimmed">
            {membership.ambassador
              ? 'You are among the first to share.'
              : 'Ambassadors share first while the programme starts.'}
          </Text>
        </Card>
      </SimpleGrid>

      {children ?? (
        <Card withBorder padding="lg" radius="md">
          <Title order={2} size="h3">
            What comes next
          </Title>
          <Text c="dimmed" mt={4}>
            Nothing to share yet. Here is what this space will hold:
          </Text>
          <List mt="sm" spacing="xs">
            <List.Item>Approved content picked for your roles and audiences.</List.Item>
            <List.Item>Your drafts, in your own words, and what you posted.</List.Item>
            <List.Item>The clicks and conversations your posts started.</List.Item>
          </List>
        </Card>
      )}
    </Stack>
  );
}
