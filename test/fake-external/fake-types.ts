/**
 * Shared types of the fake external system. Wire shapes follow the seed's
 * "Structure in requests in Via Cron mode" (snake_case, status/error_message/content).
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Plain JSON object, the shape of `values` on the wire. */
export type JsonObject = Record<string, unknown>;

/** Which cron call a request is: the seed's receive, confirmation or send. */
export type RequestKind = 'receive' | 'confirm' | 'send';

/** Actions the external system offers on receive (seed: insert, update or delete). */
export type OfferAction = 'insert' | 'update' | 'delete';

/** Actions Odoo ships on send (seed: create, update, delete). */
export type SendAction = 'create' | 'update' | 'delete';

/** One item of a receive answer's `content`. */
export interface OfferedItem {
  action: OfferAction;
  values: JsonObject;
}

/** One item of a confirmation request's `content`. */
export interface ConfirmationItem {
  status: string;
  error_message?: unknown;
  external_id: string | number;
}

/** A send request body. */
export interface SendBody {
  action: SendAction;
  values: JsonObject;
  external_id: string | number | null;
}

/** Authentication the fake demands from its callers (seed: user+password or API key). */
export type AuthSpec = { mode: 'none' } | { mode: 'basic'; username: string; password: string } | { mode: 'api_key'; key: string };

export type FaultType =
  | 'http500'
  | 'http400'
  | 'http502'
  | 'http503'
  | 'http429'
  | 'redirect'
  | 'timeout'
  | 'slow'
  | 'drip'
  | 'reset'
  | 'status_failed'
  | 'status_error'
  | 'malformed_json'
  | 'wrong_shape'
  | 'huge';

/** A fault to inject; `times` and `kind`/`code` narrow which requests it hits. */
export interface FaultSpec {
  type: FaultType;
  /** Only the next N matching requests; unlimited when absent. */
  times?: number;
  /** Only one in every N matching requests (the Nth, 2Nth, …: `every: 5` fails 20 %, evenly); each hit counts against `times`. */
  every?: number;
  /** Only requests of this kind; all protocol requests when absent. */
  kind?: RequestKind;
  /** Only requests for this model code; all codes when absent. */
  code?: string;
  /** Delay of the 'slow' fault, default 1000 ms; for 'drip', how long the bytes keep dripping. */
  delayMs?: number;
  /** `Retry-After` of 'http429' and 'http503' (seconds or an HTTP date); default "1"; "" sends none. */
  retryAfter?: string;
}

/** One request as the fake saw it, kept for inspection by tests and humans. */
export interface RecordedRequest {
  /** Sequence number, increasing over the life of the server. */
  seq: number;
  at: Date;
  method: string;
  path: string;
  /** Model code from the path, or null when the path carried none. */
  code: string | null;
  kind: RequestKind | 'unknown';
  /** Parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  headers: IncomingHttpHeaders;
  /** HTTP status answered; undefined while unanswered (slow/timeout faults). */
  status?: number;
  /** Refused by authentication (401). */
  rejected?: boolean;
  /** A send whose Idempotency-Key was already seen: answered, not applied again. */
  duplicate?: boolean;
  /** The injected fault that answered this request, if any. */
  fault?: FaultType;
}

export interface FakeExternalOptions {
  /** Name of the external id field inside `values` (seed: `external_id`). */
  idField?: string;
  /** Bodies above this size get 413; default 5 MB. */
  maxBodyBytes?: number;
  /** History cap (oldest dropped first) so long benchmarks don't exhaust memory; default 100,000. */
  maxRecorded?: number;
  auth?: AuthSpec;
}

/** Status/error_message envelope every protocol answer carries. */
export function envelope(status: 'success' | 'failed' | 'error', errorMessage: string | false): JsonObject {
  return { status, error_message: errorMessage };
}
