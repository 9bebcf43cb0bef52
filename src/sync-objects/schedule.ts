/** Cron-mode schedule arithmetic. Pure. */
import { ScheduleUnit } from './sync-object.types';

const UNIT_MS: Record<ScheduleUnit, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};

export function intervalMs(interval: number, unit: ScheduleUnit): number {
  return interval * UNIT_MS[unit];
}

/**
 * The next run after the one planned at `plannedAt`: advance from the planned time
 * (not from when the run finished — no drift), skipping slots already in the past
 * (after downtime: one run, not a burst of catch-up runs).
 */
export function nextRunAfter(plannedAt: Date, interval: number, unit: ScheduleUnit, now: Date): Date {
  const step = intervalMs(interval, unit);
  const planned = plannedAt.getTime();
  if (planned + step > now.getTime()) return new Date(planned + step);
  const missed = Math.floor((now.getTime() - planned) / step);
  return new Date(planned + (missed + 1) * step);
}
