import { FakeExternalSystem } from '../fake-external/fake-external';
import { ADMIN_AUTH, AppProcess, freePort, startAppProcess } from '../support/app-process';
import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { instanceOf } from '../support/per-instance';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

/** A real Synchro process, killed with SIGKILL in the middle of deliveries. */
describe('outbox: a crash during delivery', () => {
  let db: TestDatabase;
  let fake: FakeExternalSystem;

  /** A web service, the Contact model and a real-time object sending res.partner to `code`. */
  const configure = async (app: AppProcess, code: string) => {
    const ws = await app
      .api()
      .post('/api/web-services')
      .set(ADMIN_AUTH)
      .send({ name: code, url: fake.urlFor(code), shippingUrl: fake.urlFor(code) })
      .expect(201);
    const sm = await app.api().post('/api/sync-models').set(ADMIN_AUTH).send({ name: code, code, fields: CON_FIELDS }).expect(201);
    await app
      .api()
      .post('/api/sync-objects')
      .set(ADMIN_AUTH)
      .send({
        name: code,
        direction: 'odoo_to_external',
        mode: 'realtime',
        webServiceId: ws.body.id,
        syncModelId: sm.body.id,
        odooModel: 'res.partner',
        externalRefField: 'unique_id',
        fields: CON_MAPPINGS,
      })
      .expect(201);
  };

  beforeEach(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    db = await createTestDatabase();
  });
  afterEach(async () => {
    await fake.stop();
    await db.drop();
  });

  it('delivers the change after a kill -9 and restart, with the same Idempotency-Key', async () => {
    const port = freePort();
    const env = { OUTBOX_POLL_MS: '100', OUTBOX_LEASE_MS: '1500', OUTBOX_BACKOFF_SCALE: '0.001' };
    let app = await startAppProcess(db, port, env);
    try {
      await configure(app, 'CRASH');
      // The external system accepts the request and never answers: the delivery is in flight.
      fake.setFault({ type: 'timeout', code: 'CRASH' });
      await app.api().post('/api/records/res.partner').set(ADMIN_AUTH).send({ name: 'Survivor' }).expect(201);
      await waitFor(() => fake.sends('CRASH').length === 1, 'the delivery in flight');
      await app.kill();
      fake.clearFault();

      app = await startAppProcess(db, port, env);
      const delivered = await waitFor(() => fake.sends('CRASH').find((r) => !r.fault), 'the delivery after restart', 20_000);
      expect(delivered.body).toMatchObject({ action: 'create', values: { name: 'Survivor' } });
      expect(delivered.headers['idempotency-key']).toBe(fake.sends('CRASH')[0].headers['idempotency-key']);
      await waitFor(
        async () => (await app.api().get('/api/outbox').set(ADMIN_AUTH).query({ status: 'done' })).body.total === 1,
        'the row marked done',
      );
    } finally {
      await app.kill();
    }
  }, 180_000);

  it('with the default lease, every change in flight under a killed instance is delivered after the restart', async () => {
    const port = freePort();
    // Default OUTBOX_LEASE_MS and heartbeat: what a production instance runs with.
    const env = { OUTBOX_POLL_MS: '200' };
    let app = await startAppProcess(db, port, env);
    try {
      await configure(app, 'DOWN');
      // The external system is down: it takes the requests and never answers.
      fake.setFault({ type: 'timeout', code: 'DOWN' });
      for (let i = 0; i < 20; i++)
        await app
          .api()
          .post('/api/records/res.partner')
          .set(ADMIN_AUTH)
          .send({ name: `Down ${i}` })
          .expect(201);
      // A delivery in flight when the instance dies (an unavailable service is probed one call at a time,
      // so the others wait, never tried, behind it).
      await waitFor(() => fake.sends('DOWN').length >= 1, 'a delivery in flight');
      await app.kill();

      app = await startAppProcess(db, port, env);
      fake.clearFault();
      // The dead process's leases run out within OUTBOX_LEASE_MS (30 s); before, they held for 5 minutes.
      const names = () =>
        new Set(
          fake
            .sends('DOWN')
            .filter((r) => !r.fault)
            .map((r) => (r.body as { values: { name: string } }).values.name),
        );
      await waitFor(() => names().size === 20, 'the 20 changes delivered after the restart', 100_000, 200);
      expect([...names()].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `Down ${i}`).sort());
    } finally {
      await app.kill();
    }
  }, 200_000);

  it('renews the lease of a delivery slower than the lease: another instance, busy claiming, never takes it over', async () => {
    const env = { OUTBOX_POLL_MS: '100', OUTBOX_LEASE_MS: '1500', OUTBOX_HEARTBEAT_MS: '300' };
    const a = await startAppProcess(db, freePort(), { ...env, INSTANCE_NAME: 'a' });
    // A second instance polling the same outbox: it would claim the row as soon as its lease ran out.
    const b = await startAppProcess(db, freePort(), { ...env, INSTANCE_NAME: 'b' });
    try {
      await configure(a, 'SLOW');
      fake.setFault({ type: 'slow', delayMs: 5000, code: 'SLOW', times: 1 });
      await a.api().post('/api/records/res.partner').set(ADMIN_AUTH).send({ name: 'Slow' }).expect(201);
      await waitFor(() => fake.sends('SLOW').length === 1, 'the slow delivery in flight', 30_000);
      const holder = instanceOf(fake.sends('SLOW')[0]);
      // While it is in flight (three leases long), both instances keep claiming: writes through each.
      for (let i = 0; i < 10; i++) {
        for (const app of [a, b])
          await app
            .api()
            .post('/api/records/res.partner')
            .set(ADMIN_AUTH)
            .send({ name: `Busy ${i}` })
            .expect(201);
      }
      await waitFor(
        async () => (await a.api().get('/api/outbox').set(ADMIN_AUTH).query({ status: 'done' })).body.total === 21,
        'the slow delivery and the 20 others done',
        30_000,
      );
      const slow = fake.sends('SLOW').filter((r) => (r.body as { values: { name: string } }).values.name === 'Slow');
      expect(slow).toHaveLength(1);
      expect(fake.sends('SLOW')).toHaveLength(21);
      // The other instance delivered while the slow one was in flight, and still left it alone.
      const answered = slow[0].at.getTime() + 5000;
      const other = holder === 'a' ? 'b' : 'a';
      const byOther = fake.sends('SLOW').filter((r) => instanceOf(r) === other && r.at.getTime() < answered);
      expect(byOther.length).toBeGreaterThan(0);
    } finally {
      await a.kill();
      await b.kill();
    }
  }, 180_000);
});
