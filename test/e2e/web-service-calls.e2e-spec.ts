import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { WebServiceCallEntity } from '../../src/web-services/web-service-call.entity';
import { WebServiceCallRecorder } from '../../src/web-services/web-service-call.recorder';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** The API inspector: GET /api/web-services/:id/calls, the last 200 calls per web service, no secret in them. */
describe('API inspector (/api/web-services/:id/calls)', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;

  const API_KEY = 'inspector-api-key-0123456789';
  const PASSWORD = 'inspector-password-s3cret';
  const SIGNING = 'inspector-signing-secret-0123456789';
  const calls = async (id: number, query: Json = {}) => (await t.api().get(`/api/web-services/${id}/calls`).query(query).expect(200)).body;

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_POLL_MS: '50' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(async () => {
    fake.reset();
    await f.removeObjects();
  });

  it('shows receive, confirm, send and test calls (URL, status, duration, bodies), no secret (API key, signing secret)', async () => {
    fake.setAuth({ mode: 'api_key', key: API_KEY });
    const url = fake.urlFor('INS');
    const ws = await f.webService({
      url,
      shippingUrl: url,
      needsConfirmation: true,
      confirmationUrl: url,
      needsAuthentication: true,
      authMode: 'api_key',
      apiKey: API_KEY,
      signingSecret: SIGNING,
    });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    const inbound = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id });
    // The external system echoes the key in a value: it is redacted in the answer kept too.
    fake.offer('INS', 'insert', { unique_id: 'INS-1', name: `Echo ${API_KEY}` });
    expect((await t.api().post(`/api/sync-objects/${inbound.id}/run`).expect(200)).body).toMatchObject({
      counts: { applied: 1, confirmed: 1 },
    });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id, syncModelId: inbound.syncModelId });
    await t
      .api()
      .post('/api/records/res.partner')
      .send({ name: `Sent with ${API_KEY}` })
      .expect(201);
    await waitFor(() => fake.sends('INS').length === 1, 'the send');

    const page = await calls(ws.id);
    expect(page.total).toBe(4);
    expect(page.items.map((c: Json) => c.kind)).toEqual(['send', 'confirm', 'receive', 'test']);
    for (const call of page.items) {
      expect(call).toMatchObject({ method: 'POST', url, status: 200, outcome: 'ok', error: null, requestTruncated: false });
      expect(call.durationMs).toEqual(expect.any(Number));
      expect(Date.parse(call.at)).not.toBeNaN();
      expect(Object.keys(call.requestHeaders).map((h) => h.toLowerCase())).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/api_key|authorization|webhook-signature/)]),
      );
    }
    const [send, confirm, receive, test] = page.items;
    expect(test.requestBody).toBe('{"limit":0}');
    expect(JSON.parse(receive.responseBody).content[0].values.name).toBe('Echo [redacted]');
    expect(JSON.parse(confirm.requestBody).content).toEqual([expect.objectContaining({ external_id: 'INS-1', status: 'success' })]);
    expect(JSON.parse(send.requestBody)).toMatchObject({ action: 'create', values: { name: 'Sent with [redacted]' } });
    expect(send.requestHeaders).toMatchObject({ 'idempotency-key': expect.stringMatching(/^synchro-/), 'webhook-id': expect.any(String) });
    const text = JSON.stringify(page);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(SIGNING);
    // The external system did receive the secrets: the inspector removed them.
    expect(fake.sends('INS')[0].headers).toHaveProperty('webhook-signature');
  });

  it('a Basic-auth web service: neither the password nor the encoded credentials are shown', async () => {
    fake.setAuth({ mode: 'basic', username: 'synchro', password: PASSWORD });
    const ws = await f.webService({
      url: fake.urlFor('INB'),
      needsAuthentication: true,
      authMode: 'user_password',
      username: 'synchro',
      password: PASSWORD,
    });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    const page = await calls(ws.id);
    expect(page.items).toEqual([expect.objectContaining({ kind: 'test', status: 200 })]);
    const text = JSON.stringify(page);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(`synchro:${PASSWORD}`).toString('base64'));
  });

  it('a failed call is kept with its status and error; a large answer is cut to 8 KB', async () => {
    const ws = await f.webService({ url: fake.urlFor('INF') });
    fake.setFault({ type: 'http500', times: 1 });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    const inbound = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id, limit: 500 });
    fake.seed(
      'INF',
      Array.from({ length: 200 }, (_, i) => ({ action: 'insert' as const, values: { unique_id: `INF-${i}`, name: `Contact ${i} ñ` } })),
    );
    await t.api().post(`/api/sync-objects/${inbound.id}/run`).expect(200);
    const [receive, failed] = (await calls(ws.id)).items;
    expect(failed).toMatchObject({ kind: 'test', status: 500, outcome: 'http', error: expect.any(String) });
    expect(receive).toMatchObject({ kind: 'receive', status: 200, responseTruncated: true });
    expect(Buffer.byteLength(receive.responseBody)).toBeLessThanOrEqual(8192);
    expect(Buffer.byteLength(receive.responseBody)).toBeGreaterThan(8000);
  });

  it('keeps the last 200 calls per web service, pages them, and validates the paging', async () => {
    const ws = await f.webService({ url: fake.urlFor('INM') });
    const other = await f.webService({ url: fake.urlFor('INO') });
    await t.api().post(`/api/web-services/${other.id}/test`).expect(200);
    for (let i = 0; i < 205; i++) await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    const first = await calls(ws.id, { limit: 200 });
    expect(first.total).toBe(200);
    expect(first.items).toHaveLength(200);
    const stored = await t.app.get(DataSource).getRepository(WebServiceCallEntity).countBy({ webServiceId: ws.id });
    expect(stored).toBe(200);
    const ids = first.items.map((c: Json) => c.id as number);
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    const page = await calls(ws.id, { limit: 10, offset: 195 });
    expect(page.items.map((c: Json) => c.id)).toEqual(ids.slice(195));
    // The other web service keeps its own call.
    expect((await calls(other.id)).total).toBe(1);

    for (const [query, field] of [
      [{ limit: 0 }, 'limit'],
      [{ limit: 201 }, 'limit'],
      [{ offset: 200 }, 'offset'],
      [{ offset: 'x' }, 'offset'],
    ] as const) {
      const res = await t.api().get(`/api/web-services/${ws.id}/calls`).query(query).expect(400);
      expect(res.body.details.map((d: Json) => d.field)).toContain(field);
    }
    await t.api().get('/api/web-services/999999/calls').expect(404);
  });

  it('is purged with the log retention (the daily RetentionSchedule job), and goes with its web service', async () => {
    const ws = await f.webService({ url: fake.urlFor('INR') });
    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect((await calls(ws.id)).total).toBe(1);
    expect(t.app.get(SchedulerRegistry).doesExist('interval', 'web-service-calls.retention')).toBe(true);
    expect(await t.app.get(WebServiceCallRecorder).purgeBefore(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect((await calls(ws.id)).total).toBe(0);

    await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    await calls(ws.id);
    await t.api().delete(`/api/web-services/${ws.id}`).expect(204);
    expect(await t.app.get(DataSource).getRepository(WebServiceCallEntity).countBy({ webServiceId: ws.id })).toBe(0);
  });
});
