// The "For you" feed grouped by audience: an item sits in one or more grid cells, each a
// (role, audience) pair or (role, every audience of the role). People think in audiences
// ("what do I share with CIOs?"), so the feed is shown per audience.
import type { FeedCell, FeedItem } from '@/api/types';

export interface FeedEntry {
  item: FeedItem;
  /** The cells of this item in this audience column (one per role), with their notes. */
  cells: FeedCell[];
}

export interface FeedGroup {
  /** The audience id, or null for "every audience of your role". */
  audience: string | null;
  name: string;
  entries: FeedEntry[];
}

export const EVERY_AUDIENCE_NAME = 'All your audiences';

/**
 * Groups feed items by the audiences of their cells: named audiences alphabetically, the
 * every-audience column last; items keep the feed's (grid) order inside a group, and an
 * item appears once per group. With `onlyAudience`, only that audience's group and the
 * every-audience group are kept (what the API filter returns sits in one of them).
 */
export function groupFeedByAudience(
  items: readonly FeedItem[],
  onlyAudience?: string | null,
): FeedGroup[] {
  const groups = new Map<string, FeedGroup>();
  for (const item of items) {
    const byColumn = new Map<string | null, FeedCell[]>();
    for (const cell of [...item.cells].sort((a, b) => a.position - b.position)) {
      const list = byColumn.get(cell.audience) ?? [];
      list.push(cell);
      byColumn.set(cell.audience, list);
    }
    for (const [audience, cells] of byColumn) {
      if (onlyAudience && audience !== null && audience !== onlyAudience) continue;
      const key = audience ?? '';
      const group = groups.get(key) ?? {
        audience,
        name: audience === null ? EVERY_AUDIENCE_NAME : (cells[0].audience_name ?? 'Audience'),
        entries: [],
      };
      group.entries.push({ item, cells });
      groups.set(key, group);
    }
  }
  return [...groups.values()].sort((a, b) => {
    if (a.audience === null) return 1;
    if (b.audience === null) return -1;
    return a.name.localeCompare(b.name);
  });
}

/** "until 3 Dec" (with the year when it is not this year); "" without an expiry. */
export function expiryHint(expiresAt: string | null | undefined, now = new Date()): string {
  if (!expiresAt) return '';
  const date = new Date(expiresAt);
  if (Number.isNaN(date.getTime())) return '';
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short' };
  if (date.getFullYear() !== now.getFullYear()) options.year = 'numeric';
  return `until ${date.toLocaleDateString('en-GB', options)}`;
}
