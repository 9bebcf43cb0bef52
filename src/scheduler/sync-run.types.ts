/** Vocabulary of sync runs and the rules that need no I/O. Pure. */

/** `held`: the run's plan was not applied (mass-change guard, schema drift...) until released. */
export const RUN_STATUSES = ['running', 'success', 'partial', 'failed', 'held'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** `realtime`: a run that holds real-time deletes past the guard's burst rule (RealtimeHolds). */
export const RUN_TRIGGERS = ['cron', 'manual', 'realtime'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

export interface RunCounts {
  /** Items the external system handed out. */
  received: number;
  /** Received items applied locally. */
  applied: number;
  /** Received items that failed, plus local changes whose delivery failed. */
  failed: number;
  /** Items whose confirmation the external system accepted. */
  confirmed: number;
  /** Local changes delivered. */
  sent: number;
}

export const ZERO_COUNTS: RunCounts = { received: 0, applied: 0, failed: 0, confirmed: 0, sent: 0 };

/** Schema drift the run's received items showed (GET /api/sync-objects/:id/drift has the fields). */
export interface RunDrift {
  unknownKeys: number;
  missingFields: number;
  typeMismatches: number;
}

export const NO_RUN_DRIFT: RunDrift = { unknownKeys: 0, missingFields: 0, typeMismatches: 0 };

export type RunPhase = 'starting' | 'receive' | 'confirm' | 'send' | 'done';

export interface RunProgress {
  phase: RunPhase;
  /** Receive batches done so far. */
  batches: number;
  message: string;
}

/** Bounds of one run's receiving when the object drains (keeps receiving until a short batch). */
export const DRAIN_MAX_BATCHES = 100;
export const DRAIN_BUDGET_MS = 120_000;

/**
 * - failed: a step could not do its job (receive answer unusable, confirmation refused,
 *   web service inactive...); `error` names the step.
 * - partial: every step worked, but some items failed (each logged with its reason).
 * - success: everything received was applied and everything due was sent.
 * - held: a check (the mass-change guard, a schema-drift policy) held the run's plan: nothing of
 *   it was applied nor confirmed; it waits for `POST /api/sync-runs/:id/release`. A step that
 *   failed still makes it failed (nothing to release then).
 */
export function finalStatus(counts: RunCounts, stepErrors: readonly string[], held = false): Exclude<RunStatus, 'running'> {
  if (stepErrors.length) return 'failed';
  if (held) return 'held';
  return counts.failed > 0 ? 'partial' : 'success';
}

export interface BatchFacts {
  drain: boolean;
  limit: number;
  /** Items in the batch just processed. */
  size: number;
  /** Of those, items not already seen earlier in this run (an unconfirmed item comes back). */
  fresh: number;
  applied: number;
  batches: number;
  elapsedMs: number;
  stopping: boolean;
}

/**
 * Whether to ask for another batch in this run. Besides the limit rule, a batch that
 * brought nothing new or applied nothing stops the drain: the external system would
 * hand out the same (unconfirmed or failing) items again and again.
 */
export function keepDraining(f: BatchFacts): boolean {
  if (!f.drain || f.stopping) return false;
  if (f.size < f.limit || f.fresh === 0 || f.applied === 0) return false;
  return f.batches < DRAIN_MAX_BATCHES && f.elapsedMs < DRAIN_BUDGET_MS;
}
