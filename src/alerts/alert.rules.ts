/**
 * The alert rules: what state (ok / warning / critical) a sync object or a web service is
 * in, from facts read elsewhere, and the notification sent when a state changes. Pure.
 */

export const ALERT_LEVELS = ['ok', 'warning', 'critical'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

export const ALERT_KINDS = ['sync-object', 'web-service'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Thresholds of the rules (ALERT_* variables, see alerts.config.ts). */
export interface AlertThresholds {
  /** This many consecutive failed runs make an object critical (the first failed run is a warning). */
  criticalAfterFailedRuns: number;
  /** The oldest change waiting for delivery is older than this: warning... */
  pendingWarningSeconds: number;
  /** ...and older than this: critical. */
  pendingCriticalSeconds: number;
}

export const DEFAULT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  criticalAfterFailedRuns: 3,
  pendingWarningSeconds: 900,
  pendingCriticalSeconds: 3600,
});

export interface SyncObjectFacts {
  active: boolean;
  /** Failed runs in a row, newest first, counted since the object was last paused by the alerts. */
  consecutiveFailedRuns: number;
  /** The error of the newest finished run when it failed. */
  lastRunError: string | null;
  /** Outbound changes of the object given up (dead). */
  deadRows: number;
  /** Whether the alerts deactivated the object (pauseAfterFailedRuns) and it is still inactive. */
  autoPaused: boolean;
  /** Runs held (mass-change guard, schema drift) and not released yet, and the newest one's reason. */
  heldRuns?: { count: number; latestId: number; reason: string | null };
}

export interface WebServiceFacts {
  deadRows: number;
  oldestPendingAgeSeconds: number | null;
  circuit: 'ok' | 'degraded' | 'paused';
  pausedUntil: Date | null;
}

export interface Assessment {
  level: AlertLevel;
  /** Why, one short sentence per rule that fired (empty when ok). */
  reasons: string[];
}

export interface ObjectAssessment extends Assessment {
  /** The object is to be deactivated now (pauseAfterFailedRuns reached). */
  pause: boolean;
}

const RANK: Record<AlertLevel, number> = { ok: 0, warning: 1, critical: 2 };
const worst = (levels: AlertLevel[]): AlertLevel => levels.reduce((a, b) => (RANK[b] > RANK[a] ? b : a), 'ok' as AlertLevel);
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * A sync object: its last run failed (warning); `criticalAfterFailedRuns` failed runs in a row
 * (critical); dead outbound changes (warning); deactivated by the alerts (critical); runs held
 * and not released (warning, whether the object is active or not: a held plan waits either way). An object
 * switched off by hand is ok (nobody expects it to run). `pauseAfterFailedRuns` (null: never)
 * deactivates an active object once that many runs failed in a row.
 */
export function assessSyncObject(
  facts: SyncObjectFacts,
  thresholds: AlertThresholds,
  pauseAfterFailedRuns: number | null,
): ObjectAssessment {
  const found: [AlertLevel, string][] = [];
  const pause = facts.active && pauseAfterFailedRuns !== null && facts.consecutiveFailedRuns >= pauseAfterFailedRuns;
  if (facts.autoPaused || pause) {
    found.push([
      'critical',
      `deactivated after ${plural(pauseAfterFailedRuns ?? facts.consecutiveFailedRuns, 'failed run')} in a row (pauseAfterFailedRuns)`,
    ]);
  }
  if (facts.active || pause) {
    const failed = facts.consecutiveFailedRuns;
    if (failed >= thresholds.criticalAfterFailedRuns) found.push(['critical', `${plural(failed, 'run')} failed in a row`]);
    else if (failed > 0) found.push(['warning', `the last run failed${facts.lastRunError ? `: ${facts.lastRunError}` : ''}`]);
    if (facts.deadRows > 0) found.push(['warning', `${plural(facts.deadRows, 'outbound change')} given up (dead)`]);
  }
  const held = facts.heldRuns;
  if (held && held.count > 0) {
    const why = held.reason ? `: ${held.reason}` : '';
    found.push(['warning', `${plural(held.count, 'run')} held, awaiting release (run ${held.latestId}${why})`]);
  }
  return { level: worst(found.map(([level]) => level)), reasons: found.map(([, reason]) => reason), pause };
}

/** A web service: dead outbound changes (warning), an old pending change (warning / critical), its circuit paused (critical). */
export function assessWebService(facts: WebServiceFacts, thresholds: AlertThresholds): Assessment {
  const found: [AlertLevel, string][] = [];
  if (facts.circuit === 'paused') {
    const until = facts.pausedUntil ? ` until ${facts.pausedUntil.toISOString()}` : '';
    found.push(['critical', `deliveries paused by the circuit breaker${until}`]);
  }
  if (facts.deadRows > 0) found.push(['warning', `${plural(facts.deadRows, 'outbound change')} given up (dead)`]);
  const age = facts.oldestPendingAgeSeconds;
  if (age !== null && age > thresholds.pendingCriticalSeconds) found.push(['critical', `the oldest pending change waits for ${age} s`]);
  else if (age !== null && age > thresholds.pendingWarningSeconds) found.push(['warning', `the oldest pending change waits for ${age} s`]);
  return { level: worst(found.map(([level]) => level)), reasons: found.map(([, reason]) => reason) };
}

/** The subject key of a state row: `sync-object:12`, `web-service:3`. */
export function subjectKey(kind: AlertKind, id: number): string {
  return `${kind}:${id}`;
}

export interface AlertTransition {
  kind: AlertKind;
  id: number;
  name: string;
  from: AlertLevel;
  to: AlertLevel;
  reasons: string[];
  at: Date;
}

/** What is POSTed to alertWebhookUrl: Slack's `text`, plus the structured fields. */
export interface AlertNotification {
  text: string;
  subject: { kind: AlertKind; id: number; name: string };
  from: AlertLevel;
  to: AlertLevel;
  reasons: string[];
  at: string;
}

const LABEL: Record<AlertKind, string> = { 'sync-object': 'Sync object', 'web-service': 'Web service' };

export function notificationOf(t: AlertTransition): AlertNotification {
  const head = `${LABEL[t.kind]} "${t.name}" (${t.id}): ${t.from} → ${t.to}`;
  const text = t.to === 'ok' ? `${head} (recovered)` : `${head}: ${t.reasons.join('; ')}`;
  return {
    text: `[Synchro] ${text}`,
    subject: { kind: t.kind, id: t.id, name: t.name },
    from: t.from,
    to: t.to,
    reasons: t.reasons,
    at: t.at.toISOString(),
  };
}
