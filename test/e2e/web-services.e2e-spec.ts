import * as fs from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { WebServiceClient } from '../../src/web-services/outbound/web-service.client';
import { WebServicesService, WebServiceUsage } from '../../src/web-services/web-services.service';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { startTestApp, TestApp } from '../support/test-app';

const PASSWORD = 'pa:ss-w0rd-PLAINTEXT';
const API_KEY = 'outbound-KEY-plaintext-123';
const ANSWER_LIMIT = 64 * 1024;

describe('web services (/api/web-services)', () => {
  let t: TestApp;
  let fake: FakeExternalSystem;
  let seq = 0;
  beforeAll(async () => {
    t = await startTestApp({ OUTBOUND_MAX_ANSWER_BYTES: String(ANSWER_LIMIT) });
    fake = new FakeExternalSystem();
    await fake.start();
  });
  afterEach(() => fake.reset());
  afterAll(async () => {
    await fake.stop();
    await t.close();
  });

  const create = (body: object) =>
    t
      .api()
      .post('/api/web-services')
      .send({ name: `WS ${++seq}`, url: fake.urlFor('CON'), ...body });
  const created = async (body: object = {}) => (await create(body).expect(201)).body;
  const basic = { needsAuthentication: true, authMode: 'user_password', username: 'odoo', password: PASSWORD };
  const apiKey = { needsAuthentication: true, authMode: 'api_key', apiKey: API_KEY };
  const storedRow = async (id: number) => (await t.app.get(DataSource).query('SELECT * FROM web_service WHERE id = ?', [id]))[0];
  const count = async () => (await t.api().get('/api/web-services').expect(200)).body.length;

  describe('CRUD and the seed’s rules', () => {
    it('creates with defaults and answers every field but the secrets', async () => {
      const res = await t
        .api()
        .post('/api/web-services')
        .send({ name: 'Sincronizar Clientes', url: fake.urlFor('CON') })
        .expect(201);
      expect(res.body).toEqual({
        id: expect.any(Number),
        name: 'Sincronizar Clientes',
        url: fake.urlFor('CON'),
        needsConfirmation: false,
        confirmationUrl: null,
        shippingUrl: null,
        needsAuthentication: false,
        authMode: null,
        username: null,
        hasPassword: false,
        hasApiKey: false,
        hasSigningSecret: false,
        timeoutMs: 10000,
        active: true,
        rateLimit: null,
        maxConcurrency: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      // GET adds the delivery health reported by the outbox.
      expect((await t.api().get(`/api/web-services/${res.body.id}`).expect(200)).body).toEqual({
        ...res.body,
        health: expect.objectContaining({ status: 'ok', pendingCount: 0 }),
      });
    });

    it('never answers secrets and stores them encrypted', async () => {
      const a = await created({ ...basic, needsConfirmation: true, confirmationUrl: fake.urlFor('CON'), shippingUrl: fake.urlFor('CON') });
      const b = await created({ ...apiKey, password: PASSWORD });
      expect(a).toMatchObject({ hasPassword: true, hasApiKey: false, username: 'odoo', authMode: 'user_password' });
      expect(b).toMatchObject({ hasPassword: true, hasApiKey: true, authMode: 'api_key' });
      const updated = (await t.api().patch(`/api/web-services/${a.id}`).send({ active: false }).expect(200)).body;
      const answers = [a, b, updated, (await t.api().get('/api/web-services')).body, (await t.api().get(`/api/web-services/${b.id}`)).body];
      for (const answer of answers) {
        const json = JSON.stringify(answer);
        expect(json).not.toContain(PASSWORD);
        expect(json).not.toContain(API_KEY);
        expect(json).not.toMatch(/"(password|apiKey|passwordEncrypted|apiKeyEncrypted)"/);
      }
      const row = await storedRow(b.id);
      expect(row.password_encrypted).toMatch(/^v1:/);
      expect(row.api_key_encrypted).toMatch(/^v1:/);
      expect(JSON.stringify(row)).not.toContain(PASSWORD);
      expect(JSON.stringify(row)).not.toContain(API_KEY);
      expect(fs.existsSync(path.join(t.db.dataDir, 'secrets-key'))).toBe(true);
    });

    it.each<[string, object, string]>([
      ['no url', { url: undefined }, 'url'],
      ['ftp url', { url: 'ftp://erp.example.com/customers' }, 'url'],
      ['relative url', { url: '/web/customers' }, 'url'],
      ['confirmation without URL', { needsConfirmation: true }, 'confirmationUrl'],
      ['bad confirmation URL', { confirmationUrl: 'not a url' }, 'confirmationUrl'],
      ['bad shipping URL', { shippingUrl: 'mailto:x@example.com' }, 'shippingUrl'],
      ['authentication without mode', { needsAuthentication: true }, 'authMode'],
      ['unknown auth mode', { needsAuthentication: true, authMode: 'oauth' }, 'authMode'],
      ['user_password without password', { ...basic, password: undefined }, 'password'],
      ['user_password without username', { ...basic, username: undefined }, 'username'],
      ['api_key without key', { ...apiKey, apiKey: undefined }, 'apiKey'],
      ['empty password', { ...basic, password: '' }, 'password'],
      ['timeout too short', { timeoutMs: 50 }, 'timeoutMs'],
      ['timeout as text', { timeoutMs: '1000' }, 'timeoutMs'],
      ['null name', { name: null }, 'name'],
      ['name too long', { name: 'n'.repeat(129) }, 'name'],
      ['boolean as text', { active: 'yes' }, 'active'],
      ['unknown property', { method: 'GET' }, 'method'],
    ])('rejects %s with a 400 naming the field, writing nothing', async (_case, body, field) => {
      const before = await count();
      const res = await create(body).expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
      expect(await count()).toBe(before);
    });

    it('accepts an empty shipping URL (one-way external → Odoo) and stores it as null', async () => {
      expect(await created({ shippingUrl: '' })).toMatchObject({ shippingUrl: null });
    });

    it('refuses a duplicate name with 409 naming name (case-insensitively, on both databases)', async () => {
      const first = await created({ name: 'Products' });
      for (const name of ['Products', 'PRODUCTS', ' Products ']) {
        const res = await t
          .api()
          .post('/api/web-services')
          .send({ name, url: fake.urlFor('PRO') })
          .expect(409);
        expect(res.body).toMatchObject({ code: 'WEB_SERVICE.NAME_TAKEN', details: [{ field: 'name' }] });
      }
      const other = await created();
      await t.api().put(`/api/web-services/${other.id}`).send({ name: 'products' }).expect(409);
      await t.api().put(`/api/web-services/${first.id}`).send({ name: 'Products' }).expect(200);
    });

    it('updates partially with PUT and PATCH, keeping omitted secrets (and they still work)', async () => {
      fake.setAuth({ mode: 'basic', username: 'odoo', password: PASSWORD });
      const ws = await created(basic);
      for (const method of ['put', 'patch'] as const) {
        const api = t.api();
        const res = await api[method](`/api/web-services/${ws.id}`)
          .send({ timeoutMs: 5000, url: fake.urlFor(method) })
          .expect(200);
        expect(res.body).toMatchObject({ timeoutMs: 5000, url: fake.urlFor(method), hasPassword: true, username: 'odoo', name: ws.name });
        expect(Date.parse(res.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(ws.updatedAt));
        const test = await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
        expect(test.body).toMatchObject({ reachable: true, httpStatus: 200 });
      }
    });

    it('checks the merged result: switching to api_key needs a key stored or given', async () => {
      const ws = await created(basic);
      const res = await t.api().patch(`/api/web-services/${ws.id}`).send({ authMode: 'api_key' }).expect(400);
      expect(res.body).toMatchObject({ code: 'WEB_SERVICE.INVALID', details: [{ field: 'apiKey' }] });
      expect((await t.api().get(`/api/web-services/${ws.id}`)).body).toMatchObject({ authMode: 'user_password', updatedAt: ws.updatedAt });
      const ok = await t.api().patch(`/api/web-services/${ws.id}`).send({ authMode: 'api_key', apiKey: API_KEY }).expect(200);
      expect(ok.body).toMatchObject({ authMode: 'api_key', hasApiKey: true, hasPassword: true });
      await t.api().patch(`/api/web-services/${ws.id}`).send({ needsConfirmation: true }).expect(400);
    });

    it('clears a secret with null, but not one the rules still need', async () => {
      const ws = await created(basic);
      const refused = await t.api().patch(`/api/web-services/${ws.id}`).send({ password: null }).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      const res = await t.api().patch(`/api/web-services/${ws.id}`).send({ needsAuthentication: false, password: null }).expect(200);
      expect(res.body).toMatchObject({ needsAuthentication: false, hasPassword: false });
      expect((await storedRow(ws.id)).password_encrypted).toBeNull();
    });

    it('answers 404 for unknown ids and 400 for bad ones', async () => {
      for (const req of [t.api().get('/api/web-services/999999'), t.api().patch('/api/web-services/999999').send({ active: false })]) {
        expect((await req.expect(404)).body.code).toBe('WEB_SERVICE.NOT_FOUND');
      }
      await t.api().delete('/api/web-services/999999').expect(404);
      await t.api().post('/api/web-services/999999/test').expect(404);
      await t.api().get('/api/web-services/abc').expect(400);
    });

    it('deletes a web service (204, then 404)', async () => {
      const ws = await created();
      await t.api().delete(`/api/web-services/${ws.id}`).expect(204);
      await t.api().get(`/api/web-services/${ws.id}`).expect(404);
    });

    it('refuses to delete a web service that sync objects use, naming them (409)', async () => {
      const ws = await created();
      t.app.get(WebServiceUsage).register(async (id) => (id === ws.id ? ['Contacts → CON', 'Products → PRO'] : []));
      const res = await t.api().delete(`/api/web-services/${ws.id}`).expect(409);
      expect(res.body.code).toBe('WEB_SERVICE.IN_USE');
      expect(res.body.message).toContain('Contacts → CON');
      expect(res.body.message).toContain('Products → PRO');
      await t.api().get(`/api/web-services/${ws.id}`).expect(200);
    });

    it('requires the admin token and is described in OpenAPI without secret fields in answers', async () => {
      await t.http().get('/api/web-services').expect(401);
      const doc = (await t.http().get('/docs/json').expect(200)).body;
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining(['/api/web-services', '/api/web-services/{id}', '/api/web-services/{id}/test']),
      );
      expect(Object.keys(doc.components.schemas.WebServiceView.properties)).not.toEqual(expect.arrayContaining(['password']));
    });
  });

  describe('outbound calls and POST /:id/test', () => {
    const test = async (id: number) => (await t.api().post(`/api/web-services/${id}/test`).expect(200)).body;

    it('POSTs {"limit": 0} as JSON and reports the answer', async () => {
      const report = await test((await created()).id);
      expect(report).toEqual({ reachable: true, httpStatus: 200, latencyMs: expect.any(Number), status: 'success' });
      const [call] = fake.received();
      expect(call).toMatchObject({ method: 'POST', body: { limit: 0 }, kind: 'receive' });
      expect(call.headers['content-type']).toMatch(/^application\/json/);
      expect(call.headers.accept).toBe('application/json');
      expect(call.headers.authorization).toBeUndefined();
      expect(call.headers.api_key).toBeUndefined();
    });

    it('sends HTTP Basic for user_password; wrong credentials are reported as 401', async () => {
      fake.setAuth({ mode: 'basic', username: 'odoo', password: PASSWORD });
      const good = await created(basic);
      expect(await test(good.id)).toMatchObject({ reachable: true, httpStatus: 200 });
      const header = fake.received()[0].headers.authorization as string;
      expect(Buffer.from(header.replace(/^Basic /, ''), 'base64').toString('utf8')).toBe(`odoo:${PASSWORD}`);
      const bad = await created({ ...basic, password: 'wrong' });
      expect(await test(bad.id)).toMatchObject({
        reachable: false,
        httpStatus: 401,
        errorKind: 'http',
        error: expect.stringContaining('401'),
      });
      expect(fake.received()[1].rejected).toBe(true);
    });

    it('sends the api_key header for api_key; a wrong key is reported as 401', async () => {
      fake.setAuth({ mode: 'api_key', key: API_KEY });
      const good = await created(apiKey);
      expect(await test(good.id)).toMatchObject({ reachable: true, httpStatus: 200 });
      expect(fake.received()[0].headers.api_key).toBe(API_KEY);
      const bad = await created({ ...apiKey, apiKey: 'not-the-key' });
      expect(await test(bad.id)).toMatchObject({ reachable: false, httpStatus: 401 });
      // Authentication switched off: nothing is sent, although a key is stored.
      await t.api().patch(`/api/web-services/${good.id}`).send({ needsAuthentication: false }).expect(200);
      expect(await test(good.id)).toMatchObject({ reachable: false, httpStatus: 401 });
      expect(fake.received()[2].headers.api_key).toBeUndefined();
    });

    it('reports a timeout', async () => {
      fake.setFault({ type: 'timeout' });
      const report = await test((await created({ timeoutMs: 300 })).id);
      expect(report).toMatchObject({ reachable: false, httpStatus: null, errorKind: 'timeout' });
      expect(report.latencyMs).toBeGreaterThanOrEqual(250);
      expect(report.latencyMs).toBeLessThan(5000);
    });

    it.each([
      ['http500', 500, 'http'],
      ['malformed_json', 200, 'malformed_json'],
    ] as const)('reports %s', async (type, httpStatus, errorKind) => {
      fake.setFault({ type });
      expect(await test((await created()).id)).toMatchObject({ reachable: false, httpStatus, errorKind });
    });

    it('reports an external answer of status "failed" while reachable', async () => {
      fake.setFault({ type: 'status_failed' });
      expect(await test((await created()).id)).toMatchObject({ reachable: true, httpStatus: 200, status: 'failed' });
    });

    it('does not follow redirects', async () => {
      const hits: string[] = [];
      const redirector: Server = createServer((req, res) => {
        hits.push(req.url ?? '');
        res.writeHead(302, { Location: fake.urlFor('CON') }).end();
      });
      await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/CON`;
        const report = await test((await created({ url })).id);
        expect(report).toMatchObject({ reachable: false, httpStatus: 302, errorKind: 'redirect' });
        expect(hits).toEqual(['/CON']);
        expect(fake.received()).toHaveLength(0);
      } finally {
        await new Promise((resolve) => redirector.close(resolve));
      }
    });

    /** A local server answering every POST with `answer(n)` (n = calls so far), counting its connections. */
    async function withServer(
      answer: (n: number) => string,
      work: (url: string, stats: { connections: number; headers: object[] }) => Promise<void>,
    ) {
      const stats = { connections: 0, headers: [] as object[] };
      const server: Server = createServer((req, res) => {
        stats.headers.push(req.headers);
        req.resume().on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer(stats.headers.length)));
      });
      server.on('connection', () => (stats.connections += 1));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}/CON`, stats);
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    }

    it('refuses an answer larger than OUTBOUND_MAX_ANSWER_BYTES without buffering it all', async () => {
      const big = (size: number) => JSON.stringify({ status: 'success', content: 'x'.repeat(size) });
      await withServer(
        (n) => (n === 1 ? big(ANSWER_LIMIT - 100) : big(4 * ANSWER_LIMIT)),
        async (url) => {
          const id = (await created({ url })).id;
          expect(await test(id)).toMatchObject({ reachable: true, httpStatus: 200 });
          const report = await test(id);
          expect(report).toMatchObject({ reachable: false, errorKind: 'malformed_json' });
          expect(report.error).toContain(`larger than ${ANSWER_LIMIT} bytes`);
        },
      );
    });

    it('keeps connections alive between calls and asks for no compression', async () => {
      await withServer(
        () => JSON.stringify({ status: 'success' }),
        async (url, stats) => {
          const ws = await t.app.get(WebServicesService).getEntity((await created({ url })).id);
          const client = t.app.get(WebServiceClient);
          for (let i = 0; i < 10; i++) expect((await client.post(ws, url, { n: i })).ok).toBe(true);
          // Ten calls in a row share one connection...
          expect(stats.connections).toBe(1);
          await Promise.all(Array.from({ length: 10 }, (_, i) => client.post(ws, url, { n: i })));
          expect(stats.headers).toHaveLength(20);
          // ...ten at once open at most ten.
          expect(stats.connections).toBeLessThanOrEqual(10);
          expect(stats.headers[0]).toMatchObject({ 'accept-encoding': 'identity', connection: 'keep-alive' });
        },
      );
    });

    it('reports a refused connection', async () => {
      const probe = createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const port = (probe.address() as AddressInfo).port;
      await new Promise((resolve) => probe.close(resolve));
      const report = await test((await created({ url: `http://127.0.0.1:${port}/CON` })).id);
      expect(report).toMatchObject({ reachable: false, httpStatus: null, errorKind: 'network' });
      expect(report.error).toMatch(/ECONNREFUSED/);
    });

    it('WebServiceClient.post sends caller headers and the Idempotency-Key, and never lets them replace its own', async () => {
      fake.setAuth({ mode: 'api_key', key: API_KEY });
      const ws = await t.app.get(WebServicesService).getEntity((await created(apiKey)).id);
      const client = t.app.get(WebServiceClient);
      const body = { action: 'create', values: { name: 'Contact 3' }, external_id: null };
      const headers = { 'X-Trace': 't-1', 'content-type': 'text/plain', api_key: 'forged' };
      const first = await client.post(ws, fake.urlFor('CON', 'send'), body, { headers, idempotencyKey: 'delivery-1' });
      expect(first).toMatchObject({ ok: true, httpStatus: 200, json: { status: 'success' } });
      const again = await client.post(ws, fake.urlFor('CON', 'send'), body, { idempotencyKey: 'delivery-1' });
      expect(again.ok).toBe(true);
      const sends = fake.sends('CON');
      expect(sends.map((s) => s.duplicate ?? false)).toEqual([false, true]);
      expect(sends[0].headers).toMatchObject({
        'x-trace': 't-1',
        'idempotency-key': 'delivery-1',
        'content-type': 'application/json',
        api_key: API_KEY,
      });
      expect(fake.records('CON').size).toBe(1);
    });

    it('WebServiceClient.post honours a per-call timeout', async () => {
      fake.setFault({ type: 'timeout' });
      const ws = await t.app.get(WebServicesService).getEntity((await created({ timeoutMs: 60000 })).id);
      const result = await t.app.get(WebServiceClient).post(ws, ws.url, { limit: 1 }, { timeoutMs: 200 });
      expect(result).toMatchObject({ ok: false, errorKind: 'timeout' });
      expect(result.latencyMs).toBeLessThan(5000);
    });

    it('logs no secret while creating, updating and calling', async () => {
      const spies = (['log', 'error', 'warn', 'debug', 'verbose'] as const).map((level) => jest.spyOn(Logger.prototype, level));
      try {
        fake.setAuth({ mode: 'basic', username: 'odoo', password: PASSWORD });
        const ws = await created(basic);
        await t.api().patch(`/api/web-services/${ws.id}`).send({ apiKey: API_KEY }).expect(200);
        await test(ws.id);
        fake.setFault({ type: 'http500' });
        await test(ws.id);
        const logged = JSON.stringify(spies.flatMap((spy) => spy.mock.calls));
        expect(logged).not.toContain(PASSWORD);
        expect(logged).not.toContain(API_KEY);
      } finally {
        spies.forEach((spy) => spy.mockRestore());
      }
    });

    it('reads secrets back after a restart with the key generated into the data folder', async () => {
      fake.setAuth({ mode: 'basic', username: 'odoo', password: PASSWORD });
      const ws = await created(basic);
      const restarted = await createApp({ logger: false });
      try {
        await restarted.init();
        await expect(restarted.get(WebServicesService).test(ws.id)).resolves.toMatchObject({ reachable: true, httpStatus: 200 });
      } finally {
        await restarted.close();
      }
    });
  });
});
