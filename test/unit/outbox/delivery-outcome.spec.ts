import { classifyOutcome, DeliveryVerdict, probeDelayMs, SendAnswer } from '../../../src/outbox/delivery-outcome';

const now = new Date('2026-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms);

describe('classifyOutcome', () => {
  it.each<[string, SendAnswer, number, number, string | null, DeliveryVerdict]>([
    [
      'success with a new external id',
      { ok: true, httpStatus: 200, json: { status: 'success', external_id: 42 } },
      0,
      5,
      null,
      { kind: 'done', externalId: '42', httpStatus: 200 },
    ],
    [
      'success without an external id keeps the one sent',
      { ok: true, httpStatus: 201, json: { status: 'success' } },
      3,
      5,
      'EXT-1',
      { kind: 'done', externalId: 'EXT-1', httpStatus: 201 },
    ],
    [
      'success with external_id false keeps the one sent',
      { ok: true, httpStatus: 200, json: { status: 'success', external_id: false } },
      0,
      5,
      'EXT-2',
      { kind: 'done', externalId: 'EXT-2', httpStatus: 200 },
    ],
    [
      'success with an external_id that is an object is a wrong answer, retried',
      { ok: true, httpStatus: 200, json: { status: 'success', external_id: { toString: 'x' } } },
      0,
      5,
      'EXT-3',
      {
        kind: 'retry',
        attempts: 1,
        nextAttemptAt: expect.any(Date),
        error: "the answer's external_id is not a string or a number",
        httpStatus: 200,
      },
    ],
    [
      'a 2xx without status success is a failure, retried',
      { ok: true, httpStatus: 200, json: { status: 'error', error_message: 'no such partner' } },
      0,
      5,
      null,
      {
        kind: 'retry',
        attempts: 1,
        nextAttemptAt: at(5_000),
        error: 'the external system answered status "error" (HTTP 200): no such partner',
        httpStatus: 200,
      },
    ],
    [
      'an empty 2xx body names the missing status',
      { ok: true, httpStatus: 204 },
      1,
      5,
      null,
      {
        kind: 'retry',
        attempts: 2,
        nextAttemptAt: at(30_000),
        error: 'the external system answered status null (HTTP 204): no error message',
        httpStatus: 204,
      },
    ],
    [
      'a refused connection: the service is unavailable, no attempt spent',
      { ok: false, errorKind: 'network', error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1' },
      2,
      3,
      null,
      { kind: 'unavailable', attempts: 2, error: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1', httpStatus: null, retryAt: null },
    ],
    [
      'no answer in time: unavailable, even on what would be the last attempt',
      { ok: false, errorKind: 'timeout', error: 'no complete answer within 10000 ms' },
      4,
      5,
      null,
      { kind: 'unavailable', attempts: 4, error: 'no complete answer within 10000 ms', httpStatus: null, retryAt: null },
    ],
    ...[502, 503, 504, 429].map((status): [string, SendAnswer, number, number, string | null, DeliveryVerdict] => [
      `a ${status}: unavailable`,
      { ok: false, errorKind: 'http', httpStatus: status, error: `HTTP ${status}` },
      0,
      1,
      'EXT-3',
      { kind: 'unavailable', attempts: 0, error: `HTTP ${status}`, httpStatus: status, retryAt: null },
    ]),
    ...[429, 503].map((status): [string, SendAnswer, number, number, string | null, DeliveryVerdict] => [
      `a ${status} with Retry-After: unavailable until then, no attempt spent`,
      { ok: false, errorKind: 'http', httpStatus: status, error: `HTTP ${status}`, retryAfterMs: 30_000 },
      4,
      5,
      'EXT-4',
      { kind: 'unavailable', attempts: 4, error: `HTTP ${status}`, httpStatus: status, retryAt: at(30_000) },
    ]),
    [
      'a Retry-After of 0 (or a date in the past): unavailable, due at once',
      { ok: false, errorKind: 'http', httpStatus: 429, error: 'HTTP 429', retryAfterMs: 0 },
      0,
      5,
      null,
      { kind: 'unavailable', attempts: 0, error: 'HTTP 429', httpStatus: 429, retryAt: now },
    ],
    [
      'a 500 with an error body is about the row: retried on its ladder',
      { ok: false, errorKind: 'http', httpStatus: 500, json: { status: 'failed', error_message: 'name is required' } },
      0,
      5,
      null,
      {
        kind: 'retry',
        attempts: 1,
        nextAttemptAt: at(5_000),
        error: 'the external system answered status "failed" (HTTP 500): name is required',
        httpStatus: 500,
      },
    ],
    [
      'a transport error the client did not classify as an outage (a redirect) keeps the ladder',
      { ok: false, errorKind: 'redirect', error: 'redirect to https://elsewhere refused' },
      0,
      5,
      null,
      { kind: 'retry', attempts: 1, nextAttemptAt: at(5_000), error: 'redirect to https://elsewhere refused', httpStatus: null },
    ],
    [
      'a 4xx is permanent: dead at once',
      { ok: false, httpStatus: 422, error: 'HTTP 422: bad value' },
      0,
      5,
      null,
      { kind: 'dead', attempts: 1, nextAttemptAt: at(5_000), error: 'HTTP 422: bad value', httpStatus: 422 },
    ],
    [
      'a 408 is not permanent',
      { ok: false, httpStatus: 408, error: 'HTTP 408' },
      0,
      5,
      null,
      { kind: 'retry', attempts: 1, nextAttemptAt: at(5_000), error: 'HTTP 408', httpStatus: 408 },
    ],
    [
      'the last allowed attempt is dead',
      { ok: false, httpStatus: 500, error: 'HTTP 500' },
      4,
      5,
      null,
      { kind: 'dead', attempts: 5, nextAttemptAt: at(1_800_000), error: 'HTTP 500', httpStatus: 500 },
    ],
    [
      'an answer without an error text falls back to the HTTP status',
      { ok: false, httpStatus: 500, json: { status: 'success' } },
      0,
      2,
      null,
      { kind: 'retry', attempts: 1, nextAttemptAt: at(5_000), error: 'HTTP 500', httpStatus: 500 },
    ],
  ])('%s', (_case, answer, attempts, maxAttempts, externalId, expected) => {
    expect(classifyOutcome({ answer, attempts, maxAttempts, externalId, now, backoffScale: 1, random: () => 0.5 })).toEqual(expected);
  });

  it('scales the retry delay (OUTBOX_BACKOFF_SCALE)', () => {
    const verdict = classifyOutcome({
      answer: { ok: false, error: 'timeout' },
      attempts: 0,
      maxAttempts: 5,
      externalId: null,
      now,
      backoffScale: 0.01,
      random: () => 0.5,
    });
    expect(verdict).toMatchObject({ kind: 'retry', nextAttemptAt: at(50) });
  });

  it.each([
    [1, 1000],
    [2, 2000],
    [4, 8000],
    [7, 60_000],
    [100, 60_000],
  ])('probes a web service in an outage after its %i-th unavailable answer in %i ms (doubling, capped)', (failures, ms) => {
    expect(probeDelayMs(failures, 1000, 60_000, 1)).toBe(ms);
  });

  it('scales the probe delay with OUTBOX_BACKOFF_SCALE', () => {
    expect(probeDelayMs(3, 1000, 60_000, 0.001)).toBe(4);
  });
});
