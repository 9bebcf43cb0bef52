/**
 * Throttling toward an external system, pure: the send schedule of a web service's
 * rate limit and the reading of a `Retry-After` header. No I/O; WebServiceThrottle
 * keeps the schedule in the database (one row per web service) so that every
 * instance sharing the database takes its calls from the same schedule.
 */

/** `rateLimit` of a web service: at most `requests` calls in any `perSeconds` seconds. */
export interface RateLimit {
  requests: number;
  perSeconds: number;
}

export const RATE_LIMIT_MAX_REQUESTS = 10_000;
export const RATE_LIMIT_MAX_SECONDS = 3_600;
export const MAX_CONCURRENCY_LIMIT = 1_000;

/** A `Retry-After` longer than this is read as this (a typo in a header must not pause a web service for days). */
export const RETRY_AFTER_MAX_MS = 3_600_000;

/** Reservations ask for at most this much of the schedule at once (see slotsPerReservation). */
const RESERVATION_SPAN_MS = 250;

/** The spacing of calls under a rate limit: `perSeconds / requests`, in ms. */
export function slotIntervalMs(limit: RateLimit): number {
  return (limit.perSeconds * 1000) / limit.requests;
}

/**
 * Slots handed out by one reservation: about RESERVATION_SPAN_MS of the schedule, at least one.
 * Bigger would cost fewer database round trips but let one instance hold more of the schedule
 * while another waits; at 20/s it is 5 calls per round trip.
 */
export function slotsPerReservation(limit: RateLimit): number {
  return Math.max(1, Math.floor(RESERVATION_SPAN_MS / slotIntervalMs(limit)));
}

/**
 * How late a call may start after its slot (a busy event loop wakes timers late); a later one takes
 * a new slot instead, since going at once could bunch it with the next slots. 90 % of an interval
 * (at least 5 ms): every start then lies in [slot, slot + 0.9 interval], so for limits up to 180
 * calls a second no window holds more than `requests` + 1 starts (the unit table checks the worst
 * cases); the 10 % margin covers the slots' rounding to whole ms.
 */
export function lateStartMs(limit: RateLimit): number {
  return Math.max(slotIntervalMs(limit) * 0.9, 5);
}

/** Slots of `pool` (ascending) still usable at `nowMs`: those not more than `lateMs` in the past. */
export function usableSlots(pool: number[], nowMs: number, lateMs: number): number[] {
  const first = pool.findIndex((slot) => slot >= nowMs - lateMs);
  return first < 0 ? [] : pool.slice(first);
}

export interface Reservation {
  /** Start times (epoch ms) of the reserved calls, `intervalMs` apart, none before `nowMs`. */
  slots: number[];
  /** The schedule's next free slot after this reservation (stored). */
  nextSlotMs: number;
}

/**
 * GCRA-style schedule without burst: every call gets its own slot, `intervalMs` after the
 * previous one, and an idle schedule starts again at `nowMs` (no credit is saved up while idle).
 * So no `perSeconds` window ever holds more than `requests` slot starts, whichever instance
 * reserved them (stored in whole ms, rounded up). `nextSlotMs` may also have been pushed forward by a Retry-After (pauseUntil).
 */
export function reserveSlots(nextSlotMs: number, nowMs: number, intervalMs: number, count: number): Reservation {
  const first = Math.max(nextSlotMs, Math.ceil(nowMs));
  const n = Math.max(0, count);
  // Rounded up, never down: a slot may come a fraction of a ms late, never early, so the window bound holds.
  const slots = Array.from({ length: n }, (_, i) => Math.ceil(first + i * intervalMs));
  return { slots, nextSlotMs: Math.ceil(first + n * intervalMs) };
}

/**
 * The delay a `Retry-After` header asks for (RFC 9110 §10.2.3: delay-seconds or an HTTP date),
 * at most RETRY_AFTER_MAX_MS; null when absent or unreadable. A date in the past is 0.
 */
export function retryAfterMs(header: string | string[] | undefined | null, nowMs: number): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, RETRY_AFTER_MAX_MS);
  // An HTTP date names its weekday and GMT; a bare number with a sign or a fraction is not one either.
  if (!/[a-z]/i.test(value)) return null;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - nowMs), RETRY_AFTER_MAX_MS);
}

/** Statuses whose `Retry-After` is honoured: too many requests, service unavailable. */
export function honoursRetryAfter(status: number | undefined): boolean {
  return status === 429 || status === 503;
}

/**
 * The largest number of slot starts in any half-open window of `windowMs`, for tests and
 * the unit table: the schedule's promise is that this is at most the limit's `requests`.
 */
export function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end] - sorted[start] >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** The stored pair (two nullable columns) as the API's `rateLimit`: null unless both halves are set. */
export function rateLimitOf(stored: { rateLimitRequests: number | null; rateLimitPerSeconds: number | null }): RateLimit | null {
  const { rateLimitRequests: requests, rateLimitPerSeconds: perSeconds } = stored;
  return requests && perSeconds ? { requests, perSeconds } : null;
}
