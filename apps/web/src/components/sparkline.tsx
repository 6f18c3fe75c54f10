'use client';

import { Area, AreaChart, Tooltip, YAxis } from 'recharts';
import { formatRate, formatTime } from './format.ts';

/** A small fixed-size area chart of a rate over time; fixed size so nothing measures a zero-width box. */
export function Sparkline({
  points,
  label,
  color = 'var(--accent)',
  width = 260,
  height = 56,
}: {
  points: readonly { at: number; value: number }[];
  label: string;
  color?: string;
  width?: number;
  height?: number;
}) {
  return (
    <div className="sparkline" role="img" aria-label={`${label}: ${points.length} samples`}>
      <AreaChart
        width={width}
        height={height}
        data={points as { at: number; value: number }[]}
        margin={{ top: 4, right: 0, bottom: 0, left: 0 }}
      >
        <YAxis hide domain={[0, 'auto']} />
        <Tooltip
          cursor={false}
          isAnimationActive={false}
          formatter={(value) => [formatRate(Number(value)), label]}
          labelFormatter={(_, payload) => {
            const at = payload?.[0]?.payload?.at;
            return typeof at === 'number' ? formatTime(at) : '';
          }}
        />
        <Area
          type="monotone"
          dataKey="value"
          stroke={color}
          fill={color}
          fillOpacity={0.15}
          strokeWidth={1.5}
          isAnimationActive={false}
          dot={false}
        />
      </AreaChart>
    </div>
  );
}
