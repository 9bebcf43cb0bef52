import { DataSource } from 'typeorm';
import { ResPartner } from '../../src/odoo/models/res-partner.model';
import { RecordChangeHooks } from '../../src/odoo/records/record-change.hooks';
import { OutboxDispatcher } from '../../src/outbox/outbox.dispatcher';
import { OutboxRetention } from '../../src/outbox/outbox-retention.service';
import { OutboxEntity } from '../../src/sync-state/outbox.entity';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Change capture and outbound delivery against a real fake external system over HTTP. */
describe('outbox: change capture and delivery', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let spain: number;

  const OUT = { direction: 'odoo_to_external', mode: 'realtime' };
  const sends = (code: string) => fake.sends(code).filter((r) => !r.rejected && !r.fault);
  const partner = async (values: Record<string, unknown>) => (await t.api().post('/api/records/res.partner').send(values).expect(201)).body;
  const outbox = async (query: Record<string, string | number>) => (await t.api().get('/api/outbox').query(query).expect(200)).body;

  /** A web service on the fake for `code`, and an outbound Contact object using it. */
  async function outboundObject(code: string, overrides: Record<string, unknown> = {}) {
    const ws = await f.webService({ url: fake.urlFor(code), shippingUrl: fake.urlFor(code) });
    const object = await f.contactObject({ ...OUT, webServiceId: ws.id, ...overrides });
    return { ws, object };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    t = await startTestApp({
      INSTANCE_NAME: 'outbox-e2e',
      OUTBOX_POLL_MS: '50',
      OUTBOX_BACKOFF_SCALE: '0.002',
      OUTBOX_BREAKER_THRESHOLD: '1000',
    });
    f = new Factory(t);
    spain = await f.country('Spain', 'ES');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  afterEach(async () => {
    fake.clearFault();
    // Each test's objects stop here, so later tests see only their own deliveries.
    await f.removeObjects();
  });

  it('sends create, update and delete made through the records API with the seed body, storing the returned external id', async () => {
    const { object } = await outboundObject('OUT1', { domain: "[('customer', '=', True)]" });
    const p = await partner({ name: 'Azure', customer: true, country_id: spain, email: 'a@example.com' });
    const create = await waitFor(() => sends('OUT1')[0], 'the create');
    expect(create.body).toEqual({
      action: 'create',
      values: { name: 'Azure', country: 'ES', company: null, email: 'a@example.com', is_customer: true, tags: [] },
      external_id: null,
    });
    expect(create.headers['idempotency-key']).toMatch(new RegExp(`^synchro-${object.id}-${p.id}-\\d+$`));
    // Which instance sent it (INSTANCE_NAME): receivers, and the multi-instance tests, count by it.
    expect(create.headers['user-agent']).toMatch(/^Synchro\/\d+\.\d+\.\d+\S* \(outbox-e2e\)$/);
    const stored = await waitFor(
      async () => (await t.api().get(`/api/records/res.partner/${p.id}`)).body.x_sys_id,
      'the external id stored',
    );
    await t.api().put(`/api/records/res.partner/${p.id}`).send({ email: 'new@example.com' }).expect(200);
    const update = await waitFor(() => sends('OUT1')[1], 'the update');
    expect(update.body).toMatchObject({ action: 'update', external_id: stored, values: { email: 'new@example.com' } });
    expect((update.body as { values: object }).values).not.toHaveProperty('unique_id');
    await t.api().delete(`/api/records/res.partner/${p.id}`).expect(204);
    const del = await waitFor(() => sends('OUT1')[2], 'the delete');
    expect(del.body).toMatchObject({ action: 'delete', external_id: stored, values: { name: 'Azure' } });
    expect(fake.records('OUT1').size).toBe(0);
    // Storing the external id is bookkeeping, not a change: exactly three sends.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sends('OUT1')).toHaveLength(3);
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, direction: 'odoo_to_external' })).body;
    expect(log.items.map((i: { action: string; status: string }) => `${i.action}:${i.status}`)).toEqual([
      'unlink:success',
      'write:success',
      'create:success',
    ]);
  });

  it('evaluates the domain at delivery: records outside it are not sent', async () => {
    await outboundObject('OUT2', { domain: "[('customer', '=', True)]" });
    const p = await partner({ name: 'Not a customer', customer: false });
    await waitFor(
      async () => (await outbox({ status: 'skipped' })).items.some((r: { recordId: number }) => r.recordId === p.id),
      'the skip',
    );
    expect(sends('OUT2')).toHaveLength(0);
  });

  it('evaluates the domain at delivery: a record that left it after its change was queued is skipped, not sent', async () => {
    const { object } = await outboundObject('OUT2B', { mode: 'cron', domain: "[('customer', '=', True)]" });
    const p = await partner({ name: 'Customer when queued', customer: true });
    expect((await outbox({ status: 'pending', syncObjectId: object.id })).items).toEqual([expect.objectContaining({ recordId: p.id })]);
    // Out of the domain behind the capture's back: no new outbox row, only the delivery can notice.
    await t.app.get(DataSource).query('UPDATE res_partner SET customer = ? WHERE id = ?', [false, p.id]);
    const drained = await t.app.get(OutboxDispatcher).drainObject(object.id, 100, 'manual');
    expect(drained).toEqual({ sent: 0, failed: 0, dead: 0, skipped: 1 });
    expect(sends('OUT2B')).toHaveLength(0);
  });

  it('keeps changes while the external system is down and delivers all of them, in order, when it returns', async () => {
    await outboundObject('OUT3');
    fake.setFault({ type: 'http500', code: 'OUT3' });
    const p = await partner({ name: 'v1' });
    await waitFor(
      async () =>
        (await outbox({ status: 'pending' })).items.some(
          (r: { attempts: number; recordId: number }) => r.recordId === p.id && r.attempts >= 2,
        ),
      'failed attempts',
    );
    await t.api().put(`/api/records/res.partner/${p.id}`).send({ name: 'v2' }).expect(200);
    await t.api().put(`/api/records/res.partner/${p.id}`).send({ name: 'v3' }).expect(200);
    fake.clearFault();
    await waitFor(() => sends('OUT3').length >= 2, 'delivery after recovery');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const delivered = sends('OUT3').map(
      (r) => `${(r.body as { action: string }).action}:${(r.body as { values: { name: string } }).values.name}`,
    );
    // The create went first (one create only); the two updates made while it was being retried
    // coalesced into one row behind it, carrying the latest state.
    expect(delivered[0]).toMatch(/^create:/);
    expect(delivered.filter((d) => d.startsWith('create'))).toHaveLength(1);
    expect(delivered[delivered.length - 1]).toBe('update:v3');
    // Every retry of the create carried the same Idempotency-Key.
    const creates = fake.sends('OUT3').filter((r) => (r.body as { action: string }).action === 'create');
    expect(new Set(creates.map((r) => r.headers['idempotency-key'])).size).toBe(1);
  });

  it('never echoes a change back to the web service it came from, but sends it to others', async () => {
    const apiKey = await f.apiKey();
    const inboundWs = await f.webService({ url: fake.urlFor('ECHO'), shippingUrl: fake.urlFor('ECHO') });
    const syncModel = await f.syncModel();
    await f.contactObject({ direction: 'bidirectional', mode: 'realtime', webServiceId: inboundWs.id, syncModelId: syncModel.id });
    // Another system keeps its ids in another field (two systems cannot share x_sys_id; email stands in for a second x_ field).
    await outboundObject('ELSEWHERE', { odooRefField: 'email', externalRefField: 'email' });
    await t
      .http()
      .post(`/sync/${syncModel.code}/create`)
      .set('api_key', apiKey)
      .send({ name: 'From outside', unique_id: 'EXT-9' })
      .expect(200);
    const elsewhere = await waitFor(
      () => sends('ELSEWHERE').find((r) => (r.body as { values: { name: string } }).values.name === 'From outside'),
      'the forward',
    );
    // A create there: ECHO's id EXT-9 is not ELSEWHERE's (it used to be sent as if it were).
    expect(elsewhere.body).toMatchObject({ action: 'create', external_id: null });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sends('ECHO')).toHaveLength(0);
  });

  it('coalesces unsent updates and sends nothing for an unsent create followed by a delete (cron rows wait for the run)', async () => {
    const { object } = await outboundObject('CRON1', { mode: 'cron', propagateDeletes: true });
    const p = await partner({ name: 'c1' });
    for (const name of ['c2', 'c3', 'c4']) await t.api().put(`/api/records/res.partner/${p.id}`).send({ name }).expect(200);
    const ghost = await partner({ name: 'ghost' });
    await t.api().delete(`/api/records/res.partner/${ghost.id}`).expect(204);
    const pending = await outbox({ status: 'pending', syncObjectId: object.id });
    expect(pending.items.map((r: { recordId: number; kind: string }) => `${r.recordId}:${r.kind}`)).toEqual([`${p.id}:upsert`]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sends('CRON1')).toHaveLength(0);
    const drained = await t.app.get(OutboxDispatcher).drainObject(object.id, 100, 'manual');
    expect(drained).toEqual({ sent: 1, failed: 0, dead: 0, skipped: 0 });
    expect(sends('CRON1').map((r) => r.body)).toEqual([
      expect.objectContaining({ action: 'create', values: expect.objectContaining({ name: 'c4' }) }),
    ]);
  });

  it('dead-letters a 4xx answer at once, keeps the answer, and delivers on retry', async () => {
    const { object } = await outboundObject('DEAD1');
    fake.setFault({ type: 'http400', code: 'DEAD1', times: 1 });
    const p = await partner({ name: 'Rejected' });
    const dead = await waitFor(async () => (await outbox({ status: 'dead', syncObjectId: object.id })).items[0], 'the dead row');
    expect(dead).toMatchObject({ recordId: p.id, attempts: 1, lastHttpStatus: 400 });
    expect(dead.lastError).toBeTruthy();
    const failed = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, status: 'failed' })).body;
    expect(failed.items[0].errorMessage).toMatch(/dead/);
    await t.api().post(`/api/outbox/${dead.id}/retry`).expect(200);
    await waitFor(async () => (await outbox({ status: 'done', syncObjectId: object.id })).total === 1, 'delivery after retry');
    await t.api().post(`/api/outbox/${dead.id}/retry`).expect(409);
  });

  it('gives up after the configured number of attempts and retries dead rows in bulk', async () => {
    const { object } = await outboundObject('DEAD2');
    await t.api().put('/api/settings').send({ outboxMaxAttempts: 2 }).expect(200);
    fake.setFault({ type: 'status_failed', code: 'DEAD2' });
    await partner({ name: 'Never accepted' });
    const dead = await waitFor(async () => (await outbox({ status: 'dead', syncObjectId: object.id })).items[0], 'the dead row');
    expect(dead.attempts).toBe(2);
    fake.clearFault();
    await t.api().put('/api/settings').send({ outboxMaxAttempts: 12 }).expect(200);
    expect((await t.api().post('/api/outbox/retry').send({ syncObjectId: object.id }).expect(200)).body).toEqual({ retried: 1 });
    await waitFor(async () => (await outbox({ status: 'done', syncObjectId: object.id })).total === 1, 'delivery after bulk retry');
  });

  it('captures save/remove by code that bypasses the write path (entity subscriber)', async () => {
    await outboundObject('SUB1');
    const repo = t.app.get(DataSource).getRepository(ResPartner);
    const saved = await repo.save(repo.create({ name: 'Saved by other code', is_company: false, customer: false, active: true }));
    await waitFor(
      () => sends('SUB1').find((r) => (r.body as { values: { name: string } }).values.name === 'Saved by other code'),
      'the subscriber capture',
    );
    const delivered = await waitFor(
      async () => (await outbox({ status: 'done' })).items.find((r: { recordId: number }) => r.recordId === saved.id),
      'the create delivered',
    );
    // A delivered row keeps no lease.
    expect(delivered).toMatchObject({ leaseOwner: null, leaseUntil: null });
    const loaded = (await repo.findOneBy({ id: saved.id }))!;
    await repo.remove(loaded);
    await waitFor(() => sends('SUB1').some((r) => (r.body as { action: string }).action === 'delete'), 'the delete');
  });

  it('rolls back record and outbox row together when the transaction fails after the write', async () => {
    const { object } = await outboundObject('RB1', { mode: 'cron' });
    t.app.get(RecordChangeHooks).register({
      afterChange: async (change) => {
        if (change.after?.name === 'Rollback me') throw new Error('late failure');
      },
    });
    await t.api().post('/api/records/res.partner').send({ name: 'Rollback me' }).expect(500);
    expect((await outbox({ syncObjectId: object.id })).total).toBe(0);
  });

  it('reclaims rows whose lease expired (a crashed holder) and delivers them', async () => {
    const { object } = await outboundObject('LEASE1', { mode: 'cron' });
    const p = await partner({ name: 'Orphan' });
    const ds = t.app.get(DataSource);
    // A holder that crashed mid-delivery: the row is inflight with an expired lease.
    await ds.query(`UPDATE sync_outbox SET status = 'inflight', lease_owner = 'dead-instance', lease_until = ? WHERE sync_object_id = ?`, [
      t.db.kind === 'mysql' ? new Date(Date.now() - 1000) : new Date(Date.now() - 1000).toISOString().replace('T', ' ').replace('Z', ''),
      object.id,
    ]);
    await t.api().patch(`/api/sync-objects/${object.id}`).send({ mode: 'realtime' }).expect(200);
    t.app.get(OutboxDispatcher).wake();
    await waitFor(
      () => sends('LEASE1').find((r) => (r.body as { values: { name: string } }).values.name === 'Orphan'),
      'the reclaimed delivery',
    );
    const done = await waitFor(async () => (await outbox({ syncObjectId: object.id, status: 'done' })).items[0], 'the row marked done');
    expect(done.recordId).toBe(p.id);
  });

  it('purges delivered rows older than the log retention, never pending or dead ones', async () => {
    const { object } = await outboundObject('PURGE1', { mode: 'cron' });
    const waiting = await partner({ name: 'Waiting' });
    const delivered = await partner({ name: 'Delivered long ago' });
    const recent = await partner({ name: 'Delivered yesterday' });
    const dead = await partner({ name: 'Dead long ago' });
    const ds = t.app.get(DataSource);
    const rows = ds.getRepository(OutboxEntity);
    const old = new Date(Date.now() - 400 * 86_400_000);
    // Every row old by every date it has, so only the status can keep pending and dead ones.
    await rows.update({ syncObjectId: object.id, recordId: waiting.id }, { createdAt: old, deliveredAt: old });
    await rows.update({ syncObjectId: object.id, recordId: delivered.id }, { status: 'done', deliveredAt: old, createdAt: old });
    await rows.update({ syncObjectId: object.id, recordId: recent.id }, { status: 'done', deliveredAt: new Date(Date.now() - 86_400_000) });
    await rows.update({ syncObjectId: object.id, recordId: dead.id }, { status: 'dead', createdAt: old, deliveredAt: old });
    await t.app.get(OutboxRetention).purge();
    const left = (await outbox({ syncObjectId: object.id })).items.map((r: { recordId: number; status: string }) => [r.recordId, r.status]);
    expect(left.sort()).toEqual(
      [
        [waiting.id, 'pending'],
        [recent.id, 'done'],
        [dead.id, 'dead'],
      ].sort(),
    );
  });
});
