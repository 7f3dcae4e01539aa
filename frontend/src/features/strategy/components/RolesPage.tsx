import { Badge, Text } from '@mantine/core';

import type { Role } from '@/api/types';
import { networkLabel } from '@/lib/labels';

import { NamedEntityListPage } from './NamedEntityListPage';
import type { EntityColumn } from './NamedEntityListPage';

const COLUMNS: EntityColumn<Role>[] = [
  { header: 'Objectives', cell: (role) => role.objectives.length || '—' },
  {
    header: 'Networks',
    cell: (role) => (
      <Text size="sm">
        {role.networks.length ? role.networks.map(networkLabel).join(', ') : 'All enabled'}
      </Text>
    ),
  },
  { header: 'Members', cell: (role) => role.member_count ?? '—' },
  {
    header: 'Review',
    cell: (role) =>
      role.review_before_posting ? (
        <Badge variant="light" color="orange" size="sm" tt="none">
          Before posting
        </Badge>
      ) : (
        <Text size="sm" c="dimmed">
          No
        </Text>
      ),
  },
];

export function RolesPage({
  org,
  canEdit,
  basePath,
}: {
  org: string;
  canEdit: boolean;
  /** `/o/{org}/strategy`: where role pages live. */
  basePath: string;
}) {
  return (
    <NamedEntityListPage
      org={org}
      kind="roles"
      canEdit={canEdit}
      basePath={basePath}
      columns={COLUMNS}
      copy={{
        title: 'Advocacy roles',
        description: canEdit
          ? 'The parts people play: what they are responsible for and what they aim for.'
          : 'The parts people play in our advocacy, and what each aims for.',
        newLabel: 'New role',
        archivedLabel: 'Show archived roles',
        nameHeader: 'Role',
        emptyTitle: 'No roles yet',
        emptyText: canEdit
          ? 'Create the first role, such as Sales or Engineering, with New role. Then map it to audiences in the matrix.'
          : 'Your comms lead has not defined advocacy roles yet.',
        pagerLabel: 'Roles',
      }}
    />
  );
}
