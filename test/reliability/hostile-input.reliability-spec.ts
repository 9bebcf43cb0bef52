/**
 * Issue #15, point 1: property-based hostile input (fast-check) against every inbound route and
 * every admin resource, over real HTTP on the real database. For each request: never a 5xx; a
 * rejection names the problem; a rejected call writes nothing (every table's fingerprint before and
 * after; the change log may only gain failed rows); and nothing pollutes Object.prototype.
 */
import { FlappingRepository } from '../../src/flapping/flapping.repository';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { Factory } from '../support/factories';
import { registerSecret } from '../support/secret-capture';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { Fingerprint } from './support/fingerprint';
import { hostileBody, hostileId, hostileQuery, hostileWire, Wire } from './support/hostile';
import { publish } from './support/report';

const RUNS = Number(process.env.RELIABILITY_RUNS ?? 1000);
const KEY = 'RELIABILITY-FUZZ-KEY-0123456789abcdef';
const SECRETS_KEY = 'f00dfeed'.repeat(8);
const OUTBOUND_SECRET = 'fuzz-outbound-secret-7f3a';
/** Point 3: no answer (body or header) ever carries one of these, whatever the request was. */
const SECRETS = [KEY, SECRETS_KEY, OUTBOUND_SECRET, TEST_ADMIN_TOKEN];
// ... and no log line either (the run's secret scan, test/support/global-teardown.ts).
registerSecret(...SECRETS);

type Json = Parameters<typeof hostileBody>[0];
type Auth = 'admin' | 'sync';

interface Route {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  auth: Auth;
  /** The path, given one hostile or valid id. */
  path: (id: string) => string;
  body?: Json;
  query?: string[];
}

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  wire: Wire;
  key: 'valid' | 'wrong' | 'missing';
}

