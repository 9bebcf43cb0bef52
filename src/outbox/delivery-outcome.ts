/**
 * What one send's answer means for its outbox row, pure: done (with the external
 * id to remember), unavailable (the web service is down: the row waits without
 * spending an attempt, the web service is paused and probed), retry at a time
 * (backoff), or dead (a permanent failure, or the last allowed attempt). No I/O;
 * the recorder turns verdicts into bookkeeping.
 */
import { isPermanentFailure, retryDelayMs } from './backoff';

/** The part of an outbound answer the verdict depends on (see web-services/outbound/outbound-result.ts). */
export interface SendAnswer {
  ok: boolean;
  httpStatus?: number;
  json?: unknown;
  error?: string;
  /** The transport's classification (outbound-result.ts): `network` (refused, reset, DNS), `timeout`, `http`, ... */
  errorKind?: string;
  /** A 429/503 answer's `Retry-After` in ms (outbound-result.ts): how long the web service asks to be left alone. */
  retryAfterMs?: number;
}

/** HTTP statuses that say "the service is unavailable", not "this record is wrong". */
const UNAVAILABLE_STATUSES = new Set([429, 502, 503, 504]);

/**
 * The web service is unavailable (issue 11 point 3): no connection, no answer in time,
 * 502/503/504 (a gateway or the service itself down) or 429 (too many requests). Such an
 * answer says nothing about the row (a 429 or 503 with `Retry-After` also says how long to wait).
 * Anything else — a 4xx, `status: failed`, a 500 — is about the row and keeps the per-row ladder.
 */
export function isUnavailable(answer: SendAnswer): boolean {
  if (answer.ok) return false;
  if (answer.httpStatus !== undefined) return UNAVAILABLE_STATUSES.has(answer.httpStatus);
  return answer.errorKind === 'network' || answer.errorKind === 'timeout';
}

export interface OutcomeInput {
  answer: SendAnswer;
  /** Failed attempts so far (before this send). */
  attempts: number;
  maxAttempts: number;
  /** The external id the send was made with (kept when the answer gives none). */
  externalId: string | null;
  now: Date;
  /** OUTBOX_BACKOFF_SCALE: tests shrink the retry ladder with it. */
  backoffScale: number;
  random?: () => number;
}

export type DeliveryVerdict =
  | { kind: 'done'; externalId: string | null; httpStatus: number | null }
  /**
   * The row's attempts are unchanged: it is due again as soon as the web service answers again;
   * `retryAt` when the answer said when (Retry-After): the row and the web service wait until then.
   */
  | { kind: 'unavailable'; attempts: number; error: string; httpStatus: number | null; retryAt: Date | null }
  | { kind: 'retry' | 'dead'; attempts: number; nextAttemptAt: Date; error: string; httpStatus: number | null };

export function classifyOutcome(input: OutcomeInput): DeliveryVerdict {
  const { answer, now } = input;
  const body = (answer.json ?? {}) as { status?: unknown; error_message?: unknown; external_id?: unknown };
  const httpStatus = answer.httpStatus ?? null;
  const given = body.external_id;
  // An id that is a list or an object cannot be stored (nor turned into text safely): the answer is wrong.
  const badId = given !== undefined && given !== null && given !== false && typeof given !== 'string' && typeof given !== 'number';
  if (answer.ok && body.status === 'success' && !badId) {
    const externalId = given !== undefined && given !== null && given !== false ? String(given) : input.externalId;
    return { kind: 'done', externalId, httpStatus };
  }
  if (isUnavailable(answer)) {
    const retryAt = answer.retryAfterMs === undefined ? null : new Date(now.getTime() + answer.retryAfterMs);
    return { kind: 'unavailable', attempts: input.attempts, error: describeFailure(answer, body), httpStatus, retryAt };
  }
  const attempts = input.attempts + 1;
  const dead = isPermanentFailure(answer.httpStatus) || attempts >= input.maxAttempts;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, input.random) * input.backoffScale);
  const error = badId ? "the answer's external_id is not a string or a number" : describeFailure(answer, body);
  return { kind: dead ? 'dead' : 'retry', attempts, nextAttemptAt, error, httpStatus };
}

/** The row's `lastError`: the transport's error, else the seed envelope's status and message, else the HTTP status. */
function describeFailure(answer: SendAnswer, body: { status?: unknown; error_message?: unknown }): string {
  if (answer.error) return answer.error;
  if (body.status !== 'success') {
    const message = typeof body.error_message === 'string' && body.error_message ? body.error_message : 'no error message';
    const http = answer.httpStatus ? ` (HTTP ${answer.httpStatus})` : '';
    return `the external system answered status ${JSON.stringify(body.status ?? null)}${http}: ${message}`;
  }
  return `HTTP ${answer.httpStatus}`;
}

/**
 * How long a web service in an outage stays paused after its `failures`-th unavailable
 * answer in a row before one probe call: minMs, doubling, at most maxMs (times OUTBOX_BACKOFF_SCALE).
 */
export function probeDelayMs(failures: number, minMs: number, maxMs: number, scale: number): number {
  const doubled = minMs * 2 ** Math.min(Math.max(failures, 1) - 1, 30);
  return Math.round(Math.min(maxMs, doubled) * scale);
}
