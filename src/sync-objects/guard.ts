/**
 * The mass-change guard of a sync object: thresholds a run's plan (or a real-time burst of
 * deletes) must not exceed, and their evaluation. Pure.
 *
 * `{"maxDeletes": {"count": 100, "percent": 20, "windowSeconds": 60}, "maxUpdates": {"percent": 50}}`:
 * - `count`: more than this many deletes (updates) in one run's plan holds the run;
 * - `percent`: more than this share of the object's records (those within its domain) does too;
 * - `windowSeconds` (maxDeletes only): real-time bursts — more than `count` inbound deletes
 *   within this many seconds holds the further ones (needs `count`).
 * Every part is optional; an object without a guard is never held by it.
 */

export interface GuardLimit {
  count?: number;
  percent?: number;
}

export interface DeleteGuardLimit extends GuardLimit {
  windowSeconds?: number;
}

export interface SyncGuard {
  maxDeletes?: DeleteGuardLimit;
  maxUpdates?: GuardLimit;
}

/** What a plan would do, as the guard weighs it. */
export interface PlanFigures {
  /** Planned deletes of records that exist. */
  deletes: number;
  /** Planned writes to records that exist. */
  updates: number;
  /** The object's records within its domain now (the base of the percentages). */
  total: number;
}

export type GuardVerdict = { held: false } | { held: true; threshold: string; reason: string };

const LIMITS = [
  ['maxDeletes', 'deletes'],
  ['maxUpdates', 'updates'],
] as const;

/** Whether the guard needs the object's record count (a percentage is set). */
export function guardNeedsTotal(guard: SyncGuard | null | undefined): boolean {
  return !!guard && (guard.maxDeletes?.percent !== undefined || guard.maxUpdates?.percent !== undefined);
}

/** Whether the guard weighs a run's plan at all. */
export function guardWeighsRuns(guard: SyncGuard | null | undefined): boolean {
  return !!guard && LIMITS.some(([key]) => guard[key]?.count !== undefined || guard[key]?.percent !== undefined);
}

/** Share in percent, one decimal at most (0 records: any change is 100 %). */
export function percentOf(part: number, total: number): number {
  if (part === 0) return 0;
  if (total <= 0) return 100;
  return Math.round((part / total) * 1000) / 10;
}

/**
 * The first threshold the plan exceeds (deletes before updates, count before percent), with a
 * reason naming it and the figures, e.g. "maxDeletes.percent 20 exceeded: 35 of 120 records (29.2 %)".
 * A threshold is exceeded when the figure is strictly above it.
 */
export function evaluateGuard(guard: SyncGuard | null | undefined, figures: PlanFigures): GuardVerdict {
  if (!guard) return { held: false };
  for (const [key, figure] of LIMITS) {
    const limit = guard[key];
    if (!limit) continue;
    const planned = figures[figure];
    if (limit.count !== undefined && planned > limit.count) {
      const threshold = `${key}.count`;
      return { held: true, threshold, reason: `${threshold} ${limit.count} exceeded: ${planned} ${figure} planned` };
    }
    const share = percentOf(planned, figures.total);
    if (limit.percent !== undefined && share > limit.percent) {
      const threshold = `${key}.percent`;
      return {
        held: true,
        threshold,
        reason: `${threshold} ${limit.percent} exceeded: ${planned} of ${figures.total} records (${share} %)`,
      };
    }
  }
  return { held: false };
}

/** The burst rule of real-time deletes, when configured: more than `count` within `windowSeconds`. */
export function burstRule(guard: SyncGuard | null | undefined): { count: number; windowSeconds: number } | null {
  const limit = guard?.maxDeletes;
  if (!limit || limit.windowSeconds === undefined || limit.count === undefined) return null;
  return { count: limit.count, windowSeconds: limit.windowSeconds };
}

/** Whether one more real-time delete, after `recent` within the window, exceeds the burst rule. */
export function burstExceeded(rule: { count: number } | null, recent: number): boolean {
  return rule !== null && recent + 1 > rule.count;
}

/** Problems of a guard as stored (the DTO checks shapes; this checks what spans fields). */
export function guardProblems(guard: SyncGuard | null | undefined): { field: string; problem: string }[] {
  const limit = guard?.maxDeletes;
  if (limit?.windowSeconds !== undefined && limit.count === undefined)
    return [{ field: 'guard.maxDeletes.windowSeconds', problem: 'needs guard.maxDeletes.count (the deletes allowed within the window)' }];
  return [];
}