describe('reliability: hostile input', () => {
  let t: TestApp;
  let fingerprint: Fingerprint;
  let code: string;
  const totals = { requests: 0, rejected: 0, accepted: 0, rowsChecked: 0 };
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_DISPATCHER: 'off', ALERT_EVALUATE_MS: '0', SECRETS_KEY });
    const f = new Factory(t);
    await f.apiKey(KEY);
    await f.country('Spain', 'ES');
    const syncModel = await f.syncModel();
    code = syncModel.code;
    await f.contactObject({ syncModelId: syncModel.id });
    await t.api().post('/api/records/res.partner.category').send({ name: 'a' }).expect(201);
    await t.api().post('/api/records/res.partner').send({ name: 'Existing', email: 'e@example.com' }).expect(201);
    // Record 1 of object 1 flagged as flapping, so the release route has something to release.
    await t.app.get(FlappingRepository).save({
      syncObjectId: 1,
      recordId: 1,
      externalId: 'F-1',
      events: [],
      flaggedAt: new Date(),
      flips: [],
      heldInbound: null,
      updatedAt: new Date(),
    } as never);
    fingerprint = await new Fingerprint(t.app.get(DataSource)).load();
  });
  afterAll(async () => {
    publish('1. Hostile input', {
      what: `fast-check requests, ${RUNS} per route, ${routes().length} routes; fingerprints of ${fingerprint?.tableCount ?? 0} tables`,
      tried: totals.requests,
      rowsChecked: totals.rowsChecked,
      lost: 0,
      duplicated: 0,
      notes: [
        `${totals.rejected.toLocaleString('en-US')} rejected (each wrote nothing), ${totals.accepted.toLocaleString('en-US')} accepted`,
        'no answer (body or headers) carried the API key, the admin token, SECRETS_KEY or a web-service secret',
      ],
    });
    await t?.close();
  });

  const contact: Json = { name: 'Fuzz', unique_id: 'F1', country: 'ES', email: 'f@example.com', is_customer: true, tags: 'a' };
  const routes = (): Route[] => [
    { name: 'POST /sync/:code/create', method: 'POST', auth: 'sync', path: () => `/sync/${code}/create`, body: contact },
    { name: 'PUT /sync/:code/:externalId', method: 'PUT', auth: 'sync', path: (id) => `/sync/${code}/${id}`, body: contact },
    { name: 'DELETE /sync/:code/:externalId', method: 'DELETE', auth: 'sync', path: (id) => `/sync/${code}/${id}` },
    { name: 'PUT /sync/:odd-code/:id', method: 'PUT', auth: 'sync', path: (id) => `/sync/${id}/F1`, body: contact },
    {
      name: 'POST /api/records/:model',
      method: 'POST',
      auth: 'admin',
      path: (id) => `/api/records/${id === '1' ? 'res.partner' : id}`,
      body: { name: 'x', email: 'x@example.com', customer: true, comment: 'c', parent_id: 1 },
    },
    {
      name: 'PUT /api/records/res.partner/:id',
      method: 'PUT',
      auth: 'admin',
      path: (id) => `/api/records/res.partner/${id}`,
      body: { name: 'y', email: 'y@example.com' },
    },
    {
      name: 'GET /api/records/res.partner',
      method: 'GET',
      auth: 'admin',
      path: () => '/api/records/res.partner',
      query: ['domain', 'order', 'limit', 'offset', 'fields'],
    },
    {
      name: 'POST /api/records/res.partner/search',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/records/res.partner/search',
      body: { domain: "[('name', 'ilike', 'x')]", order: 'name asc', limit: 10, offset: 0 },
    },
    {
      name: 'POST /api/web-services',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/web-services',
      body: {
        name: 'Fuzz WS',
        url: 'http://127.0.0.1:9/a',
        shippingUrl: 'http://127.0.0.1:9/b',
        needsAuthentication: true,
        authMode: 'api_key',
        apiKey: OUTBOUND_SECRET,
        timeoutMs: 5000,
      },
    },
    {
      name: 'PATCH /api/web-services/:id',
      method: 'PATCH',
      auth: 'admin',
      path: (id) => `/api/web-services/${id}`,
      body: { url: 'http://127.0.0.1:9/c', timeoutMs: 3000 },
    },
    {
      name: 'POST /api/sync-models',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/sync-models',
      body: { name: 'Fuzz model', code: 'FUZZ', fields: [{ name: 'name', code: 'name', type: 'char' }] },
    },
    {
      name: 'POST /api/sync-objects',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/sync-objects',
      body: {
        name: 'Fuzz object',
        direction: 'odoo_to_external',
        mode: 'cron',
        odooModel: 'res.partner',
        odooRefField: 'x_sys_id',
        externalRefField: 'unique_id',
        webServiceId: 1,
        syncModelId: 1,
        domain: "[('customer', '=', True)]",
        schedule: { interval: 5, unit: 'minutes' },
        fields: [
          { odooField: 'name', externalField: 'name' },
          { odooField: 'x_sys_id', externalField: 'unique_id' },
        ],
      },
    },
    {
      name: 'PATCH /api/sync-objects/:id',
      method: 'PATCH',
      auth: 'admin',
      path: (id) => `/api/sync-objects/${id}`,
      body: { domain: '[]', limit: 10 },
    },
    {
      name: 'PUT /api/settings',
      method: 'PUT',
      auth: 'admin',
      path: () => '/api/settings',
      body: { generateLogs: true, logRetentionDays: 30, outboxMaxAttempts: 12 },
    },
    {
      name: 'POST /api/settings/api-keys',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/settings/api-keys',
      body: { name: 'fuzz key' },
    },
    {
      name: 'POST /api/config/import',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/config/import',
      body: { version: 1, webServices: [], syncModels: [], syncObjects: [] },
    },
    { name: 'POST /api/outbox/retry', method: 'POST', auth: 'admin', path: () => '/api/outbox/retry', body: { syncObjectId: 1 } },
    {
      name: 'POST /api/change-log/reapply',
      method: 'POST',
      auth: 'admin',
      path: () => '/api/change-log/reapply',
      body: { syncObjectId: 1, preview: true },
    },
    {
      name: 'GET /api/change-log',
      method: 'GET',
      auth: 'admin',
      path: () => '/api/change-log',
      query: ['q', 'status', 'syncObjectId', 'model', 'limit', 'offset', 'beforeId', 'from', 'to'],
    },
    {
      name: 'GET /api/outbox',
      method: 'GET',
      auth: 'admin',
      path: () => '/api/outbox',
      query: ['status', 'syncObjectId', 'recordId', 'limit', 'offset'],
    },
    {
      name: 'GET /api/sync-runs',
      method: 'GET',
      auth: 'admin',
      path: () => '/api/sync-runs',
      query: ['syncObjectId', 'status', 'limit', 'offset'],
    },
    {
      name: 'POST /api/sync-objects/:id/dry-run',
      method: 'POST',
      auth: 'admin',
      path: (id) => `/api/sync-objects/${id}/dry-run`,
      body: { receive: false },
      query: ['limit', 'offset'],
    },
    { name: 'POST /api/sync-runs/:id/release', method: 'POST', auth: 'admin', path: (id) => `/api/sync-runs/${id}/release` },
    {
      name: 'GET /api/sync-objects/:id/flapping',
      method: 'GET',
      auth: 'admin',
      path: (id) => `/api/sync-objects/${id}/flapping`,
    },
    {
      name: 'POST /api/sync-objects/:id/flapping/:recordId/release',
      method: 'POST',
      auth: 'admin',
      path: (id) => `/api/sync-objects/1/flapping/${id}/release`,
      body: { pin: 'external' },
    },
    {
      name: 'GET /api/sync-objects/:id/drift',
      method: 'GET',
      auth: 'admin',
      path: (id) => `/api/sync-objects/${id}/drift`,
      query: ['kind', 'limit', 'offset'],
    },
    { name: 'GET /api/<resource>/:id', method: 'GET', auth: 'admin', path: (id) => `/api/sync-objects/${id}` },
    { name: 'DELETE /api/web-services/:id', method: 'DELETE', auth: 'admin', path: (id) => `/api/web-services/${id}` },
  ];

  async function send(s: Sent): Promise<{ status: number; body: unknown; text: string }> {
    const url = new URL(t.url + s.path);
    for (const [k, v] of Object.entries(s.query)) url.searchParams.append(k, v);
    const headers: Record<string, string> = {};
    if (s.path.startsWith('/api/')) headers.authorization = `Bearer ${TEST_ADMIN_TOKEN}`;
    if (s.key === 'valid') headers.api_key = KEY;
    if (s.key === 'wrong') headers.api_key = 'wrong-key-0123456789';
    let payload: Buffer | string | undefined;
    if (s.method !== 'GET' && s.body !== undefined) {
      if (s.wire.kind === 'json') {
        payload = JSON.stringify(s.body);
        headers['content-type'] = 'application/json';
      } else {
        payload = s.wire.payload;
        if (s.wire.contentType) headers['content-type'] = s.wire.contentType;
      }
    }
    const res = await fetch(url, { method: s.method, headers, body: payload });
    const text = await res.text();
    const answer = JSON.stringify([...res.headers.entries()]) + text;
    const leaked = SECRETS.filter((secret) => answer.includes(secret));
    if (leaked.length) throw new Error(`an answer carried a secret (${leaked.length}): ${s.method} ${s.path} → ${res.status}`);
    let body: unknown = undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    return { status: res.status, body, text };
  }

  /** The problem a rejection names: the admin shape's message, or the seed envelope's. */
  function namedProblem(body: unknown): string | undefined {
    const b = body as { message?: unknown; result?: { message?: unknown; error_message?: unknown } } | undefined;
    const message = b?.message ?? b?.result?.error_message ?? b?.result?.message;
    return typeof message === 'string' && message.trim() ? message : undefined;
  }

  const rejected = (status: number, body: unknown) =>
    status >= 400 || (body as { result?: { status?: string } } | undefined)?.result?.status === 'failed';

  // The bodies the fuzzer mutates must be valid as they are, or it would only test the first check.
  it.each(
    routes()
      .filter((r) => r.body && !r.name.includes(':odd-code'))
      .map((r) => [r.name, r] as const),
  )('the valid body of %s is accepted', async (_name, route) => {
    const res = await send({
      method: route.method,
      path: route.path('1'),
      query: {},
      body: route.body,
      wire: { kind: 'json' },
      key: 'valid',
    });
    if (res.status >= 300 || rejected(res.status, res.body)) throw new Error(`${route.name}: ${res.status} ${res.text.slice(0, 400)}`);
  });

  it.each(routes().map((r) => [r.name, r] as const))('%s', async (_name, route) => {
    const arbitrary = fc.record({
      id: hostileId(),
      body: route.body ? hostileBody(route.body) : fc.constant(undefined),
      wire: hostileWire(),
      query: hostileQuery(route.query ?? ['limit', 'offset']),
      key:
        route.auth === 'sync'
          ? fc.constantFrom<Sent['key']>('valid', 'valid', 'valid', 'wrong', 'missing')
          : fc.constant<Sent['key']>('missing'),
    });
    // With the scheduler, the dispatcher and periodic alerts off nothing else writes: the fingerprint after one request
    // is the one before the next. On SQLite a request that moved no row (total_changes) needs none.
    let before = await fingerprint.take();
    let logBefore = await fingerprint.logCounts();
    let stale = false;
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const sent: Sent = {
          method: route.method,
          path: route.path(input.id),
          query: input.query,
          body: input.body,
          wire: input.wire,
          key: input.key,
        };
        if (stale) [before, logBefore, stale] = [await fingerprint.take(), await fingerprint.logCounts(), false];
        const writesBefore = await fingerprint.writes();
        const res = await send(sent);
        const writesAfter = await fingerprint.writes();
        const moved = writesBefore === null || writesAfter !== writesBefore;
        totals.requests += 1;
        totals.rowsChecked += fingerprint.tableCount;
        if (res.status >= 500) throw new Error(`${res.status} for ${show(sent)}: ${res.text.slice(0, 300)}`);
        if (!rejected(res.status, res.body)) {
          totals.accepted += 1;
          stale = moved;
          return;
        }
        totals.rejected += 1;
        if (!namedProblem(res.body)) throw new Error(`${res.status} names no problem for ${show(sent)}: ${res.text.slice(0, 300)}`);
        if (moved) {
          const [after, logAfter] = [await fingerprint.take(), await fingerprint.logCounts()];
          const changed = Fingerprint.changed(before, after);
          const logged = Object.entries(logAfter).filter(([status, n]) => status !== 'failed' && n !== (logBefore[status] ?? 0));
          [before, logBefore] = [after, logAfter];
          if (changed.length)
            throw new Error(`rejected (${res.status}) but wrote ${changed.join(', ')}: ${show(sent)}: ${res.text.slice(0, 300)}`);
          if (logged.length) throw new Error(`rejected but logged ${logged.map(([s]) => s).join(', ')} rows: ${show(sent)}`);
        }
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  });

  it('refuses 10 MB bodies on every route that takes one, writing nothing', async () => {
    const huge = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
    for (const route of routes().filter((r) => r.body)) {
      const before = await fingerprint.take();
      const sent: Sent = {
        method: route.method,
        path: route.path('1'),
        query: {},
        body: {},
        wire: { kind: 'raw', contentType: 'application/json', payload: Buffer.from(huge) },
        key: 'valid',
      };
      const res = await send(sent);
      totals.requests += 1;
      expect([route.name, res.status]).toEqual([route.name, 413]);
      expect(namedProblem(res.body)).toBeDefined();
      expect(Fingerprint.changed(before, await fingerprint.take())).toEqual([]);
    }
  });
});

function show(s: Sent): string {
  const body = s.wire.kind === 'json' ? JSON.stringify(s.body) : `${s.wire.contentType} ${s.wire.payload.toString('latin1')}`;
  return `${s.method} ${s.path} ${JSON.stringify(s.query).slice(0, 200)} key=${s.key} body=${(body ?? '').slice(0, 300)}`;
}
