import { DataSource } from 'typeorm';
import { ModelRegistry } from '../../src/odoo/model.registry';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { rateFigures } from '../support/throttle-figures';
import { waitFor } from '../support/wait-for';

/**
 * Throttling toward the external system (issue 14): a web service's rateLimit and
 * maxConcurrency, validated and exported; a backlog sent at the limit, measured from the
 * receiver's arrival times; a 429/503 with Retry-After makes the row and the web service wait
 * that long, spending no attempt. (The 5,000-row figure at 20/s and two instances sharing one
 * limit: test/reliability/throttling.reliability-spec.ts.)
 */
describe('throttling toward the external system', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '50' });
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

  const partners = () => t.app.get(DataSource).getRepository(t.app.get(ModelRegistry).find('res.partner')!.entity);

  describe('configuration', () => {
    it.each([
      [{ rateLimit: { requests: 0, perSeconds: 1 } }, 'rateLimit.requests'],
      [{ rateLimit: { requests: 10 } }, 'rateLimit.perSeconds'],
      [{ rateLimit: { requests: 10, perSeconds: 1.5 } }, 'rateLimit.perSeconds'],
      [{ rateLimit: 10 }, 'rateLimit'],
      [{ maxConcurrency: 0 }, 'maxConcurrency'],
      [{ maxConcurrency: '2' }, 'maxConcurrency'],
    ])('refuses %j naming %s, writing nothing', async (body, field) => {
      const before = (await t.api().get('/api/web-services').expect(200)).body.length;
      const res = await t
        .api()
        .post('/api/web-services')
        .send({ name: 'Throttled', url: fake.urlFor('THR'), ...body })
        .expect(400);
      expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
      expect((await t.api().get('/api/web-services').expect(200)).body.length).toBe(before);
    });

    it('stores, shows, exports and clears rateLimit and maxConcurrency', async () => {
      const ws = await f.webService({ url: fake.urlFor('THR'), rateLimit: { requests: 10, perSeconds: 1 }, maxConcurrency: 4 });
      expect(ws).toMatchObject({ rateLimit: { requests: 10, perSeconds: 1 }, maxConcurrency: 4 });
      const exported = (await t.api().get('/api/config/export').expect(200)).body as { webServices: { name: string }[] };
      expect(exported.webServices.find((w) => w.name === ws.name)).toMatchObject({
        rateLimit: { requests: 10, perSeconds: 1 },
        maxConcurrency: 4,
      });
      const patched = await t.api().patch(`/api/web-services/${ws.id}`).send({ rateLimit: null, maxConcurrency: null }).expect(200);
      expect(patched.body).toMatchObject({ rateLimit: null, maxConcurrency: null });
      expect((await t.api().get(`/api/web-services/${ws.id}`).expect(200)).body).toMatchObject({ rateLimit: null, maxConcurrency: null });
      await t.api().delete(`/api/web-services/${ws.id}`).expect(204);
    });
  });

  it('sends a backlog at the rate limit, never above it (measured at the receiver)', async () => {
    const LIMIT = 10;
    const ROWS = 60;
    const code = 'THR_RATE';
    const ws = await f.webService({
      url: fake.urlFor(code),
      shippingUrl: fake.urlFor(code),
      rateLimit: { requests: LIMIT, perSeconds: 1 },
    });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    await partners().save(Array.from({ length: ROWS }, (_, i) => ({ name: `Throttled ${i}`, active: true })));
    await waitFor(() => fake.receiptTimes(code, 'send').length >= ROWS, 'every send', 60_000, 100);
    const figures = rateFigures(fake.receiptTimes(code, 'send'));
    // +2: the schedule never puts more than LIMIT starts in a second and a call starts at most 0.9 of an
    // interval late (+1, unit table); the receiver shares this process's event loop (+1). The strict
    // figures (20/s ± 10 % over 5,000 rows, receiver in its own process): the reliability spec.
    expect(figures.busiest).toBeLessThanOrEqual(LIMIT + 2);
    // Never faster; slower by this loaded machine's stalls of the one event loop (a call woken too late
    // takes a new slot): 7/s was seen here on MariaDB with the full suite running beside it.
    expect(figures.meanPerSecond).toBeGreaterThan(LIMIT * 0.5);
    expect(figures.meanPerSecond).toBeLessThan(LIMIT * 1.1);
    await t
      .api()
      .delete(`/api/sync-objects/${(await t.api().get('/api/sync-objects').expect(200)).body[0].id}`)
      .expect(204);
    await t.api().delete(`/api/web-services/${ws.id}`).expect(204);
  });

  it.each(['http429', 'http503'] as const)(
    'a %s with Retry-After makes the row and the web service wait that long, spending no attempt',
    async (type) => {
      const code = `THR_${type}`;
      const ws = await f.webService({ url: fake.urlFor(code), shippingUrl: fake.urlFor(code) });
      await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
      fake.setFault({ type, code, times: 1, retryAfter: '2' });
      const [record] = (await partners().save([{ name: `Retry after ${type}`, active: true }])) as unknown as { id: number }[];
      await waitFor(() => fake.receiptTimes(code, 'send').length >= 1, 'the refused send');
      const row = await waitFor(async () => {
        const items = (await t.api().get('/api/outbox').query({ recordId: record.id }).expect(200)).body.items as {
          attempts: number;
          lastHttpStatus: number | null;
          nextAttemptAt: string;
        }[];
        return items.find((item) => item.lastHttpStatus !== null);
      }, 'the row after the refusal');
      expect(row.attempts).toBe(0);
      const refusedAt = fake.receiptTimes(code, 'send')[0];
      expect(Date.parse(row.nextAttemptAt)).toBeGreaterThanOrEqual(refusedAt + 1900);
      const health = (await t.api().get(`/api/web-services/${ws.id}`).expect(200)).body.health as { pausedUntil: string | null };
      expect(Date.parse(health.pausedUntil!)).toBeGreaterThanOrEqual(refusedAt + 1900);
      // More changes meanwhile wait too: nothing reaches the receiver before the Retry-After is over.
      await partners().save([{ name: `During the pause ${type}`, active: true }]);
      await waitFor(() => fake.receiptTimes(code, 'send').length >= 3, 'the sends after the pause', 15_000);
      const [, ...later] = fake.receiptTimes(code, 'send');
      for (const at of later) expect(at).toBeGreaterThanOrEqual(refusedAt + 1900);
      const final = (await t.api().get('/api/outbox').query({ recordId: record.id }).expect(200)).body.items as { status: string }[];
      expect(final.every((item) => item.status === 'done')).toBe(true);
    },
  );

  it('a Retry-After pauses every call of a rate-limited web service, the connectivity test too', async () => {
    const code = 'THR_TEST';
    const ws = await f.webService({ url: fake.urlFor(code), rateLimit: { requests: 50, perSeconds: 1 } });
    fake.setFault({ type: 'http429', code, times: 1, retryAfter: '2' });
    const first = await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect(first.body).toMatchObject({ reachable: false, httpStatus: 429 });
    const second = await t.api().post(`/api/web-services/${ws.id}/test`).expect(200);
    expect(second.body).toMatchObject({ reachable: true });
    const [refused, next] = fake.receiptTimes(code, 'receive');
    expect(next - refused).toBeGreaterThanOrEqual(1900);
    await t.api().delete(`/api/web-services/${ws.id}`).expect(204);
  });
});
