/**
 * Rates measured on the receiving side (the fake external system's arrival times), for the
 * throttling tests: the busiest 1-second window and the mean rate over the whole backlog.
 */
import { busiestWindow } from '../../src/web-services/outbound/throttle';

export interface RateFigures {
  count: number;
  /** Arrivals in the busiest window of `windowMs` (half-open). */
  busiest: number;
  /** (count - 1) / span: the mean rate per second between the first and the last arrival. */
  meanPerSecond: number;
  spanMs: number;
}

export function rateFigures(times: number[], windowMs = 1000): RateFigures {
  const sorted = [...times].sort((a, b) => a - b);
  const spanMs = sorted.length > 1 ? sorted[sorted.length - 1] - sorted[0] : 0;
  return {
    count: sorted.length,
    busiest: busiestWindow(sorted, windowMs),
    meanPerSecond: spanMs > 0 ? ((sorted.length - 1) * 1000) / spanMs : 0,
    spanMs,
  };
}
