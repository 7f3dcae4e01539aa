// Comparing two versions of a content item: field by field, and line by line for text.
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

export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A line diff (longest common subsequence), enough for summaries and copy. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the LCS of a[i..] and b[j..]
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push({ kind: 'same', text: a[i] });
      i += 1;
      j += 1;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      out.push({ kind: 'removed', text: a[i] });
      i += 1;
    } else {
      out.push({ kind: 'added', text: b[j] });
      j += 1;
    }
  }
  while (i < n) out.push({ kind: 'removed', text: a[i++] });
  while (j < m) out.push({ kind: 'added', text: b[j++] });
  return out;
}
