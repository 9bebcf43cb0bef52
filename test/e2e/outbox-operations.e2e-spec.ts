import { createHmac } from 'node:crypto';
import { createApp } from '../../src/bootstrap';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { createNamedApp, idleInstances } from '../support/per-instance';
import { isMysqlRun } from '../support/test-database';
import request from 'supertest';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Delivery operations: web-service health and circuit breaker, signing, several instances. */
describe('outbox operations', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  const sends = (code: string) => fake.sends(code).filter((r) => !r.rejected && !r.fault);

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    t = await startTestApp({
      INSTANCE_NAME: 'first',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BACKOFF_SCALE: '0.001',
      OUTBOX_BREAKER_THRESHOLD: '3',
      OUTBOX_BREAKER_COOLDOWN_MS: '1500',
    });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(async () => {
    fake.clearFault();
    await f.removeObjects();
  });

  it('pauses a failing web service (circuit breaker), shows it in its health, and resumes by itself', async () => {
    const ws = await f.webService({ url: fake.urlFor('CB'), shippingUrl: fake.urlFor('CB') });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    const healthy = await t.api().get(`/api/web-services/${ws.id}`).expect(200);
    expect(healthy.body.health).toMatchObject({ status: 'ok', pendingCount: 0, oldestPendingAgeSeconds: null });
    fake.setFault({ type: 'http500', code: 'CB' });
    await t.api().post('/api/records/res.partner').send({ name: 'Breaker' }).expect(201);
    const paused = await waitFor(async () => {
      const body = (await t.api().get(`/api/web-services/${ws.id}`)).body;
      return body.health.status === 'paused' ? body : undefined;
    }, 'the pause');
    expect(paused.health).toMatchObject({ consecutiveFailures: 3, pendingCount: 1 });
    expect(paused.health.lastError).toMatch(/500/);
    const attemptsWhilePaused = fake.sends('CB').length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.sends('CB').length).toBe(attemptsWhilePaused);
    fake.clearFault();
    await waitFor(() => sends('CB').length === 1, 'delivery after the cool-down');
    const ok = await waitFor(async () => {
      const body = (await t.api().get(`/api/web-services/${ws.id}`)).body;
      return body.health.status === 'ok' ? body : undefined;
    }, 'health back to ok');
    expect(ok.health).toMatchObject({ consecutiveFailures: 0, pendingCount: 0 });
  });

  it('signs deliveries with Standard Webhooks headers when the web service has a signing secret', async () => {
    const secret = 'a-very-secret-signing-key';
    const ws = await f.webService({ url: fake.urlFor('SIG'), shippingUrl: fake.urlFor('SIG'), signingSecret: secret });
    expect(ws).toMatchObject({ hasSigningSecret: true });
    expect(JSON.stringify(ws)).not.toContain(secret);
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    await t.api().post('/api/records/res.partner').send({ name: 'Signed' }).expect(201);
    const request = await waitFor(() => sends('SIG')[0], 'the signed delivery');
    const id = String(request.headers['webhook-id']);
    const timestamp = String(request.headers['webhook-timestamp']);
    const expected = createHmac('sha256', secret)
      .update(`${id}.${timestamp}.${JSON.stringify(request.body)}`)
      .digest('base64');
    expect(request.headers['webhook-signature']).toBe(`v1,${expected}`);
    expect(id).toBe(request.headers['idempotency-key']);
    expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
  });

  (isMysqlRun() ? it : it.skip)('two instances on one MariaDB database share the deliveries and never deliver one row twice', async () => {
    const ws = await f.webService({ url: fake.urlFor('DUO'), shippingUrl: fake.urlFor('DUO') });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    const second = await createNamedApp('second');
    await second.init();
    try {
      // Writes through both: each instance wakes on its own, and both poll.
      const creates = Array.from({ length: 60 }, (_, i) =>
        request(i % 2 ? second.getHttpServer() : t.app.getHttpServer())
          .post('/api/records/res.partner')
          .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
          .send({ name: `Duo ${i}` }),
      );
      for (const res of await Promise.all(creates)) expect(res.status).toBe(201);
      await waitFor(() => sends('DUO').length >= 60, 'all deliveries', 20_000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const keys = sends('DUO').map((r) => r.headers['idempotency-key']);
      expect(keys).toHaveLength(60);
      expect(new Set(keys).size).toBe(60);
      expect(fake.sends('DUO').filter((r) => r.duplicate)).toHaveLength(0);
      // Counted at the receiver: both instances delivered part of them (one alone fails here).
      expect(idleInstances(sends('DUO'), ['first', 'second'])).toEqual([]);
    } finally {
      await second.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight delivery finish before the app closes, and claims nothing more', async () => {
    const fake = new FakeExternalSystem();
    await fake.start();
    const t = await startTestApp({ OUTBOX_POLL_MS: '50' });
    try {
      const f = new Factory(t);
      const ws = await f.webService({ url: fake.urlFor('BYE'), shippingUrl: fake.urlFor('BYE') });
      await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
      fake.setFault({ type: 'slow', delayMs: 700, code: 'BYE' });
      await t.api().post('/api/records/res.partner').send({ name: 'Last one' }).expect(201);
      await waitFor(() => fake.sends('BYE').length === 1, 'the delivery in flight');
      await t.app.close();
      // A fresh app on the same database sees the row delivered, not left in flight.
      const again = await createApp({ logger: ['error'] });
      await again.init();
      try {
        const done = await request(again.getHttpServer())
          .get('/api/outbox')
          .query({ status: 'done' })
          .set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`)
          .expect(200);
        expect(done.body.total).toBe(1);
      } finally {
        await again.close();
      }
    } finally {
      await t.db.drop();
      await fake.stop();
    }
  });
});
