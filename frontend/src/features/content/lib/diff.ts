// Comparing two versions of a content item: field by field, and word by word for text.
import { diffWordsWithSpace } from 'diff';

import type { ContentVersion } from '@/api/types';

export interface FieldDiff {
  field: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
  /** Long or multi-line text: worth a line diff. */
  long: boolean;
}

const FIELDS: { field: keyof ContentVersion; label: string }[] = [
  { field: 'title', label: 'Title' },
  { field: 'url', label: 'URL' },
  { field: 'summary', label: 'Summary' },
  { field: 'suggested_copy', label: 'Suggested copy' },
  { field: 'image_url', label: 'Image URL' },
  { field: 'networks', label: 'Networks' },
  { field: 'disclaimer', label: 'Disclaimer' },
  { field: 'expires_at', label: 'Expires' },
];

type Comparable = Pick<ContentVersion, (typeof FIELDS)[number]['field'] | 'angles'>;

function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return [...value].map(String).sort().join(', ');
  return String(value);
}

/**
 * Every compared field of two versions, the angles as one row per role (named with
 * `roleNames`, falling back to the id). `changed` marks what differs.
 */
export function diffVersions(
  before: Comparable,
  after: Comparable,
  roleNames: Record<string, string> = {},
): FieldDiff[] {
  const rows: FieldDiff[] = FIELDS.map(({ field, label }) => {
    const a = show(before[field]);
    const b = show(after[field]);
    return { field, label, before: a, after: b, changed: a !== b, long: isLong(a, b) };
  });
  const roles = [...new Set([...Object.keys(before.angles), ...Object.keys(after.angles)])];
  roles.sort((x, y) => (roleNames[x] ?? x).localeCompare(roleNames[y] ?? y));
  for (const role of roles) {
    const a = before.angles[role] ?? '';
    const b = after.angles[role] ?? '';
    rows.push({
      field: `angles.${role}`,
      label: `Angle (${roleNames[role] ?? 'a removed role'})`,
      before: a,
      after: b,
      changed: a !== b,
      long: isLong(a, b),
    });
  }
  return rows;
}

const isLong = (a: string, b: string) => a.length > 80 || b.length > 80 || /\n/.test(a + b);

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Word by word (spaces and line breaks kept), from jsdiff. */
export function textDiff(before: string, after: string): DiffPart[] {
  return diffWordsWithSpace(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** What a reviewer checks between the live version and the one in review. */
export const REVIEW_FIELDS = ['title', 'summary', 'suggested_copy', 'url'] as const;

/** The changed reviewed fields of `after` against `before`, in `REVIEW_FIELDS` order. */
export function reviewChanges(before: Comparable, after: Comparable): FieldDiff[] {
  const rows = diffVersions(before, after);
  return REVIEW_FIELDS.flatMap((field) => rows.filter((row) => row.field === field && row.changed));
}
