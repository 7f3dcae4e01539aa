import { describe, expect, it } from 'vitest';

import type { GridCell } from '@/api/types';

import { applyOrder, EVERY_AUDIENCE, groupByColumn, moveItem, reorderPayload } from './grid';

const cell = (id: string, audience: string | null, position: number): GridCell => ({
  id,
  role: 'r1',
  role_name: 'Sales',
  audience,
  audience_name: audience ? `Audience ${audience}` : null,
  content: `content-${id}`,
  content_title: `Title ${id}`,
  position,
  note: '',
  live: true,
  live_until: null,
});

describe('moveItem', () => {
  it('moves up and down and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 5)).toEqual(['a', 'b', 'c']);
  });

  it('never changes its input', () => {
    const items = ['a', 'b'];
    moveItem(items, 0, 1);
    expect(items).toEqual(['a', 'b']);
  });
});

describe('reorderPayload', () => {
  it('sends every id of the cell in the new order', () => {
    const cells = [cell('x', 'a1', 0), cell('y', 'a1', 1), cell('z', 'a1', 2)];
    expect(reorderPayload('r1', 'a1', cells, 2, -1)).toEqual({
      role: 'r1',
      audience: 'a1',
      cells: ['x', 'z', 'y'],
    });
  });

  it('keeps a null audience for the every-audience column', () => {
    const cells = [cell('x', null, 0), cell('y', null, 1)];
    expect(reorderPayload('r1', null, cells, 0, 1)).toEqual({
      role: 'r1',
      audience: null,
      cells: ['y', 'x'],
    });
  });
});

describe('groupByColumn and applyOrder', () => {
  it('groups by audience with null as the every-audience column, sorted by position', () => {
    const groups = groupByColumn([cell('b', 'a1', 1), cell('a', 'a1', 0), cell('n', null, 0)]);
    expect(groups.get('a1')?.map((c) => c.id)).toEqual(['a', 'b']);
    expect(groups.get(EVERY_AUDIENCE)?.map((c) => c.id)).toEqual(['n']);
  });

  it('rewrites positions from an order', () => {
    const cells = applyOrder([cell('a', 'a1', 0), cell('b', 'a1', 1)], ['b', 'a']);
    expect(
      groupByColumn(cells)
        .get('a1')
        ?.map((c) => c.id),
    ).toEqual(['b', 'a']);
  });
});
