import { describe, expect, it } from 'vitest';

import type { Matrix } from '@/api/types';

import { applyCellChange, cellLevel, planCellChange, withCell } from './matrix';

const matrix: Matrix = {
  roles: [
    { id: 'r1', name: 'Sales' },
    { id: 'r2', name: 'Legal' },
  ],
  audiences: [
    { id: 'a1', name: 'CIOs' },
    { id: 'a2', name: 'Journalists' },
  ],
  cells: [{ id: 'c1', role: 'r1', audience: 'a1', level: 'lead' }],
  levels: { r1: { a1: 'lead' }, r2: {} },
};

describe('planCellChange', () => {
  const cell = matrix.cells[0];

  it('POSTs when a level is set on an empty cell', () => {
    expect(planCellChange(undefined, 'r2', 'a2', 'avoid')).toEqual({
      kind: 'create',
      role: 'r2',
      audience: 'a2',
      level: 'avoid',
    });
  });

  it('PATCHes when a level changes', () => {
    expect(planCellChange(cell, 'r1', 'a1', 'support')).toEqual({
      kind: 'update',
      id: 'c1',
      level: 'support',
    });
  });

  it('DELETEs when the level becomes none', () => {
    expect(planCellChange(cell, 'r1', 'a1', 'none')).toEqual({ kind: 'delete', id: 'c1' });
  });

  it('does nothing when nothing changes', () => {
    expect(planCellChange(cell, 'r1', 'a1', 'lead')).toEqual({ kind: 'noop' });
    expect(planCellChange(undefined, 'r2', 'a2', 'none')).toEqual({ kind: 'noop' });
  });
});

describe('applyCellChange (optimistic update)', () => {
  it('adds a new cell with a placeholder id and keeps levels in step', () => {
    const next = applyCellChange(matrix, 'r2', 'a2', 'support');
    expect(cellLevel(next, 'r2', 'a2')).toBe('support');
    expect(next.levels.r2).toEqual({ a2: 'support' });
    expect(next.cells.find((c) => c.role === 'r2')?.id).toMatch(/^pending-/);
    // The cached matrix it came from is untouched (rollback relies on it).
    expect(cellLevel(matrix, 'r2', 'a2')).toBe('none');
    expect(matrix.levels.r2).toEqual({});
  });

  it('changes a level in place, keeping the mapping id for the PATCH', () => {
    const next = applyCellChange(matrix, 'r1', 'a1', 'avoid');
    expect(next.cells).toEqual([{ id: 'c1', role: 'r1', audience: 'a1', level: 'avoid' }]);
    expect(next.levels.r1.a1).toBe('avoid');
  });

  it('removes the cell for none', () => {
    const next = applyCellChange(matrix, 'r1', 'a1', 'none');
    expect(next.cells).toEqual([]);
    expect(next.levels.r1).toEqual({});
  });

  it('rolls back by putting the previous cell back', () => {
    const optimistic = applyCellChange(matrix, 'r1', 'a1', 'none');
    const rolledBack = withCell(optimistic, 'r1', 'a1', matrix.cells[0]);
    expect(rolledBack.cells).toEqual(matrix.cells);
    expect(rolledBack.levels).toEqual(matrix.levels);
  });
});
