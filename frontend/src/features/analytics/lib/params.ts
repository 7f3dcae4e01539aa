import { useSearchParams } from 'react-router';

import type { GroupBy } from '../api/analytics';

import { isGroupBy } from './metrics';
import { rangeFromParams, type DateRange } from './range';

/**
 * The dashboard's range and grouping live in the address (`?from=&to=&group_by=`), so a
 * view can be bookmarked or sent to a colleague, and Back returns to the previous range.
 */
export function useDashboardParams(groups: readonly GroupBy[]) {
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params);
  const requested = params.get('group_by');
  const groupBy: GroupBy = isGroupBy(requested, groups) ? requested : groups[0];

  const setRange = (next: DateRange) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      out.set('from', next.from);
      out.set('to', next.to);
      return out;
    });

  const setGroupBy = (next: GroupBy) =>
    setParams(
      (current) => {
        const out = new URLSearchParams(current);
        out.set('group_by', next);
        return out;
      },
      { replace: true },
    );

  return { range, groupBy, setRange, setGroupBy };
}

/** The range alone, for pages without groupings. */
export function useRangeParam() {
  const [params, setParams] = useSearchParams();
  const range = rangeFromParams(params);
  const setRange = (next: DateRange) =>
    setParams((current) => {
      const out = new URLSearchParams(current);
      out.set('from', next.from);
      out.set('to', next.to);
      return out;
    });
  return { range, setRange, params, setParams };
}
