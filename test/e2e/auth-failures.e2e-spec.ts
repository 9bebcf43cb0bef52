/**
 * Issue 15 point 2: repeated authentication failures are limited per client address. The client
 * being refused sends from its own loopback address (127.0.0.x, test/support/from-address.ts);
 * supertest's 127.0.0.1 is the other client, which must not notice.
 */
import * as constantTime from '../../src/common/constant-time';
import { Factory } from '../support/factories';
import { requestFrom } from '../support/from-address';
import { startTestApp, TestApp, TEST_ADMIN_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

// The comparisons wrapped so a test sees they are used (the real ones still decide); ES exports cannot be spied on.
jest.mock('../../src/common/constant-time', () => {
  const actual = jest.requireActual<typeof constantTime>('../../src/common/constant-time');
  return { constantTimeEquals: jest.fn(actual.constantTimeEquals), digestsEqual: jest.fn(actual.digestsEqual) };
});

const KEY = 'AUTH-LIMIT-KEY-0123456789abcdef';
const LIMIT = 3;
const WINDOW_MS = 1500;
const BEARER = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('auth failure limit', () => {
  let t: TestApp;
  let f: Factory;
  let code: string;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_FAILURE_LIMIT: String(LIMIT), AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS) });
    f = new Factory(t);
    await f.country('Spain', 'ES');
    await f.apiKey(KEY);
    code = (await f.contactObject({ direction: 'external_to_odoo', mode: 'realtime' })).syncModelCode;
  });
  afterAll(() => t.close());

  const partnersNamed = async (name: string): Promise<number> =>
    (
      await t
        .api()
        .get('/api/records/res.partner')
        .query({ domain: JSON.stringify([['name', '=', name]]) })
        .expect(200)
    ).body.total;
  const create = (from: string, key: string, name: string) =>
    requestFrom(from, `${t.url}/sync/${code}/create`, {
      method: 'POST',
      headers: { api_key: key },
      body: { unique_id: name, name, country: 'ES' },
    });

  it('/sync: after N failures the address gets 429 in the envelope with Retry-After, valid key or not; nothing is written', async () => {
    const from = '127.0.0.2';
    for (let i = 0; i < LIMIT; i++) {
      const refused = await create(from, `${KEY}-wrong-${i}`, 'Never-wrong');
      expect(refused.status).toBe(401);
    }
    const blocked = await create(from, KEY, 'Blocked-valid');
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: { status: 'failed', error_message: expect.stringMatching(/too many failed/) },
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(Math.ceil(WINDOW_MS / 1000));
    const missing = await requestFrom(from, `${t.url}/sync/${code}/create`, { method: 'POST', body: { unique_id: 'x', name: 'x' } });
    expect(missing.status).toBe(429);
    // The other client (127.0.0.1) is unaffected; the blocked one wrote nothing.
    await t
      .http()
      .post(`/sync/${code}/create`)
      .set('api_key', KEY)
      .send({ unique_id: 'Other-client', name: 'Other-client', country: 'ES' })
      .expect(200);
    expect(await partnersNamed('Other-client')).toBe(1);
    expect(await partnersNamed('Blocked-valid')).toBe(0);
    // Once the block is over, the valid key is let in again.
    const later = await waitFor(async () => {
      const answer = await create(from, KEY, 'After-block');
      return answer.status === 429 ? null : answer;
    }, 'the end of the block');
    expect(later.status).toBe(200);
    expect(await partnersNamed('After-block')).toBe(1);
  });

  it('/api and /metrics: the admin error shape with Retry-After; the same address is refused everywhere; nothing written', async () => {
    const from = '127.0.0.3';
    const keysBefore = (await t.api().get('/api/settings/api-keys').expect(200)).body.length;
    for (let i = 0; i < LIMIT - 1; i++) {
      expect((await requestFrom(from, `${t.url}/api/sync-objects`, { headers: { Authorization: `Bearer wrong-${i}` } })).status).toBe(401);
    }
    expect((await requestFrom(from, `${t.url}/metrics`)).status).toBe(401);
    const blocked = await requestFrom(from, `${t.url}/api/settings/api-keys`, {
      method: 'POST',
      headers: BEARER,
      body: { name: 'blocked-key' },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'AUTH.TOO_MANY_FAILURES',
      message: expect.stringMatching(/too many failed/),
      details: [],
    });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect((await requestFrom(from, `${t.url}/metrics`, { headers: BEARER })).status).toBe(429);
    expect((await requestFrom(from, `${t.url}/sync/${code}/create`, { method: 'POST', headers: { api_key: KEY }, body: {} })).status).toBe(
      429,
    );
    // Public routes stay open; the other client is unaffected; nothing was written.
    expect((await requestFrom(from, `${t.url}/health`)).status).toBe(200);
    expect((await t.api().get('/api/settings/api-keys').expect(200)).body.length).toBe(keysBefore);
    await t.api().get('/metrics').expect(200);
    await waitFor(
      async () => (await requestFrom(from, `${t.url}/api/sync-objects`, { headers: BEARER })).status === 200,
      'the end of the block',
    );
  });

  it('successes are not failures: a client with a few failures and many successes is never refused', async () => {
    const from = '127.0.0.4';
    for (let i = 0; i < LIMIT - 1; i++) {
      expect((await requestFrom(from, `${t.url}/api/sync-objects`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    }
    for (let i = 0; i < 10; i++) {
      expect((await requestFrom(from, `${t.url}/api/sync-objects`, { headers: BEARER })).status).toBe(200);
    }
  });

  it('X-Forwarded-For is ignored without TRUST_PROXY: a client cannot pick a new address per attempt', async () => {
    const from = '127.0.0.5';
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) {
      const answer = await requestFrom(from, `${t.url}/api/sync-objects`, {
        headers: { Authorization: 'Bearer nope', 'X-Forwarded-For': `203.0.113.${i + 1}` },
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
  });

  it('credentials are compared in constant time (admin token and API key)', async () => {
    const tokens = jest.mocked(constantTime.constantTimeEquals);
    const digests = jest.mocked(constantTime.digestsEqual);
    tokens.mockClear();
    digests.mockClear();
    await t.http().get('/api/sync-objects').set('Authorization', 'Bearer not-the-token').expect(401);
    expect(tokens).toHaveBeenCalledWith('not-the-token', TEST_ADMIN_TOKEN);
    await t.http().post(`/sync/${code}/create`).set('api_key', KEY).send({ unique_id: 'CT-1', name: 'CT-1', country: 'ES' }).expect(200);
    expect(digests).toHaveBeenCalledTimes(1);
  });
});

describe('auth failure limit behind a trusted proxy (TRUST_PROXY)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ AUTH_FAILURE_LIMIT: '2', TRUST_PROXY: 'loopback' });
  });
  afterAll(() => t.close());

  it('the client is the X-Forwarded-For address the loopback proxy names; another forwarded client is unaffected', async () => {
    const as = (client: string, token: string) =>
      t.http().get('/api/sync-objects').set('X-Forwarded-For', client).set('Authorization', `Bearer ${token}`);
    await as('198.51.100.7', 'nope').expect(401);
    await as('198.51.100.7', 'nope').expect(401);
    const blocked = await as('198.51.100.7', TEST_ADMIN_TOKEN).expect(429);
    expect(blocked.body.code).toBe('AUTH.TOO_MANY_FAILURES');
    await as('198.51.100.8', TEST_ADMIN_TOKEN).expect(200);
    await t.api().get('/api/sync-objects').expect(200);
  });
});
