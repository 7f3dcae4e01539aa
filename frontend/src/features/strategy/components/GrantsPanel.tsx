import { Alert, Button, Card, Group, List, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';

import { errorMessage } from '@/components/PageState';

import { useGrantChange, useGrants, useMemberPicker } from '../api/strategy';
import type { GrantKind } from '../api/strategy';

/**
 * Admins only: let specific members manage this one role or audience (even when their
 * organisation role would not allow it).
 */
export function GrantsPanel({
  org,
  kind,
  id,
  objectName,
}: {
  org: string;
  kind: GrantKind;
  id: string;
  objectName: string;
}) {
  const grants = useGrants(org, kind, id);
  const members = useMemberPicker(org);
  const change = useGrantChange(org, kind, id);
  const [member, setMember] = useState<string | null>(null);
  const noun = kind === 'roles' ? 'role' : 'audience';

  const granted = new Set((grants.data?.results ?? []).map((g) => g.member));
  const options = (members.data?.results ?? [])
    .filter((m) => !granted.has(m.id))
    .map((m) => ({ value: m.id, label: m.email ? `${m.name || m.email} (${m.email})` : m.name }));

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`grants-${id}`}>
      <Title order={2} size="h4" id={`grants-${id}`}>
        Who else may manage this {noun}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Admins and comms leads always can. Add a member to let them edit or archive “{objectName}”
        only.
      </Text>
      {change.error && (
        <Alert color="red" role="alert" mb="sm" title="The change was not saved">
          {errorMessage(change.error)}
        </Alert>
      )}
      <Stack gap="sm">
        {grants.isPending ? (
          <Text size="sm">Loading…</Text>
        ) : grants.error ? (
          <Text size="sm" c="red" role="alert">
            {errorMessage(grants.error)}
          </Text>
        ) : grants.data.results.length === 0 ? (
          <Text size="sm">Nobody else yet.</Text>
        ) : (
          <List spacing="xs" listStyleType="none" aria-label="Members who may manage it">
            {grants.data.results.map((grant) => (
              <List.Item key={grant.member}>
                <Group gap="sm" wrap="nowrap">
                  <Text size="sm">
                    {grant.name || grant.email}{' '}
                    <Text span c="dimmed" size="sm">
                      {grant.email}
                    </Text>
                  </Text>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Remove ${grant.name || grant.email}`}
                    loading={change.isPending && change.variables?.member === grant.member}
                    onClick={() => change.mutate({ member: grant.member, remove: true })}
                  >
                    Remove
                  </Button>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
        <Group align="flex-end" gap="sm">
          <Select
            label="Member"
            placeholder="Pick a member"
            searchable
            data={options}
            value={member}
            onChange={setMember}
            nothingFoundMessage="No member matches"
            w={{ base: '100%', xs: 320 }}
          />
          <Button
            disabled={!member}
            loading={change.isPending && !change.variables?.remove}
            onClick={() => {
              if (!member) return;
              change.mutate({ member }, { onSuccess: () => setMember(null) });
            }}
          >
            Allow
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
