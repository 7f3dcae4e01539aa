// Calendar days (`YYYY-MM-DD`) as the coaching API writes weeks: read as local days, so a
// week that starts on Monday is shown as that Monday wherever the person is.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseDay(value: string): Date | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function formatDay(value: string | null | undefined, withYear = true): string {
  if (!value) return '—';
  const date = parseDay(value);
  if (!date) return value;
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}

/** "16 – 22 Nov 2026" for a week given by its first and last day. */
export function formatWeek(start: string, end?: string): string {
  const first = parseDay(start);
  if (!first) return start;
  const last = end
    ? parseDay(end)
    : new Date(first.getFullYear(), first.getMonth(), first.getDate() + 6);
  if (!last) return formatDay(start);
  return `${formatDay(isoDay(first), false)} – ${formatDay(isoDay(last))}`;
}

/** A moment (ISO date-time) to the day it fell on, for `<input type="date">`. */
export function dayOf(value: string | null | undefined): string {
  if (!value) return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : isoDay(date);
}

/** A day from `<input type="date">` to a moment the API stores: noon, clear of any zone shift. */
export function dayToDateTime(value: string): string | null {
  const date = parseDay(value);
  if (!date) return null;
  date.setHours(12, 0, 0, 0);
  return date.toISOString();
}
