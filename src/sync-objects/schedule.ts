/**
 * Cron-mode schedule arithmetic. Pure (the cron parser is the `cron` package that
 * @nestjs/schedule is built on: one parser for the whole application).
 *
 * A schedule is either a fixed interval (`{interval, unit}`, counted from the planned
 * time; months keep the day of month the schedule was set on, its anchor) or a cron
 * expression read in an IANA time zone. Either way the next run comes from the plan,
 * never from when a run finished (no drift), and slots already in the past are
 * skipped (after downtime: one run, not a burst).
 */
import { CronTime } from 'cron';
import { ScheduleUnit } from './sync-object.types';

export type Schedule =
  { kind: 'interval'; interval: number; unit: ScheduleUnit; anchor?: Date | null } | { kind: 'cron'; cron: string; timezone: string };

/** The stored columns of a schedule (sync_object), any of the optional ones absent on old rows. */
export interface ScheduleColumns {
  scheduleInterval: number;
  scheduleUnit: ScheduleUnit;
  scheduleCron?: string | null;
  scheduleTimezone?: string | null;
  scheduleAnchorAt?: Date | null;
}

export const DEFAULT_TIMEZONE = 'UTC';

const UNIT_MS: Record<Exclude<ScheduleUnit, 'months'>, number> = {
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 7 * 86_400_000,
};

export function scheduleOf(columns: ScheduleColumns): Schedule {
  if (columns.scheduleCron) return { kind: 'cron', cron: columns.scheduleCron, timezone: columns.scheduleTimezone || DEFAULT_TIMEZONE };
  return { kind: 'interval', interval: columns.scheduleInterval, unit: columns.scheduleUnit, anchor: columns.scheduleAnchorAt };
}

/**
 * The next run after the one planned at `plannedAt`: the first slot of the schedule
 * strictly after both `plannedAt` and `now`.
 */
export function nextRunAfter(plannedAt: Date, schedule: Schedule, now: Date): Date {
  const after = Math.max(plannedAt.getTime(), now.getTime());
  if (schedule.kind === 'cron') {
    // getNextDateFrom is strict (> start) and walks wall-clock time in the zone: a time
    // skipped by a DST jump runs at the first instant after it, a repeated hour runs once.
    return new CronTime(schedule.cron, schedule.timezone).getNextDateFrom(new Date(after), schedule.timezone).toJSDate();
  }
  if (schedule.unit === 'months')
    return firstMonthSlotAfter(plannedAt, schedule.interval, (schedule.anchor ?? plannedAt).getUTCDate(), after);
  const step = schedule.interval * UNIT_MS[schedule.unit];
  const slots = Math.floor((after - plannedAt.getTime()) / step) + 1;
  return new Date(plannedAt.getTime() + slots * step);
}

/**
 * `n` months after `from` (UTC, same time of day), on day `day` of that month, or on its
 * last day when the month is shorter.
 */
export function addMonths(from: Date, n: number, day = from.getUTCDate()): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(
    Date.UTC(
      year,
      month,
      Math.min(day, lastDay),
      from.getUTCHours(),
      from.getUTCMinutes(),
      from.getUTCSeconds(),
      from.getUTCMilliseconds(),
    ),
  );
}

/**
 * Month slots from the planned time, on the day of month the schedule was set on
 * (its anchor): Jan 31 → Feb 28 → Mar 31, a short month never shifts the later ones.
 */
function firstMonthSlotAfter(plannedAt: Date, interval: number, day: number, after: number): Date {
  const at = new Date(after);
  const months = (at.getUTCFullYear() - plannedAt.getUTCFullYear()) * 12 + (at.getUTCMonth() - plannedAt.getUTCMonth());
  let slot = Math.max(1, Math.floor(months / interval) - 1);
  while (addMonths(plannedAt, slot * interval, day).getTime() <= after) slot += 1;
  return addMonths(plannedAt, slot * interval, day);
}

/** Why a cron expression (five fields: minute hour day-of-month month day-of-week) is refused, or null. */
export function cronExpressionProblem(cron: string): string | null {
  const fields = cron.trim().split(/\s+/);
  if (fields.length !== 5) return `expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`;
  const parsed = CronTime.validateCronExpression(cron.trim());
  if (!parsed.valid) return parsed.error?.message ?? 'not a cron expression';
  try {
    new CronTime(cron.trim(), DEFAULT_TIMEZONE).getNextDateFrom(new Date(), DEFAULT_TIMEZONE);
  } catch {
    // e.g. "0 0 31 2 *": valid fields, but no date ever matches (the parser gives up after years).
    return 'matches no date';
  }
  return null;
}

/** Why a time zone is refused (not an IANA zone the parser knows), or null. */
export function timeZoneProblem(timezone: string): string | null {
  // The parser reads an empty zone as "the machine's zone": refuse it rather than guess.
  if (!timezone.trim()) return 'an IANA time zone is expected (e.g. Europe/Madrid, UTC)';
  try {
    new CronTime('0 0 * * *', timezone);
    return null;
  } catch {
    return `"${timezone}" is not an IANA time zone (e.g. Europe/Madrid, UTC)`;
  }
}
