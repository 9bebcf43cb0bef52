/**
 * Issue #15, point 6: SIGKILL and SIGTERM to a real Synchro process during a cron pull batch, during
 * confirmation, during outbound delivery and during a config import. After a restart the data
 * converges: no duplicate record, no lost change, and a confirmation never claims an item that was
 * not committed (every item the external system saw confirmed is in the database at that moment).
 */
import { FakeExternalSystem } from '../fake-external/fake-external';
import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { Instance } from './support/instance';
import { publish } from './support/report';

type Json = Record<string, unknown>;
const SIGNALS: NodeJS.Signals[] = ['SIGKILL', 'SIGTERM'];
const PULLED = 400;
const SENT = 30;
const ENV = {
  SCHEDULER: 'off',
  SCHEDULER_LEASE_MS: '1500',
  OUTBOX_POLL_MS: '100',
  OUTBOX_LEASE_MS: '1500',
  OUTBOX_BACKOFF_SCALE: '0.001',
  OUTBOX_BREAKER_THRESHOLD: '1000',
};

describe('reliability: crashes', () => {
  let fake: FakeExternalSystem;
  const figures = { tried: 0, crashes: 0, rowsChecked: 0, lost: 0, duplicated: 0, notes: [] as string[] };
  const open: { db: TestDatabase; instance: Instance }[] = [];

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
  });
  afterAll(async () => {
    for (const { db, instance } of open) {
      await instance.kill('SIGKILL');
      await db.drop();
    }
    await fake?.stop();
    publish('6. Crashes', {
      what: `SIGKILL and SIGTERM in a cron pull (${PULLED} items), a confirmation, delivery (${SENT} changes), a config import`,
      tried: figures.tried,
      crashes: figures.crashes,
      rowsChecked: figures.rowsChecked,
      lost: figures.lost,
      duplicated: figures.duplicated,
      notes: figures.notes,
    });
  });

  /** A fresh database and a Synchro process on it, set up with the seed's Contact model. */
  async function fresh(): Promise<{ db: TestDatabase; instance: Instance; syncModelId: number }> {
    const db = await createTestDatabase();
    const instance = new Instance(db, ENV);
    open.push({ db, instance });
    await instance.start();
    await instance.api('post', '/api/records/res.country').send({ name: 'Spain', code: 'ES' }).expect(201);
    const code = `CR${open.length}_${Date.now() % 100000}`;
    const model = await instance.api('post', '/api/sync-models').send({ name: 'Contact', code, fields: CON_FIELDS }).expect(201);
    return { db, instance, syncModelId: model.body.id };
  }

  async function contactObject(instance: Instance, syncModelId: number, code: string, overrides: Json) {
    const url = fake.urlFor(code);
    const ws = await instance
      .api('post', '/api/web-services')
      .send({ name: `ws ${code}`, url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url })
      .expect(201);
    const body = {
      name: `Contacts ${code}`,
      odooModel: 'res.partner',
      odooRefField: 'x_sys_id',
      externalRefField: 'unique_id',
      fields: CON_MAPPINGS.filter((m) => m.odooField !== 'category_id' && m.odooField !== 'parent_id'),
      webServiceId: ws.body.id,
      syncModelId,
      ...overrides,
    };
    return (await instance.api('post', '/api/sync-objects').send(body).expect(201)).body;
  }

  const refsIn = async (instance: Instance, prefix: string): Promise<string[]> => {
    const res = await instance
      .api('get', '/api/records/res.partner')
      .query({ domain: `[('x_sys_id', 'like', '${prefix}')]`, limit: 1000 })
      .expect(200);
    return (res.body.items as Json[]).map((p) => String(p.x_sys_id));
  };

  /** Items the external system saw confirmed as applied. */
  const confirmedAtFake = (code: string): string[] =>
    fake
      .confirmations(code)
      .filter((r) => !r.fault || r.fault === 'slow')
      .flatMap((r) => ((r.body as Json).content as Json[]).filter((c) => c.status === 'success').map((c) => String(c.external_id)));

  /** Runs the object until the external system has nothing left to offer (a crashed run's lease first expires). */
  async function drain(instance: Instance, objectId: number, code: string) {
    await waitFor(
      async () => {
        const res = await instance.api('post', `/api/sync-objects/${objectId}/run`);
        return res.status === 200 && fake.pending(code).length === 0;
      },
      `${code}: the external system drained`,
      120_000,
      200,
    );
  }

  /** A manual run, not awaited: the crash is meant to hit it. */
  function startRun(instance: Instance, objectId: number): void {
    void instance.api('post', `/api/sync-objects/${objectId}/run`).then(
      () => undefined,
      () => undefined,
    );
  }

  /**
   * Kills the instance with `signal` and starts it again (faults cleared), then checks that every
   * item the external system saw confirmed was committed: a confirmation never runs ahead of its commit.
   */
  async function crashAndRestart(instance: Instance, signal: NodeJS.Signals, code: string) {
    await instance.kill(signal);
    figures.crashes += 1;
    figures.tried += 1;
    fake.clearFault();
    await instance.start();
    const claimed = confirmedAtFake(code);
    const present = await refsIn(instance, `${code}-`);
    expect(claimed.filter((id) => !present.includes(id))).toEqual([]);
    return { claimed: claimed.length, present: present.length };
  }

  function account(found: string[], expected: string[]) {
    figures.rowsChecked += expected.length;
    const lost = expected.filter((id) => !found.includes(id)).length;
    const duplicated = found.length - new Set(found).size;
    figures.lost += lost;
    figures.duplicated += duplicated;
    return { lost, duplicated };
  }

  const seedItems = (code: string) =>
    fake.seed(
      code,
      Array.from({ length: PULLED }, (_, i) => ({
        action: 'insert' as const,
        values: { unique_id: `${code}-${i}`, name: `Pulled ${i}`, country: 'ES' },
      })),
    );
  const expectedItems = (code: string) => Array.from({ length: PULLED }, (_, i) => `${code}-${i}`);

  it.each(SIGNALS)('%s during a cron pull batch: after a restart every item is applied once', async (signal) => {
    const { instance, syncModelId } = await fresh();
    const code = `PULL_${signal}`;
    const object = await contactObject(instance, syncModelId, code, { direction: 'external_to_odoo', mode: 'cron', limit: PULLED });
    seedItems(code);
    startRun(instance, object.id);
    // The batch has come: the crash hits while its items are being applied.
    await waitFor(() => fake.receives(code).some((r) => r.status === 200), 'the batch received', 60_000, 5);
    await new Promise((resolve) => setTimeout(resolve, 40));
    const { claimed, present } = await crashAndRestart(instance, signal, code);
    figures.notes.push(`${signal} pull: ${present} of ${PULLED} items committed when killed, ${claimed} confirmed`);
    await drain(instance, object.id, code);
    expect(account(await refsIn(instance, `${code}-`), expectedItems(code))).toEqual({ lost: 0, duplicated: 0 });
  });

  it.each(SIGNALS)('%s while a confirmation is in flight: no confirmed item is missing, then all converge', async (signal) => {
    const { instance, syncModelId } = await fresh();
    const code = `CONF_${signal}`;
    const object = await contactObject(instance, syncModelId, code, { direction: 'external_to_odoo', mode: 'cron', limit: 100 });
    seedItems(code);
    // The external system takes the confirmation at once and answers late: the crash hits in between.
    fake.setFault({ type: 'slow', kind: 'confirm', code, delayMs: 3000, times: 1 });
    startRun(instance, object.id);
    await waitFor(() => fake.confirmations(code).length >= 1, 'the confirmation sent', 60_000);
    const { claimed } = await crashAndRestart(instance, signal, code);
    expect(claimed).toBeGreaterThan(0);
    await drain(instance, object.id, code);
    expect(account(await refsIn(instance, `${code}-`), expectedItems(code))).toEqual({ lost: 0, duplicated: 0 });
  });

  it.each(SIGNALS)('%s during outbound delivery: every change arrives, none applied twice', async (signal) => {
    const { instance, syncModelId } = await fresh();
    const code = `SEND_${signal}`;
    await contactObject(instance, syncModelId, code, { direction: 'odoo_to_external', mode: 'realtime' });
    // Applied at once, answered late: a crash between the two is retried with the same Idempotency-Key.
    fake.setFault({ type: 'slow', kind: 'send', code, delayMs: 800 });
    for (let i = 0; i < SENT; i += 1) {
      await instance
        .api('post', '/api/records/res.partner')
        .send({ name: `${code} local ${i}` })
        .expect(201);
    }
    await waitFor(() => fake.sends(code).length >= 3, 'deliveries in flight', 60_000);
    await instance.kill(signal);
    figures.crashes += 1;
    figures.tried += 1;
    fake.clearFault();
    await instance.start();
    const applied = () => fake.sends(code).filter((r) => !r.rejected && !r.duplicate && (!r.fault || r.fault === 'slow'));
    await waitFor(
      () => new Set(applied().map((r) => String(((r.body as Json).values as Json).name))).size >= SENT,
      'every change delivered',
      120_000,
    );
    const names = applied().map((r) => String(((r.body as Json).values as Json).name));
    expect(
      account(
        names,
        Array.from({ length: SENT }, (_, i) => `${code} local ${i}`),
      ),
    ).toEqual({ lost: 0, duplicated: 0 });
    expect(fake.records(code).size).toBe(SENT);
  });

  it.each(SIGNALS)('%s during a config import: all of it or none of it', async (signal) => {
    const { instance } = await fresh();
    const code = `IMP_${signal}`;
    const url = fake.urlFor(code);
    const objects = 60;
    const document = {
      version: 1,
      webServices: [{ name: `ws ${code}`, url, shippingUrl: url, needsConfirmation: false, active: true }],
      syncModels: [{ name: 'Imported', code, fields: CON_FIELDS }],
      syncObjects: Array.from({ length: objects }, (_, i) => ({
        name: `Imported ${i}`,
        direction: 'odoo_to_external',
        mode: 'cron',
        odooModel: 'res.partner',
        odooRefField: 'x_sys_id',
        externalRefField: 'unique_id',
        fields: [
          { odooField: 'name', externalField: 'name' },
          { odooField: 'x_sys_id', externalField: 'unique_id' },
        ],
        webService: `ws ${code}`,
        syncModel: code,
        active: false,
      })),
    };
    const importing = instance
      .api('post', '/api/config/import')
      .send(document)
      .then(
        (res) => res.status,
        () => 'cut',
      );
    await new Promise((resolve) => setTimeout(resolve, 30));
    await instance.kill(signal);
    figures.crashes += 1;
    figures.tried += 1;
    const answered = await importing;
    await instance.start();
    const found = (await instance.api('get', '/api/sync-objects').expect(200)).body.filter((o: Json) =>
      String(o.name).startsWith('Imported '),
    ).length;
    figures.rowsChecked += objects;
    figures.notes.push(`${signal} import: answered ${answered}, ${found} of ${objects} objects present after restart`);
    expect([0, objects]).toContain(found);
    if (answered === 200 || answered === 201) expect(found).toBe(objects);
  });
});
