import {
  Alert,
  Anchor,
  Badge,
  Group,
  NativeSelect,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useMutationState } from '@tanstack/react-query';
import { Link } from 'react-router';

import { ENGAGEMENT_LEVELS } from '@/api/types';
import type { EngagementLevel, Matrix } from '@/api/types';
import { PageHeader } from '@/components/PageHeader';
import { EmptyState, ErrorState, LoadingState } from '@/components/PageState';
import { levelDescription, levelLabel } from '@/lib/labels';

import { useSetCellLevel } from '../api/matrix';
import type { CellChange } from '../api/matrix';
import { useMatrix } from '../api/strategy';
import { findCell } from '../lib/matrix';
import type { CellLevel } from '../lib/matrix';

import classes from './MatrixPage.module.css';

export const LEVEL_COLORS: Record<EngagementLevel, string> = {
  lead: 'green',
  support: 'blue',
  avoid: 'red',
};

const LEVEL_SYMBOLS: Record<EngagementLevel, string> = { lead: '●', support: '◐', avoid: '⊘' };

const cellOptions = [
  { value: 'none', label: '—  None' },
  ...ENGAGEMENT_LEVELS.map((level) => ({
    value: level,
    label: `${LEVEL_SYMBOLS[level]}  ${levelLabel(level)}`,
  })),
];

export function MatrixLegend() {
  return (
    <Group gap="xs" mb="md" aria-label="Legend" role="list">
      {ENGAGEMENT_LEVELS.map((level) => (
        <Badge
          key={level}
          role="listitem"
          color={LEVEL_COLORS[level]}
          variant="light"
          size="lg"
          tt="none"
          leftSection={<span aria-hidden>{LEVEL_SYMBOLS[level]}</span>}
        >
          {levelLabel(level)}: {levelDescription(level)}
        </Badge>
      ))}
      <Badge variant="default" size="lg" tt="none" role="listitem">
        — None: no mapping
      </Badge>
    </Group>
  );
}

export function MatrixPage({
  org,
  canEdit,
  rolesHref,
  audiencesHref,
}: {
  org: string;
  canEdit: boolean;
  rolesHref: string;
  audiencesHref: string;
}) {
  const matrix = useMatrix(org);

  return (
    <>
      <PageHeader
        title="Role × audience matrix"
        description={
          canEdit
            ? 'Which role engages which audience. Choose a level in a cell; it is saved at once.'
            : 'Which role engages which audience, and how. Ask your comms lead to change it.'
        }
      />
      <MatrixLegend />
      {matrix.isPending ? (
        <LoadingState />
      ) : matrix.error ? (
        <ErrorState error={matrix.error} onRetry={() => void matrix.refetch()} />
      ) : matrix.data.roles.length === 0 || matrix.data.audiences.length === 0 ? (
        <EmptyState title="Nothing to map yet">
          {canEdit ? (
            <>
              The matrix needs at least one role and one audience. Create them on the{' '}
              <Anchor component={Link} to={rolesHref}>
                Roles
              </Anchor>{' '}
              and{' '}
              <Anchor component={Link} to={audiencesHref}>
                Audiences
              </Anchor>{' '}
              pages.
            </>
          ) : (
            'Your comms lead has not defined roles and audiences yet.'
          )}
        </EmptyState>
      ) : (
        <MatrixGrid org={org} matrix={matrix.data} canEdit={canEdit} />
      )}
    </>
  );
}

export function MatrixGrid({
  org,
  matrix,
  canEdit,
}: {
  org: string;
  matrix: Matrix;
  canEdit: boolean;
}) {
  const setLevel = useSetCellLevel(org);
  const pending = useMutationState({
    filters: { mutationKey: ['org', org, 'matrix', 'cell'], status: 'pending' },
    select: (mutation) => {
      const change = mutation.state.variables as CellChange | undefined;
      return change ? `${change.role}:${change.audience}` : '';
    },
  });
  const pendingCells = new Set(pending);
  const minWidth = 200 + matrix.audiences.length * 150;

  return (
    <>
      <Text size="sm" c="dimmed" hiddenFrom="sm" mb="xs">
        Scroll sideways to see every audience.
      </Text>
      {/* Focusable, so keyboard users can scroll it sideways too. */}
      <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0}>
        <Table
          withTableBorder
          withColumnBorders
          className={classes.matrix}
          aria-label="Role and audience matrix"
          data-testid="matrix"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col" className={classes.corner}>
                <VisuallyHidden>Role</VisuallyHidden>
                <Text size="xs" c="dimmed" aria-hidden>
                  Role ↓ / Audience →
                </Text>
              </Table.Th>
              {matrix.audiences.map((audience) => (
                <Table.Th key={audience.id} scope="col" className={classes.audience}>
                  {audience.name}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {matrix.roles.map((role) => (
              <Table.Tr key={role.id}>
                <Table.Th scope="row" className={classes.role}>
                  {role.name}
                </Table.Th>
                {matrix.audiences.map((audience) => {
                  const cell = findCell(matrix, role.id, audience.id);
                  const level: CellLevel = cell?.level ?? 'none';
                  const label = `${role.name} engaging ${audience.name}`;
                  const isPending = pendingCells.has(`${role.id}:${audience.id}`);
                  return (
                    <Table.Td
                      key={audience.id}
                      className={classes.cell}
                      data-level={level}
                      data-testid={`cell-${role.name}-${audience.name}`}
                    >
                      {canEdit ? (
                        <NativeSelect
                          aria-label={label}
                          size="xs"
                          data={cellOptions}
                          value={level}
                          disabled={isPending}
                          aria-busy={isPending || undefined}
                          classNames={{ input: classes.select }}
                          data-level={level}
                          onChange={(event) => {
                            const next = event.currentTarget.value as CellLevel;
                            if (next === level) return;
                            setLevel.mutate({
                              role: role.id,
                              audience: audience.id,
                              previous: cell,
                              level: next,
                              roleName: role.name,
                              audienceName: audience.name,
                            });
                          }}
                        />
                      ) : level === 'none' ? (
                        <Text size="sm" c="dimmed" aria-label={`${label}: none`}>
                          —
                        </Text>
                      ) : (
                        <Badge
                          color={LEVEL_COLORS[level]}
                          variant="light"
                          tt="none"
                          aria-label={`${label}: ${levelLabel(level)}`}
                          leftSection={<span aria-hidden>{LEVEL_SYMBOLS[level]}</span>}
                        >
                          {levelLabel(level)}
                        </Badge>
                      )}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {canEdit && (
        <Alert variant="light" color="gray" mt="md">
          Tip: use Tab to move between cells and the arrow keys (or Space) to pick a level. Avoid
          means members of that role are warned off the audience when they share.
        </Alert>
      )}
    </>
  );
}
