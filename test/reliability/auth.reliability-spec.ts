/**
 * Issue #15, point 2: brute force against every credential check. Each attacker has its own
 * loopback address (127.0.0.x) and tries missing, wrong and revoked credentials on /sync, /api and
 * /metrics: the first AUTH_FAILURE_LIMIT get 401, every later one 429 (the envelope on /sync, the
 * admin shape elsewhere, Retry-After), valid credentials included; a refused call writes nothing
 * (every table's fingerprint); another client's calls all succeed meanwhile; after the block the
 * attacker's valid credentials work again.
 */
import { DataSource } from 'typeorm';
import { Factory } from '../support/factories';
import { PlainAnswer, requestFrom } from '../support/from-address';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { Fingerprint } from './support/fingerprint';
import { publish } from './support/report';

const LIMIT = 10;
const WINDOW_MS = 3000;
/** Attempts per attacker beyond the limit, half of them with valid credentials. */
const BEYOND = Number(process.env.RELIABILITY_AUTH_BEYOND ?? 40);
const KEY = 'RELIABILITY-AUTH-KEY-0123456789abcdef';
const REVOKED = 'RELIABILITY-AUTH-REVOKED-0123456789ab';
const BEARER = (token: string) => ({ Authorization: `Bearer ${token}` });

interface Attack {
  name: string;
  path: (code: string) => string;
  method: 'GET' | 'POST';
  /** Headers of a failing attempt (i: the attempt's number). */
  bad: (i: number) => Record<string, string>;
  good: Record<string, string>;
  envelope: boolean;
}

const ATTACKS: Attack[] = [
  {
    name: '/sync missing api_key',
    path: (c) => `/sync/${c}/create`,
    method: 'POST',
    bad: () => ({}),
    good: { api_key: KEY },
    envelope: true,
  },
  {
    name: '/sync wrong api_key',
    path: (c) => `/sync/${c}/create`,
    method: 'POST',
    bad: (i) => ({ api_key: `${KEY}-${i}` }),
    good: { api_key: KEY },
    envelope: true,
  },
  {
    name: '/sync revoked api_key',
    path: (c) => `/sync/${c}/create`,
    method: 'POST',
    bad: () => ({ api_key: REVOKED }),
    good: { api_key: KEY },
    envelope: true,
  },
  {
    name: '/api missing token',
    path: () => '/api/web-services',
    method: 'POST',
    bad: () => ({}),
    good: BEARER(TEST_ADMIN_TOKEN),
    envelope: false,
  },
  {
    name: '/api wrong token',
    path: () => '/api/web-services',
    method: 'POST',
    bad: (i) => BEARER(`wrong-${i}`),
    good: BEARER(TEST_ADMIN_TOKEN),
    envelope: false,
  },
  {
    name: '/metrics wrong token',
    path: () => '/metrics',
    method: 'GET',
    bad: (i) => BEARER(`wrong-${i}`),
    good: BEARER(TEST_ADMIN_TOKEN),
    envelope: false,
  },
];

