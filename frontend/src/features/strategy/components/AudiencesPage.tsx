import { Badge, Group, Text } from '@mantine/core';

import type { Audience } from '@/api/types';
import { networkLabel } from '@/lib/labels';

import { NamedEntityListPage } from './NamedEntityListPage';
import type { EntityColumn } from './NamedEntityListPage';

/** Topics shown in a row before "+N more". */
const TOPICS_SHOWN = 4;

const COLUMNS: EntityColumn<Audience>[] = [
  {
    header: 'Topics',
    cell: (audience) => (
      <Group gap={4}>
        {audience.topics.slice(0, TOPICS_SHOWN).map((topic) => (
          <Badge key={topic} variant="outline" size="sm" tt="none">
            {topic}
          </Badge>
        ))}
        {audience.topics.length > TOPICS_SHOWN && (
          <Text size="xs" c="dimmed">
            +{audience.topics.length - TOPICS_SHOWN} more
          </Text>
        )}
        {audience.topics.length === 0 && (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Group>
    ),
  },
  {
    header: 'Networks',
    cell: (audience) => (
      <Text size="sm">
        {audience.networks.length ? audience.networks.map(networkLabel).join(', ') : 'Any'}
      </Text>
    ),
  },
  { header: 'Roles mapped', cell: (audience) => audience.role_count ?? '—' },
];

export function AudiencesPage({
  org,
  canEdit,
  basePath,
}: {
  org: string;
  canEdit: boolean;
  /** `/o/{org}/strategy`: where audience pages live. */
  basePath: string;
}) {
  return (
    <NamedEntityListPage
      org={org}
      kind="audiences"
      canEdit={canEdit}
      basePath={basePath}
      columns={COLUMNS}
      copy={{
        title: 'Audiences',
        description:
          'The groups of people we want to reach, what they care about and where they are.',
        newLabel: 'New audience',
        archivedLabel: 'Show archived audiences',
        nameHeader: 'Audience',
        emptyTitle: 'No audiences yet',
        emptyText: canEdit
          ? 'Create the first audience, such as “CIOs of large banks”, with New audience. Then map roles to it in the matrix.'
          : 'Your comms lead has not defined audiences yet.',
        pagerLabel: 'Audiences',
      }}
    />
  );
}
