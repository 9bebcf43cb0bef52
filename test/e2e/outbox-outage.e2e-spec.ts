import { DataSource } from 'typeorm';
import { ModelRegistry } from '../../src/odoo/model.registry';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * An outage of the external system spends no row's attempts (issue 11 point 3): "unavailable"
 * answers pause the web service, one probe call at growing intervals finds it back, and the
 * backlog then flows at once, in order per record.
 */
describe('outbox: a long outage of the external system', () => {
  const ROWS = 1000;
  /** OUTBOX_BACKOFF_SCALE: every delay of the retry ladder and of the probes runs 1000 times faster. */
  const SCALE = 0.001;
  /** Simulated outage: 30 minutes at that scale. */
  const OUTAGE_MS = 30 * 60_000 * SCALE;
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let port: number;

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    ({ port } = await fake.start());
    t = await startTestApp({
      OUTBOX_POLL_MS: '20',
      OUTBOX_BACKOFF_SCALE: String(SCALE),
      // The old breaker's pause is short too: the outage lasts many of them.
      OUTBOX_BREAKER_COOLDOWN_MS: '50',
    });
    f = new Factory(t);
    await t.api().put('/api/settings').send({ outboxMaxAttempts: 3 }).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('keeps 1,000 changes through a 30-minute outage (max attempts 3): none dead, all delivered after, in order per record', async () => {
    const ws = await f.webService({ url: fake.urlFor('OUT'), shippingUrl: fake.urlFor('OUT') });
    await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    // The external system goes down: connections are refused.
    await fake.stop();
    const names = Array.from({ length: ROWS }, (_, i) => `Outage ${i}`);
    // Written by other code's TypeORM save (captured by the entity subscriber), 100 per transaction: quicker than 1,000 requests.
    const partners = t.app.get(DataSource).getRepository(t.app.get(ModelRegistry).find('res.partner')!.entity);
    const ids = new Map<string, number>();
    for (let i = 0; i < names.length; i += 100) {
      const saved = await partners.save(names.slice(i, i + 100).map((name) => ({ name, active: true })));
      for (const row of saved as unknown as { id: number; name: string }[]) ids.set(row.name, row.id);
    }
    // Changes of records whose create was already tried during the outage: a second row each, after the first.
    const tried = await waitFor(async () => {
      const rows = (await t.api().get('/api/outbox').query({ status: 'pending', limit: 500 }).expect(200)).body.items as {
        recordId: number;
        lastError: string | null;
      }[];
      const sent = rows.filter((row) => row.lastError !== null);
      return sent.length ? sent : undefined;
    }, 'rows tried during the outage');
    const updated = tried.slice(0, 50).map((row) => row.recordId);
    for (const id of updated)
      await t
        .api()
        .put(`/api/records/res.partner/${id}`)
        .send({ email: `p${id}@example.com` })
        .expect(200);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    expect((await t.api().get('/api/outbox').query({ status: 'dead' }).expect(200)).body.total).toBe(0);

    // The external system is back on the same address.
    await fake.start(port);
    const pending = async () =>
      (await t.api().get('/api/outbox').query({ status: 'pending' })).body.total +
      (await t.api().get('/api/outbox').query({ status: 'inflight' })).body.total;
    await waitFor(async () => (await pending()) === 0, 'the backlog delivered', 120_000, 200);
    expect((await t.api().get('/api/outbox').query({ status: 'dead' }).expect(200)).body.total).toBe(0);
    expect((await t.api().get('/api/outbox').query({ status: 'done' }).expect(200)).body.total).toBe(ROWS + updated.length);

    const sends = fake.sends('OUT').filter((r) => !r.fault);
    const delivered = new Set(sends.map((r) => (r.body as { values: { name: string } }).values.name));
    expect(names.filter((name) => !delivered.has(name))).toEqual([]);
    // Per record: the create before the update (the update carries the e-mail).
    const byName = new Map([...ids].map(([name, id]) => [id, name]));
    for (const id of updated) {
      const mine = sends.filter((r) => (r.body as { values: { name: string } }).values.name === byName.get(id));
      expect(mine.map((r) => (r.body as { action: string }).action)).toEqual(['create', 'update']);
      expect((mine[1].body as { values: { email: string } }).values.email).toBe(`p${id}@example.com`);
    }
  }, 300_000);
});
