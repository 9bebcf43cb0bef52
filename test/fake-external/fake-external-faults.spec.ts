import { parseAuthSpec } from './fake-auth';
import { FakeExternalSystem } from './fake-external';
import { OK, post, fakeFixture } from './spec-helpers';

const basic = (user: string, pass: string): Record<string, string> => ({
  Authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`,
});
const create = { action: 'create', values: { name: 'A' }, external_id: 1 };

describe('FakeExternalSystem — auth and faults', () => {
  const fixture = fakeFixture();
  beforeEach(fixture.setup);
  afterEach(fixture.teardown);
  const fake = fixture.fake;
  const con = (): string => fake().urlFor('CON');

  describe('auth', () => {
    it('basic: refuses missing or wrong credentials with 401, records them as rejected, applies nothing', async () => {
      fake().setAuth({ mode: 'basic', username: 'odoo', password: 'p:w' });
      for (const headers of [{}, basic('odoo', 'bad'), { Authorization: 'Bearer p:w' }]) {
        const reply = await post(con(), create, headers);
        expect(reply.status).toBe(401);
        expect(reply.json).toEqual({ status: 'failed', error_message: 'unauthorized' });
      }
      expect(fake().records('CON').size).toBe(0);
      expect(
        fake()
          .received('CON')
          .every((r) => r.rejected === true && r.kind === 'send'),
      ).toBe(true);
      expect((await post(con(), create, basic('odoo', 'p:w'))).json).toEqual(OK);
      expect(fake().records('CON').size).toBe(1);
    });

    it('api_key: checks the header named api_key exactly', async () => {
      fake().setAuth({ mode: 'api_key', key: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16' });
      expect((await post(con(), { limit: 0 }, { 'api-key': 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16' })).status).toBe(401);
      expect((await post(con(), { limit: 0 }, { api_key: 'wrong' })).status).toBe(401);
      expect((await post(con(), { limit: 0 }, { api_key: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16' })).status).toBe(200);
    });

    it('parses the CLI auth spec', () => {
      expect(parseAuthSpec(undefined)).toEqual({ mode: 'none' });
      expect(parseAuthSpec('none')).toEqual({ mode: 'none' });
      expect(parseAuthSpec('basic:u:p:q')).toEqual({ mode: 'basic', username: 'u', password: 'p:q' });
      expect(parseAuthSpec('api_key:K1')).toEqual({ mode: 'api_key', key: 'K1' });
      expect(() => parseAuthSpec('basic:u')).toThrow();
      expect(() => parseAuthSpec('token:x')).toThrow();
    });
  });

  describe('faults that apply nothing', () => {
    it.each([
      ['http500', 500, { status: 'failed', error_message: 'simulated server error' }],
      ['http400', 400, { status: 'failed', error_message: 'simulated bad request' }],
      ['status_failed', 200, { status: 'failed', error_message: 'simulated failure' }],
      ['status_error', 200, { status: 'error', error_message: 'simulated error' }],
      ['http502', 502, { status: 'failed', error_message: 'simulated bad gateway' }],
      ['http503', 503, { status: 'failed', error_message: 'simulated unavailability' }],
      ['http429', 429, { status: 'failed', error_message: 'simulated rate limit' }],
      ['wrong_shape', 200, [{ status: 'success', content: 'not a list' }]],
    ] as const)('%s answers %i and applies neither send nor confirm', async (type, status, body) => {
      fake().offer('CON', 'insert', { external_id: 9 });
      fake().setFault({ type });
      const sent = await post(con(), create);
      const confirmed = await post(con(), { content: [{ status: 'success', external_id: 9 }] });
      for (const reply of [sent, confirmed]) {
        expect(reply.status).toBe(status);
        expect(reply.json).toEqual(body);
      }
      expect(fake().records('CON').size).toBe(0);
      expect(fake().pending('CON')).toHaveLength(1);
      expect(
        fake()
          .received('CON')
          .map((r) => r.fault),
      ).toEqual([type, type]);
    });

    it.each([
      ['http429', undefined, '1'],
      ['http429', '30', '30'],
      ['http503', 'Wed, 02 Dec 2026 18:00:05 GMT', 'Wed, 02 Dec 2026 18:00:05 GMT'],
      ['http503', '', null],
    ] as const)('%s with retryAfter %j sends Retry-After %j', async (type, retryAfter, header) => {
      fake().setFault({ type, retryAfter });
      const res = await fetch(con(), { method: 'POST', body: JSON.stringify(create) });
      expect(res.headers.get('retry-after')).toBe(header);
      expect(fake().receiptTimes('CON', 'send')).toHaveLength(1);
    });

    it('redirect answers 302 to another host, applying nothing', async () => {
      fake().setFault({ type: 'redirect' });
      const res = await fetch(con(), { method: 'POST', body: JSON.stringify(create), redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere');
      expect(fake().records('CON').size).toBe(0);
    });

    it('reset cuts the connection before any answer', async () => {
      fake().setFault({ type: 'reset' });
      await expect(fetch(con(), { method: 'POST', body: JSON.stringify(create) })).rejects.toThrow();
      expect(fake().records('CON').size).toBe(0);
    });

    it('huge answers 200 with a 50 MB body', async () => {
      fake().setFault({ type: 'huge', times: 1 });
      const res = await fetch(con(), { method: 'POST', body: JSON.stringify({ limit: 1 }) });
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(50 * 1024 * 1024 + 14);
    });

    it('drip sends a byte every 100 ms for delayMs, then cuts the connection', async () => {
      fake().setFault({ type: 'drip', delayMs: 350 });
      const res = await fetch(con(), { method: 'POST', body: JSON.stringify({ limit: 1 }) });
      expect(res.status).toBe(200);
      await expect(res.text()).rejects.toThrow();
      expect(fake().records('CON').size).toBe(0);
    });

    it('malformed_json answers 200 with a body that is not JSON', async () => {
      fake().setFault({ type: 'malformed_json' });
      const res = await fetch(con(), { method: 'POST', body: JSON.stringify({ limit: 5 }) });
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(() => JSON.parse(text)).toThrow();
    });

    it('timeout never answers; stop() still closes promptly', async () => {
      const other = new FakeExternalSystem();
      await other.start();
      try {
        other.setFault({ type: 'timeout' });
        const hanging = post(other.urlFor('CON'), create).then(
          () => 'answered',
          () => 'failed',
        );
        const shortWait = await fetch(other.urlFor('CON'), {
          method: 'POST',
          body: JSON.stringify({ limit: 1 }),
          signal: AbortSignal.timeout(200),
        }).catch((e: unknown) => e);
        // DOMException comes from another realm than jest's Error, so check by name.
        expect(shortWait).toMatchObject({ name: 'TimeoutError' });
        expect(other.records('CON').size).toBe(0);
        expect(other.received('CON').map((r) => [r.fault, r.status])).toEqual([
          ['timeout', undefined],
          ['timeout', undefined],
        ]);
        const t0 = Date.now();
        await other.stop();
        expect(Date.now() - t0).toBeLessThan(1000);
        expect(await hanging).toBe('failed'); // the hanging call fails once its socket is destroyed
      } finally {
        await other.stop();
      }
    });
  });

  describe('slow', () => {
    it('answers correctly after delayMs', async () => {
      fake().setFault({ type: 'slow', delayMs: 300 });
      const t0 = Date.now();
      const reply = await post(con(), create);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(290);
      expect(reply.json).toEqual(OK);
    });

    it('applies at once, so a client that gave up and retries with the same key is caught as a duplicate', async () => {
      fake().setFault({ type: 'slow', delayMs: 2000, times: 1 });
      const body = { action: 'create', values: { name: 'A' }, external_id: null };
      const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': 'k' };
      const gaveUp = await fetch(con(), { method: 'POST', headers, body: JSON.stringify(body), signal: AbortSignal.timeout(100) }).catch(
        (e: unknown) => e,
      );
      expect(gaveUp).toMatchObject({ name: 'TimeoutError' });
      const retry = await post(con(), body, { 'Idempotency-Key': 'k' });
      expect(retry.json).toEqual({ ...OK, external_id: 1 });
      expect(fake().records('CON').size).toBe(1);
      expect(
        fake()
          .sends('CON')
          .map((r) => r.duplicate),
      ).toEqual([false, true]);
    });
  });

  describe('narrowing', () => {
    it('times: only the next N matching requests fail, then the fault clears itself', async () => {
      fake().setFault({ type: 'http500', times: 2 });
      expect(fake().fault).toMatchObject({ type: 'http500', times: 2 });
      expect((await post(con(), { limit: 0 })).status).toBe(500);
      expect(fake().fault).toMatchObject({ times: 1 });
      expect((await post(con(), { limit: 0 })).status).toBe(500);
      expect((await post(con(), { limit: 0 })).status).toBe(200);
      expect(fake().fault).toBeNull();
    });

    it('kind: only requests of that kind are hit, and they count against times', async () => {
      fake().setFault({ type: 'http500', kind: 'send', times: 1 });
      expect((await post(con(), { limit: 0 })).status).toBe(200);
      expect((await post(con(), { content: [] })).status).toBe(200);
      expect((await post(`${con()}/send`, create)).status).toBe(500);
      expect((await post(con(), create)).status).toBe(200);
    });

    it('every: one in every N matching requests fails, evenly, each hit counting against times', async () => {
      fake().setFault({ type: 'http500', kind: 'send', every: 5, times: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) {
        statuses.push((await post(con(), { limit: 0 })).status);
        statuses.push((await post(con(), { ...create, external_id: i + 1 })).status);
      }
      const sends = statuses.filter((_, i) => i % 2 === 1);
      expect(statuses.filter((_, i) => i % 2 === 0).every((s) => s === 200)).toBe(true);
      expect(sends).toEqual([200, 200, 200, 200, 500, 200, 200, 200, 200, 500, 200, 200]);
      expect(fake().fault).toBeNull();
      expect(() => fake().setFault({ type: 'http500', every: 0 })).toThrow(/every/);
    });

    it('code: only that model code is hit', async () => {
      fake().setFault({ type: 'status_failed', code: 'PRD' });
      expect((await post(con(), { limit: 0 })).json).toEqual({ ...OK, content: [] });
      expect((await post(fake().urlFor('PRD'), { limit: 0 })).json).toEqual({ status: 'failed', error_message: 'simulated failure' });
    });

    it('auth is checked before faults, bad requests before faults', async () => {
      fake().setFault({ type: 'http500', times: 1 });
      expect((await post(con(), { nothing: true })).status).toBe(400);
      fake().setAuth({ mode: 'api_key', key: 'K' });
      expect((await post(con(), { limit: 0 })).status).toBe(401);
      expect((await post(con(), { limit: 0 }, { api_key: 'K' })).status).toBe(500);
    });

    it('refuses invalid fault specs', () => {
      expect(() => fake().setFault({ type: 'boom' as 'http500' })).toThrow(/unknown fault/);
      expect(() => fake().setFault({ type: 'http500', times: 0 })).toThrow(/times/);
      expect(() => fake().setFault({ type: 'http500', kind: 'other' as 'send' })).toThrow(/kind/);
      fake().setFault({ type: 'http500' });
      fake().clearFault();
      expect(fake().fault).toBeNull();
    });
  });
});
