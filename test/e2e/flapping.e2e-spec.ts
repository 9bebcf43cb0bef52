import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/**
 * Flapping records (issue 14): a record of a bidirectional object changed back and forth between the two
 * sides — the external system over /sync, Odoo through the records API, delivered to the fake external
 * system — is flagged; its further changes are held (nothing lost) until an admin releases it or pins a side.
 */
describe('flapping records', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let apiKey: string;
  type Json = Record<string, unknown>;
  let codes = 0;

  const partner = async (id: number) => (await t.api().get(`/api/records/res.partner/${id}`).expect(200)).body;
  const localWrite = (id: number, values: Json) => t.api().put(`/api/records/res.partner/${id}`).send(values).expect(200);
  const sentEmails = (code: string) => fake.sends(code).map((s) => (s.body as { values: Json }).values.email);
  const outbox = async (objectId: number, recordId: number) =>
    (await t.api().get('/api/outbox').query({ syncObjectId: objectId, recordId }).expect(200)).body.items as Json[];

  /** A bidirectional real-time object on its own fake code, and a record ping-ponged until flagged. */
  async function flaggedRecord(ref: string) {
    const code = `FLP${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url });
    const syncModel = await f.syncModel();
    const object = await f.contactObject({
      direction: 'bidirectional',
      mode: 'realtime',
      webServiceId: ws.id,
      syncModelId: syncModel.id,
      flapping: { changes: 3, windowSeconds: 600 },
    });
    const sync = (method: 'post' | 'put', path: string, body: Json) =>
      t.http()[method](`/sync/${syncModel.code}/${path}`).set('api_key', apiKey).send(body).expect(200);
    const created = await sync('post', 'create', { unique_id: ref, name: `Flap ${ref}`, email: 'ext@example.com' });
    const id = created.body.result.odoo_id as number;
    let sends = 0;
    const pingFromOdoo = async (email: string) => {
      await localWrite(id, { email });
      sends++;
      // Delivered and recorded (the flapping history is written with the outcome).
      await waitFor(async () => (await outbox(object.id, id)).filter((row) => row.status === 'done').length >= sends, `send ${sends}`);
    };
    await pingFromOdoo('odoo@example.com'); // 1 change of side
    await sync('put', ref, { email: 'ext@example.com' }); // 2
    await pingFromOdoo('odoo@example.com'); // 3: flagged
    return { code, object, syncModel, id, sync, sends };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002' });
    f = new Factory(t);
    apiKey = await f.apiKey();
  });
  afterEach(() => f.removeObjects());
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('flags a record changed back and forth, lists the fields that flip, and holds its further changes (nothing lost)', async () => {
    const { code, object, id, sync, sends } = await flaggedRecord('FL-1');
    const page = (await t.api().get(`/api/sync-objects/${object.id}/flapping`).expect(200)).body;
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ recordId: id, externalId: 'FL-1', changes: 3, heldInbound: null, heldOutbox: 0 });
    const email = page.items[0].fields.find((field: Json) => field.field === 'email');
    expect(email.recent.map((r: Json) => `${r.side}:${r.value}`)).toEqual([
      'external:"ext@example.com"',
      'odoo:"odoo@example.com"',
      'external:"ext@example.com"',
      'odoo:"odoo@example.com"',
    ]);

    // Inbound: answered as held, not applied, in the change log as held.
    const held = await sync('put', 'FL-1', { email: 'ext2@example.com' });
    expect(held.body.result).toMatchObject({ status: 'success', odoo_id: id, external_id: 'FL-1' });
    expect(held.body.result.message).toMatch(/^held: /);
    expect((await partner(id)).email).toBe('odoo@example.com');
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, status: 'held' }).expect(200)).body.items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 'held', externalId: 'FL-1', odooId: id, originValues: { email: 'ext2@example.com' } });

    // Outbound: the row waits in the outbox, not sent.
    await localWrite(id, { email: 'odoo2@example.com' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fake.sends(code)).toHaveLength(sends);
    expect((await outbox(object.id, id)).filter((row) => row.status === 'pending')).toHaveLength(1);
    const listed = (await t.api().get(`/api/sync-objects/${object.id}/flapping`).expect(200)).body.items[0];
    expect(listed).toMatchObject({ heldInbound: { action: 'write', count: 1, fields: ['email'] }, heldOutbox: 1 });

    // Release: the held inbound change meets the held local change (priority odoo keeps it), and the row goes out.
    const released = await t.api().post(`/api/sync-objects/${object.id}/flapping/${id}/release`).send({}).expect(200);
    expect(released.body).toMatchObject({ recordId: id, pin: null, inboundApplied: true, outboxRetired: 0, outboxQueued: 0 });
    await waitFor(() => sentEmails(code).at(-1) === 'odoo2@example.com', 'the held row delivered');
    expect((await partner(id)).email).toBe('odoo2@example.com');
    expect((await t.api().get(`/api/sync-objects/${object.id}/flapping`).expect(200)).body.total).toBe(0);
    await t.api().post(`/api/sync-objects/${object.id}/flapping/${id}/release`).send({}).expect(404);

    const audit = (await t.api().get('/api/audit').query({ resourceType: 'flapping-record' }).expect(200)).body.items;
    expect(audit[0]).toMatchObject({ action: 'release', resourceId: `${object.id}/${id}` });
  });

  it('pin external: the held inbound value is written to Odoo once, the held outbox rows are retired (kept as skipped)', async () => {
    const { code, object, id, sync, sends } = await flaggedRecord('FL-2');
    await sync('put', 'FL-2', { email: 'ext2@example.com' });
    await localWrite(id, { email: 'odoo2@example.com' });
    const released = await t.api().post(`/api/sync-objects/${object.id}/flapping/${id}/release`).send({ pin: 'external' }).expect(200);
    expect(released.body).toMatchObject({ pin: 'external', inboundApplied: true, outboxRetired: 1 });
    expect((await partner(id)).email).toBe('ext2@example.com');
    const rows = await outbox(object.id, id);
    expect(rows.at(-1)).toMatchObject({ status: 'skipped' });
    expect(String(rows.at(-1)!.lastError)).toContain('pin external');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sends(code)).toHaveLength(sends);
  });

  it("pin odoo: Odoo's value is sent once, the held inbound change dropped (it stays in the change log)", async () => {
    const { code, object, id, sync, sends } = await flaggedRecord('FL-3');
    await sync('put', 'FL-3', { email: 'ext2@example.com' });
    const released = await t.api().post(`/api/sync-objects/${object.id}/flapping/${id}/release`).send({ pin: 'odoo' }).expect(200);
    expect(released.body).toMatchObject({ pin: 'odoo', inboundApplied: false, outboxQueued: 1 });
    await waitFor(() => fake.sends(code).length > sends, "Odoo's state sent");
    expect(sentEmails(code).at(-1)).toBe('odoo@example.com');
    expect((await partner(id)).email).toBe('odoo@example.com');
    expect(fake.record(code, 'FL-3')).toMatchObject({ email: 'odoo@example.com' });
  });

  it('cron: a received change of a flagged record is held too (kept, logged as held, not applied)', async () => {
    const { code, object, id } = await flaggedRecord('FL-4');
    fake.offer(code, 'update', { unique_id: 'FL-4', name: 'Flap FL-4', email: 'cron@example.com' });
    const run = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    // Kept, not applied: the run does not count it as applied (nor as failed).
    expect(run.counts).toMatchObject({ received: 1, applied: 0, failed: 0 });
    expect(run.status).toBe('success');
    expect((await partner(id)).email).toBe('odoo@example.com');
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, status: 'held' }).expect(200)).body.items;
    expect(log).toMatchObject([{ trigger: 'manual', externalId: 'FL-4', originValues: { email: 'cron@example.com' } }]);
    const listed = (await t.api().get(`/api/sync-objects/${object.id}/flapping`).expect(200)).body.items[0];
    expect(listed.heldInbound).toMatchObject({ action: 'write', count: 1 });
    expect(listed.heldInbound.fields).toEqual(expect.arrayContaining(['email', 'name']));
    await t.api().post(`/api/sync-objects/${object.id}/flapping/${id}/release`).send({ pin: 'external' }).expect(200);
    expect((await partner(id)).email).toBe('cron@example.com');
  });

  it('refuses a bad pin and a bad record id, naming the field', async () => {
    const object = await f.contactObject();
    const pin = await t.api().post(`/api/sync-objects/${object.id}/flapping/1/release`).send({ pin: 'both' }).expect(400);
    expect(pin.body.details.map((d: Json) => d.field)).toEqual(['pin']);
    const bad = await t.api().post(`/api/sync-objects/${object.id}/flapping/1e3/release`).send({}).expect(400);
    expect(bad.body.details.map((d: Json) => d.field)).toEqual(['recordId']);
    await t.api().post(`/api/sync-objects/${object.id}/flapping/5/release`).send({}).expect(404);
    await t.api().get('/api/sync-objects/999999/flapping').expect(404);
  });
});
