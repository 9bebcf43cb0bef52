/**
 * What one send's answer means for its outbox row, pure: done (with the external
 * id to remember), retry at a time (backoff), or dead (a permanent failure, or the
 * last allowed attempt). No I/O; the recorder turns verdicts into bookkeeping.
 */
import { isPermanentFailure, retryDelayMs } from './backoff';

/** The part of an outbound answer the verdict depends on (see web-services/outbound/outbound-result.ts). */
export interface SendAnswer {
  ok: boolean;
  httpStatus?: number;
  json?: unknown;
  error?: string;
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
  | { kind: 'retry' | 'dead'; attempts: number; nextAttemptAt: Date; error: string; httpStatus: number | null };

export function classifyOutcome(input: OutcomeInput): DeliveryVerdict {
  const { answer, now } = input;
  const body = (answer.json ?? {}) as { status?: unknown; error_message?: unknown; external_id?: unknown };
  const httpStatus = answer.httpStatus ?? null;
  if (answer.ok && body.status === 'success') {
    const given = body.external_id;
    const externalId = given !== undefined && given !== null && given !== false ? String(given) : input.externalId;
    return { kind: 'done', externalId, httpStatus };
  }
  const attempts = input.attempts + 1;
  const dead = isPermanentFailure(answer.httpStatus) || attempts >= input.maxAttempts;
  const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts, input.random) * input.backoffScale);
  return { kind: dead ? 'dead' : 'retry', attempts, nextAttemptAt, error: describeFailure(answer, body), httpStatus };
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
