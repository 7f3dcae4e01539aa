// Date ranges of the dashboards: inclusive ISO days (YYYY-MM-DD), the last 30 days unless
// the person picks others. The API checks a range and explains what is wrong with it; the
// pages show that explanation rather than second-guessing it.

export interface DateRange {
  from: string;
  to: string;
}

/** The API's default and the dashboards' too: 30 days, today included. */
export const DEFAULT_RANGE_DAYS = 30;

/** The longest range the API accepts (two years, a leap day included). */
export const MAX_RANGE_DAYS = 731;

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day of `date` where the person is, as the API writes days. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses `YYYY-MM-DD` as a local calendar day (never UTC midnight, which shifts west). */
export function parseDay(value: string): Date | null {
  const match = ISO_DAY.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(year, month - 1, day);
  if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) {
    return null;
  }
  return date;
}

export function addDays(date: Date, days: number): Date {
  const next = new Date(date);
  next.setDate(next.getDate() + days);
  return next;
}

export function defaultRange(today: Date = new Date()): DateRange {
  return { from: isoDay(addDays(today, -(DEFAULT_RANGE_DAYS - 1))), to: isoDay(today) };
}

/** A range from the query string, or the default for what is missing. */
export function rangeFromParams(params: URLSearchParams, today: Date = new Date()): DateRange {
  const fallback = defaultRange(today);
  return { from: params.get('from') || fallback.from, to: params.get('to') || fallback.to };
}

/** Days covered, both ends included; null when a day is not a real date. */
export function rangeLength(range: DateRange): number | null {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) return null;
  // Whole days between two local midnights; rounding absorbs daylight-saving hours.
  return Math.round((to.getTime() - from.getTime()) / 86_400_000) + 1;
}

/**
 * Why a range cannot be used, in the API's own terms; null when it is fine. Only the
 * downloads need this: a download cannot show the API's JSON error, a page can.
 */
export function rangeProblem(range: DateRange): string | null {
  const length = rangeLength(range);
  if (length === null) return 'Enter both days as dates.';
  if (length < 1) return 'The first day must be on or before the last day.';
  if (length > MAX_RANGE_DAYS) return 'The range may cover at most two years.';
  return null;
}

/** "3 Nov 2026", for a calendar day written `YYYY-MM-DD`. */
export function formatDay(value: string, options: Intl.DateTimeFormatOptions = {}): string {
  const date = parseDay(value);
  if (!date) return value;
  return date.toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...options,
  });
}

export function formatRange(range: DateRange): string {
  return `${formatDay(range.from)} – ${formatDay(range.to)}`;
}
