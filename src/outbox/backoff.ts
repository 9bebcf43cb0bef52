/**
 * Retry schedule for outbound deliveries: 5 s, 30 s, 2 min, 10 min, 30 min, 1 h,
 * then every 2 h (capped), each with ±20 % jitter so a recovered external system
 * is not hit by every retry at the same instant. Pure; randomness injectable.
 */
const LADDER_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];
const CAP_MS = 7_200_000;
const JITTER = 0.2;

/** Delay before attempt number `attempt + 1`, after `attempt` failed attempts (1-based). */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = attempt <= LADDER_MS.length ? LADDER_MS[Math.max(attempt, 1) - 1] : CAP_MS;
  const spread = base * JITTER;
  return Math.round(base - spread + random() * 2 * spread);
}

/** HTTP answers a retry cannot fix: a 4xx other than 408 (timeout) and 429 (rate limit). */
export function isPermanentFailure(httpStatus: number | undefined): boolean {
  return httpStatus !== undefined && httpStatus >= 400 && httpStatus < 500 && httpStatus !== 408 && httpStatus !== 429;
}
