// The role x audience matrix as the editor sees it: what a change to one cell means for the
// API (create, update or delete a mapping), and the same change applied to the cached
// matrix so the grid updates before the server answers.
import type { EngagementLevel, Matrix, MatrixCell } from '@/api/types';

export type CellLevel = EngagementLevel | 'none';

export type CellAction =
  | { kind: 'noop' }
  | { kind: 'create'; role: string; audience: string; level: EngagementLevel }
  | { kind: 'update'; id: string; level: EngagementLevel }
  | { kind: 'delete'; id: string };

export function findCell(matrix: Matrix, role: string, audience: string): MatrixCell | undefined {
  return matrix.cells.find((cell) => cell.role === role && cell.audience === audience);
}

export function cellLevel(matrix: Matrix, role: string, audience: string): CellLevel {
  return findCell(matrix, role, audience)?.level ?? 'none';
}

/** none -> level: POST; level -> other level: PATCH; level -> none: DELETE. */
export function planCellChange(
  cell: MatrixCell | undefined,
  role: string,
  audience: string,
  next: CellLevel,
): CellAction {
  if (!cell) {
    return next === 'none' ? { kind: 'noop' } : { kind: 'create', role, audience, level: next };
  }
  if (next === 'none') return { kind: 'delete', id: cell.id };
  if (next === cell.level) return { kind: 'noop' };
  return { kind: 'update', id: cell.id, level: next };
}

/**
 * Returns a copy of `matrix` with the (role, audience) cell replaced by `cell` (or removed
 * when `cell` is null), keeping `cells` and `levels` in step. Never mutates its input.
 */
export function withCell(
  matrix: Matrix,
  role: string,
  audience: string,
  cell: MatrixCell | null,
): Matrix {
  const cells = matrix.cells.filter((c) => !(c.role === role && c.audience === audience));
  if (cell) cells.push(cell);
  const roleLevels = { ...(matrix.levels[role] ?? {}) };
  if (cell) roleLevels[audience] = cell.level;
  else delete roleLevels[audience];
  return { ...matrix, cells, levels: { ...matrix.levels, [role]: roleLevels } };
}

export const PENDING_ID_PREFIX = 'pending-';

/** The optimistic matrix for a change: a new cell gets a placeholder id until the POST answers. */
export function applyCellChange(
  matrix: Matrix,
  role: string,
  audience: string,
  next: CellLevel,
): Matrix {
  const current = findCell(matrix, role, audience);
  if (next === 'none') return withCell(matrix, role, audience, null);
  const id = current?.id ?? `${PENDING_ID_PREFIX}${role}-${audience}`;
  return withCell(matrix, role, audience, { id, role, audience, level: next });
}

export function countByLevel(matrix: Matrix): Record<EngagementLevel, number> {
  const counts: Record<EngagementLevel, number> = { lead: 0, support: 0, avoid: 0 };
  for (const cell of matrix.cells) counts[cell.level] += 1;
  return counts;
}
