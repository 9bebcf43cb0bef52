import { writeFileSync } from 'node:fs';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { registerSecret } from '../support/secret-capture';
import { startTestApp, TestApp, TEST_ADMIN_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

type Line = Record<string, unknown> & { level: number; msg?: string; reqId?: string; runId?: number; context?: string };

/**
 * Structured logs: every line is JSON; a request's id is answered as X-Request-Id and on every line
 * logged while serving it (a run's id likewise); and no line, at any level, of a whole session
 * with secrets configured (admin token, api keys, passwords, signing secrets) contains one.
 */
describe('logs', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  const lines: string[] = [];
  const parsed = (): Line[] => lines.map((line) => JSON.parse(line) as Line);

  const SECRETS = {
    password: 'pw-Very-Secret-4b1d-9e77',
    externalApiKey: 'ext-key-Secret-0f3a-77c2',
    signingSecret: 'whsec-like-Secret-5511-aa90-b3',
    syncApiKey: 'sync-key-Secret-8c1e-4d22-00',
    secretsKey: '5ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e75ec7e71234',
  };

  beforeAll(async () => {
    registerSecret(...Object.values(SECRETS), Buffer.from(`odoo:${SECRETS.password}`).toString('base64'));
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp(
      { SCHEDULER: 'off', OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002', SECRETS_KEY: SECRETS.secretsKey },
      { logLines: lines },
    );
    f = new Factory(t);
    await f.country('Spain', 'ES');
  });
  afterAll(async () => {
    // LOGS_DUMP=<file> keeps the captured lines for a human to read.
    if (process.env.LOGS_DUMP) writeFileSync(process.env.LOGS_DUMP, `${lines.join('\n')}\n`);
    await t.close();
    await fake.stop();
  });
  // One Odoo ref field per model and web service: each test's objects go after it.
  afterEach(() => f.removeObjects());

  it('every line is one JSON object; a request is logged once, without headers or body', async () => {
    const res = await t.api().get('/api/sync-objects').set('X-Request-Id', 'req-listing-1').expect(200);
    expect(res.headers['x-request-id']).toBe('req-listing-1');
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const done = parsed().filter((l) => l.reqId === 'req-listing-1' && l.res);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/sync-objects' }, res: { statusCode: 200 } });
    expect(Object.keys(done[0].req as object).sort()).toEqual(['id', 'method', 'url']);
  });

  it('an incoming X-Request-Id that is not plain is replaced; without one a new id is made', async () => {
    const odd = await t.api().get('/health').set('X-Request-Id', 'has spaces and "quotes"').expect(200);
    expect(odd.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const none = await t.http().get('/health').expect(200);
    expect(none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(none.headers['x-request-id']).not.toBe(odd.headers['x-request-id']);
  });

  it("a manual run: its request's id and the run's id are on every line logged while serving it", async () => {
    const url = fake.urlFor('LOGRUN');
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id });
    fake.offer('LOGRUN', 'insert', { unique_id: 'L-1', name: 'Logged', country: 'ES' });
    const from = lines.length;
    const res = await t.api().post(`/api/sync-objects/${object.id}/run`).set('X-Request-Id', 'req-run-1').expect(200);
    expect(res.headers['x-request-id']).toBe('req-run-1');
    const during = parsed().slice(from);
    // What the run logged (its outbound calls at debug level) and the request's own line.
    const client = during.filter((l) => l.context === 'WebServiceClient');
    expect(client.length).toBeGreaterThanOrEqual(2);
    for (const line of during) expect(line.reqId).toBe('req-run-1');
    for (const line of client) expect(line.runId).toBe(res.body.id);
  });

  it('no line of a session with secrets configured contains one', async () => {
    const from = lines.length;
    // Outbound with HTTP Basic and a signing secret (real-time delivery), then an api_key service (cron pull).
    fake.setAuth({ mode: 'basic', username: 'odoo', password: SECRETS.password });
    const basicUrl = fake.urlFor('SECOUT');
    const basic = await f.webService({
      url: basicUrl,
      shippingUrl: basicUrl,
      needsAuthentication: true,
      authMode: 'user_password',
      username: 'odoo',
      password: SECRETS.password,
      signingSecret: SECRETS.signingSecret,
    });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: basic.id });
    await t.api().post('/api/records/res.partner').send({ name: 'Secretly sent' }).expect(201);
    await waitFor(() => fake.sends('SECOUT').some((r) => r.status === 200), 'the signed, authenticated delivery');
    await f.removeObjects();

    fake.setAuth({ mode: 'api_key', key: SECRETS.externalApiKey });
    const keyUrl = fake.urlFor('SECIN');
    const keyed = await f.webService({
      url: keyUrl,
      shippingUrl: keyUrl,
      needsConfirmation: true,
      confirmationUrl: keyUrl,
      needsAuthentication: true,
      authMode: 'api_key',
      apiKey: SECRETS.externalApiKey,
    });
    const cron = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: keyed.id });
    fake.offer('SECIN', 'insert', { unique_id: 'S-1', name: 'Pulled', country: 'ES' });
    expect((await t.api().post(`/api/sync-objects/${cron.id}/run`).expect(200)).body.status).toBe('success');
    await f.removeObjects();

    // A wrong password the external system refuses (401 logged as a failure), then a test call.
    fake.setAuth({ mode: 'basic', username: 'odoo', password: 'the-right-one-is-elsewhere' });
    await t.api().post(`/api/web-services/${basic.id}/test`);

    // Real-time inbound with the api_key header; a wrong key; a query string carrying a key.
    await f.apiKey(SECRETS.syncApiKey);
    const rt = await f.contactObject({ direction: 'external_to_odoo', mode: 'realtime' });
    await t
      .http()
      .post(`/sync/${rt.syncModelCode}/create`)
      .set('api_key', SECRETS.syncApiKey)
      .send({ unique_id: 'RT-1', name: 'Real time', country: 'ES' })
      .expect(200);
    await t.http().post(`/sync/${rt.syncModelCode}/create`).set('api_key', `${SECRETS.syncApiKey}x`).send({}).expect(401);
    await t.http().get(`/api/sync-objects?api_key=${SECRETS.syncApiKey}&token=${TEST_ADMIN_TOKEN}`).expect(401);

    // Refused bodies carrying secrets; a wrong admin token.
    await t.api().post('/api/web-services').send({ name: 'bad', url: 'not a url', password: SECRETS.password }).expect(400);
    await t.api().patch(`/api/web-services/${basic.id}`).send({ signingSecret: 'short' }).expect(400);
    await t.http().get('/api/web-services').set('Authorization', `Bearer ${SECRETS.password}`).expect(401);
    await t.http().get('/api/web-services').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200);

    const session = lines.slice(from);
    expect(session.length).toBeGreaterThan(15);
    // The session logged what it did (deliveries, the run's calls, refusals) ...
    expect(session.some((l) => l.includes('"context":"WebServiceClient"'))).toBe(true);
    expect(session.some((l) => l.includes('"statusCode":401'))).toBe(true);
    // ... and not one secret, anywhere, in any form the code handles (raw, Basic's base64).
    const basicAuth = Buffer.from(`odoo:${SECRETS.password}`).toString('base64');
    for (const secret of [...Object.values(SECRETS), TEST_ADMIN_TOKEN, basicAuth]) {
      const leaks = lines.filter((line) => line.includes(secret));
      expect({ secret, leaks }).toEqual({ secret, leaks: [] });
    }
  });
});