describe('reliability: authentication', () => {
  let t: TestApp;
  let code: string;
  let fingerprint: Fingerprint;
  const totals = { attempts: 0, unauthorized: 0, refused: 0, otherClient: 0, unexpected: [] as string[], rowsChecked: 0 };

  beforeAll(async () => {
    t = await startTestApp({
      SCHEDULER: 'off',
      OUTBOX_DISPATCHER: 'off',
      ALERT_EVALUATE_MS: '0',
      AUTH_FAILURE_LIMIT: String(LIMIT),
      AUTH_FAILURE_WINDOW_MS: String(WINDOW_MS),
    });
    const f = new Factory(t);
    await f.country('Spain', 'ES');
    await f.apiKey(KEY);
    const revoked = await t.api().post('/api/settings/api-keys').send({ name: 'revoked', key: REVOKED }).expect(201);
    await t.api().delete(`/api/settings/api-keys/${revoked.body.id}`).expect(204);
    code = (await f.contactObject({ direction: 'external_to_odoo', mode: 'realtime' })).syncModelCode;
    fingerprint = await new Fingerprint(t.app.get(DataSource)).load();
  });
  afterAll(async () => {
    publish('2. Authentication', {
      what:
        `${ATTACKS.length} brute-force clients (missing, wrong, revoked API key on /sync; missing, wrong admin token on /api and ` +
        `/metrics), limit ${LIMIT} failures per ${WINDOW_MS} ms per address; fingerprints of ${fingerprint?.tableCount ?? 0} tables`,
      tried: totals.attempts,
      rowsChecked: totals.rowsChecked,
      lost: 0,
      duplicated: 0,
      notes: [
        `${totals.unauthorized.toLocaleString('en-US')} answered 401, ${totals.refused.toLocaleString('en-US')} answered 429 ` +
          '(each with Retry-After; the envelope on /sync, the admin shape elsewhere), valid credentials included',
        `writes by refused calls: 0; ${totals.otherClient.toLocaleString('en-US')} calls of another client meanwhile, all answered 200`,
        ...totals.unexpected,
      ],
    });
    await t?.close();
  });

  /** A valid body for either write route (a record on /sync, a web service on /api). */
  const body = (i: number) => ({ unique_id: `BF-${i}`, name: `Brute ${i}`, country: 'ES', url: 'http://127.0.0.1:9/a' });
  const valid = (attack: Attack, i: number) =>
    attack.path(code).startsWith('/sync')
      ? { unique_id: `BF-${i}`, name: `Brute ${i}`, country: 'ES' }
      : { name: `Brute ${i}`, url: 'http://127.0.0.1:9/a' };

  it('N failures then 429 for everything from that address, nothing written, the other client unaffected', async () => {
    const before = await fingerprint.take();
    for (const [index, attack] of ATTACKS.entries()) {
      const from = `127.0.0.${10 + index}`;
      const answers: PlainAnswer[] = [];
      for (let i = 0; i < LIMIT + BEYOND; i++) {
        // Past the limit, every other attempt carries valid credentials: refused just the same.
        const headers = i >= LIMIT && i % 2 === 0 ? attack.good : attack.bad(i);
        answers.push(
          await requestFrom(from, `${t.url}${attack.path(code)}`, {
            method: attack.method,
            headers,
            body: attack.method === 'POST' ? body(i) : undefined,
          }),
        );
        if (i % 10 === 0) {
          await t.api().get('/api/sync-objects').expect(200);
          totals.otherClient++;
        }
      }
      totals.attempts += answers.length;
      const statuses = answers.map((a) => a.status);
      totals.unauthorized += statuses.filter((s) => s === 401).length;
      totals.refused += statuses.filter((s) => s === 429).length;
      expect({ attack: attack.name, statuses }).toEqual({
        attack: attack.name,
        statuses: [...Array(LIMIT).fill(401), ...Array(BEYOND).fill(429)],
      });
      for (const answer of answers.slice(LIMIT)) {
        expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
        if (attack.envelope) expect(answer.body).toMatchObject({ jsonrpc: '2.0', id: null, result: { status: 'failed' } });
        else expect(answer.body).toMatchObject({ statusCode: 429, code: 'AUTH.TOO_MANY_FAILURES', details: [] });
      }
    }
    const after = await fingerprint.take();
    totals.rowsChecked += fingerprint.tableCount * 2;
    expect(Fingerprint.changed(before, after)).toEqual([]);
  });

  it('after the block every attacker address is let in with valid credentials', async () => {
    for (const [index, attack] of ATTACKS.entries()) {
      const from = `127.0.0.${10 + index}`;
      const answer = await waitFor(async () => {
        const a = await requestFrom(from, `${t.url}${attack.path(code)}`, {
          method: attack.method,
          headers: attack.good,
          body: attack.method === 'POST' ? valid(attack, 1000 + index) : undefined,
        });
        return a.status === 429 ? null : a;
      }, `the end of ${attack.name}'s block`);
      totals.attempts++;
      if (answer.status >= 300) totals.unexpected.push(`${attack.name}: ${answer.status} after the block`);
      expect(answer.status).toBeLessThan(300);
    }
  });
});
