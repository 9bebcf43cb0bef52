/** A small inline-SVG bar chart: applied (up) and failed (down) per hour over the last 24 h. No chart library. */
export interface HourBucket {
  hour: string;
  applied: number;
  failed: number;
}

export function HourlyChart(props: { buckets: HourBucket[]; label: string }) {
  const width = 192;
  const height = 48;
  const mid = 32;
  const max = Math.max(1, ...props.buckets.map((bucket) => Math.max(bucket.applied, bucket.failed)));
  const step = width / Math.max(1, props.buckets.length);
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="img" aria-label={props.label}>
      <title>{props.label}</title>
      <line x1="0" y1={mid} x2={width} y2={mid} class="chart-axis" />
      {props.buckets.map((bucket, i) => {
        const up = Math.round((bucket.applied / max) * (mid - 2));
        const down = Math.round((bucket.failed / max) * (height - mid - 2));
        return (
          <g key={bucket.hour}>
            {up > 0 && <rect class="chart-ok" x={i * step + 1} y={mid - up} width={step - 2} height={up} />}
            {down > 0 && <rect class="chart-bad" x={i * step + 1} y={mid + 1} width={step - 2} height={down} />}
          </g>
        );
      })}
    </svg>
  );
}
