// The dashboards' charts, drawn with Recharts. Each one sits inside a `ChartFigure`, which
// gives it a name, a sentence and a table of its numbers: the drawing itself is hidden from
// assistive technology and out of the tab order (`accessibilityLayer={false}`).
import { useMantineTheme } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

import { formatCount } from '../lib/metrics';
import { formatDay } from '../lib/range';

/** The two numbers the product is for, in the same colours on every chart. */
function useSeriesColours() {
  const theme = useMantineTheme();
  return { conversations: theme.colors.grape[7], clicks: theme.colors.blue[7] };
}

const AXIS_TICK = { fontSize: 12 };

export interface OverTimePoint {
  day: string;
  clicks: number;
  conversations: number;
}

/** Clicks by people and conversations, one point per day. */
export function OverTimeChart({ points }: { points: readonly OverTimePoint[] }) {
  const colours = useSeriesColours();
  return (
    <LineChart
      data={[...points]}
      responsive
      style={{ width: '100%', height: 220 }}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" vertical={false} />
      <XAxis
        dataKey="day"
        tick={AXIS_TICK}
        tickFormatter={(day: string) => formatDay(day, { year: undefined })}
        minTickGap={24}
      />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
      <Tooltip
        labelFormatter={(day) => formatDay(String(day), { weekday: 'short' })}
        formatter={(value) => formatCount(Number(value))}
      />
      <Legend />
      <Line
        type="monotone"
        dataKey="conversations"
        name="Conversations"
        stroke={colours.conversations}
        strokeWidth={2}
        dot={points.length <= 31}
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="clicks"
        name="Clicks by people"
        stroke={colours.clicks}
        strokeWidth={2}
        strokeDasharray="6 3"
        dot={points.length <= 31}
        isAnimationActive={false}
      />
    </LineChart>
  );
}

export interface BreakdownBar {
  label: string;
  clicks: number;
  conversations: number;
}

/** Conversations and clicks side by side, one row of bars per role, audience, content or network. */
export function BreakdownChart({ bars }: { bars: readonly BreakdownBar[] }) {
  const colours = useSeriesColours();
  return (
    <BarChart
      data={[...bars]}
      layout="vertical"
      responsive
      style={{ width: '100%', height: Math.max(120, 48 + bars.length * 36) }}
      margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <CartesianGrid strokeDasharray="3 3" horizontal={false} />
      <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
      <YAxis
        type="category"
        dataKey="label"
        width={160}
        tick={AXIS_TICK}
        tickFormatter={(label: string) => (label.length > 24 ? `${label.slice(0, 23)}…` : label)}
      />
      <Tooltip formatter={(value) => formatCount(Number(value))} />
      <Legend />
      <Bar
        dataKey="conversations"
        name="Conversations"
        fill={colours.conversations}
        isAnimationActive={false}
      />
      <Bar
        dataKey="clicks"
        name="Clicks by people"
        fill={colours.clicks}
        isAnimationActive={false}
      />
    </BarChart>
  );
}

export interface ObjectivePeriodBar {
  period: string;
  actual: number;
}

/** An objective's earlier periods and the current one against its target line. */
export function ObjectiveChart({
  periods,
  target,
}: {
  periods: readonly ObjectivePeriodBar[];
  target: number;
}) {
  const theme = useMantineTheme();
  const max = Math.max(target, ...periods.map((period) => period.actual));
  return (
    <BarChart
      data={[...periods]}
      responsive
      style={{ width: '100%', height: 140 }}
      margin={{ top: 12, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer={false}
    >
      <XAxis dataKey="period" tick={AXIS_TICK} interval="preserveStartEnd" />
      <YAxis allowDecimals={false} tick={AXIS_TICK} width={36} domain={[0, max]} />
      <Tooltip formatter={(value) => formatCount(Number(value))} />
      <ReferenceLine
        y={target}
        stroke={theme.colors.green[8]}
        strokeDasharray="4 2"
        label={{ value: `Target ${formatCount(target)}`, position: 'insideTopRight', fontSize: 12 }}
      />
      <Bar dataKey="actual" name="Done" fill={theme.colors.blue[7]} isAnimationActive={false} />
    </BarChart>
  );
}
