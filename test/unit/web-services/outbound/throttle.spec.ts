import {
  busiestWindow,
  lateStartMs,
  usableSlots,
  rateLimitOf,
  reserveSlots,
  RETRY_AFTER_MAX_MS,
  retryAfterMs,
  slotIntervalMs,
  slotsPerReservation,
} from '../../../../src/web-services/outbound/throttle';

const now = Date.parse('2026-12-02T18:00:00.000Z');

describe('reserveSlots', () => {
  it.each<[string, number, number, number, number, number[], number]>([
    ['an idle schedule starts now', 0, now, 50, 3, [now, now + 50, now + 100], now + 150],
    ['a busy schedule continues where it is', now + 500, now, 50, 2, [now + 500, now + 550], now + 600],
    ['a schedule left in the past saves no credit', now - 10_000, now, 50, 2, [now, now + 50], now + 100],
    ['fractions of a ms round up, never down', 0, now, 1000 / 3, 3, [now, now + 334, now + 667], now + 1000],
    ['nothing asked, nothing moves but the idle start', 0, now, 50, 0, [], now],
  ])('%s', (_case, next, at, interval, count, slots, after) => {
    expect(reserveSlots(next, at, interval, count)).toEqual({ slots, nextSlotMs: after });
  });

  it.each([
    [{ requests: 20, perSeconds: 1 }, 1000],
    [{ requests: 3, perSeconds: 1 }, 1000],
    [{ requests: 7, perSeconds: 2 }, 2000],
    [{ requests: 30, perSeconds: 1 }, 1000],
  ])('reservations of several instances in turn never put more than the limit in a window: %j', (limit, window) => {
    const interval = slotIntervalMs(limit);
    let next = 0;
    const slots: number[] = [];
    // Three "instances" reserving in turn, at moments that wander, some asking for a whole chunk.
    for (let i = 0; i < 200; i++) {
      const at = now + i * 37;
      const reservation = reserveSlots(next, at, interval, 1 + (i % slotsPerReservation(limit)));
      next = reservation.nextSlotMs;
      slots.push(...reservation.slots);
    }
    expect(busiestWindow(slots, window)).toBe(limit.requests);
    const spanS = (slots[slots.length - 1] - slots[0]) / 1000;
    // Over a long backlog the rate is the limit (within the whole-ms rounding).
    expect((slots.length - 1) / spanS).toBeGreaterThan((limit.requests / limit.perSeconds) * 0.99);
  });
});

describe('slotIntervalMs and slotsPerReservation', () => {
  it.each([
    [{ requests: 20, perSeconds: 1 }, 50, 5],
    [{ requests: 10, perSeconds: 1 }, 100, 2],
    [{ requests: 1, perSeconds: 60 }, 60_000, 1],
    [{ requests: 10_000, perSeconds: 1 }, 0.1, 2500],
  ])('%j → every %d ms, %d per reservation', (limit, interval, chunk) => {
    expect(slotIntervalMs(limit)).toBe(interval);
    expect(slotsPerReservation(limit)).toBe(chunk);
  });
});

describe('lateStartMs and usableSlots', () => {
  it.each([
    [{ requests: 20, perSeconds: 1 }, 45],
    [{ requests: 100, perSeconds: 1 }, 9],
    [{ requests: 1000, perSeconds: 1 }, 5],
    [{ requests: 1, perSeconds: 10 }, 9000],
  ])('%j may start %d ms late', (limit, late) => {
    expect(lateStartMs(limit)).toBe(late);
  });

  it.each<[number[], number, number, number[]]>([
    [[], 1000, 25, []],
    [[900, 950, 1000, 1050], 1000, 25, [1000, 1050]],
    [[900, 950, 1000, 1050], 1000, 50, [950, 1000, 1050]],
    [[900, 980, 1000], 1000, 25, [980, 1000]],
    [[900, 950], 1000, 25, []],
  ])('%j at %d (late %d) → %j', (pool, now, late, expected) => {
    expect(usableSlots(pool, now, late)).toEqual(expected);
  });

  it('starts within lateStartMs of their slots put at most requests + 1 in a window', () => {
    for (const limit of [
      { requests: 20, perSeconds: 1 },
      { requests: 7, perSeconds: 1 },
      { requests: 180, perSeconds: 1 },
      { requests: 30, perSeconds: 1 },
      { requests: 3, perSeconds: 2 },
    ]) {
      const { slots } = reserveSlots(0, now, slotIntervalMs(limit), 400);
      // Starts as late as allowed in runs, on time in others: the worst bunching the rule permits.
      for (const pattern of [(i: number) => i % 2 === 0, (i: number) => i % 3 !== 0, (i: number) => i < 200, () => true]) {
        const starts = slots.map((slot, i) => slot + (pattern(i) ? lateStartMs(limit) : 0));
        expect(busiestWindow(starts, limit.perSeconds * 1000)).toBeLessThanOrEqual(limit.requests + 1);
      }
    }
  });
});

describe('retryAfterMs', () => {
  it.each<[string, string | string[] | undefined, number | null]>([
    ['seconds', '30', 30_000],
    ['zero', '0', 0],
    ['an HTTP date', 'Wed, 02 Dec 2026 18:00:05 GMT', 5_000],
    ['an HTTP date in the past', 'Wed, 02 Dec 2026 17:00:00 GMT', 0],
    ['a very long delay is capped', '999999', RETRY_AFTER_MAX_MS],
    ['a far date is capped', 'Fri, 01 Jan 2100 00:00:00 GMT', RETRY_AFTER_MAX_MS],
    ['a repeated header: the first', ['2', '9'], 2_000],
    ['absent', undefined, null],
    ['blank', '  ', null],
    ['negative', '-5', null],
    ['a fraction', '1.5', null],
    ['garbage', 'soon', null],
  ])('%s', (_case, header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected);
  });
});

describe('busiestWindow', () => {
  it.each<[number[], number, number]>([
    [[], 1000, 0],
    [[0, 50, 100], 1000, 3],
    [[0, 999, 1000, 1999], 1000, 2],
    [[0, 500, 1000, 1001, 1002], 1000, 4],
  ])('%j in %d ms windows → %d', (times, window, expected) => {
    expect(busiestWindow(times, window)).toBe(expected);
  });
});

describe('rateLimitOf', () => {
  it.each([
    [
      { rateLimitRequests: 10, rateLimitPerSeconds: 1 },
      { requests: 10, perSeconds: 1 },
    ],
    [{ rateLimitRequests: null, rateLimitPerSeconds: 1 }, null],
    [{ rateLimitRequests: 10, rateLimitPerSeconds: null }, null],
  ])('%j → %j', (stored, expected) => {
    expect(rateLimitOf(stored)).toEqual(expected);
  });
});
