// The content grid as the editor sees it: cells grouped per (role, audience column), in
// position order, and the one reorder call a move becomes.
import type { GridCell, GridReorderInput } from '@/api/types';

/** The key of a column; `null` audience is the "every audience of the role" column. */
export const EVERY_AUDIENCE = '__every__';

export const columnKey = (audience: string | null | undefined) => audience ?? EVERY_AUDIENCE;

/** Cells of one role grouped by audience column, each list in position order. */
export function groupByColumn(cells: readonly GridCell[]): Map<string, GridCell[]> {
  const out = new Map<string, GridCell[]>();
  for (const cell of cells) {
    const key = columnKey(cell.audience);
    const list = out.get(key) ?? [];
    list.push(cell);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.position - b.position);
  return out;
}

/** `items` with the one at `from` moved by `delta` places (clamped); a copy, never in place. */
export function moveItem<T>(items: readonly T[], from: number, delta: number): T[] {
  const next = [...items];
  const to = Math.max(0, Math.min(items.length - 1, from + delta));
  if (from < 0 || from >= items.length || to === from) return next;
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved);
  return next;
}

/** The body of `POST grid/reorder` after moving the cell at `from` by `delta`. */
export function reorderPayload(
  role: string,
  audience: string | null,
  cells: readonly Pick<GridCell, 'id'>[],
  from: number,
  delta: number,
): GridReorderInput {
  return { role, audience, cells: moveItem(cells, from, delta).map((cell) => cell.id) };
}

/** The cached cells with the new order applied (positions rewritten 0..n-1). */
export function applyOrder(cells: readonly GridCell[], order: readonly string[]): GridCell[] {
  const rank = new Map(order.map((id, index) => [id, index]));
  return cells.map((cell) =>
    rank.has(cell.id) ? { ...cell, position: rank.get(cell.id) ?? cell.position } : cell,
  );
}
