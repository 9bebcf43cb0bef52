import { DataSource } from 'typeorm';
import { RecordStateEntity } from '../../src/sync-state/record-state.entity';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Bidirectional cron objects: a record changed on both sides since the last sync is
 * merged field by field against what was last synchronized; priority decides only
 * fields changed on both sides to different values.
 */
describe('cron mode: bidirectional merge', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;
  let codes = 0;

  const run = async (objectId: number) => (await t.api().post(`/api/sync-objects/${objectId}/run`).expect(200)).body;
  const byRef = async (ref: string) =>
    (
      await t
        .api()
        .get('/api/records/res.partner')
        .query({ domain: `[('x_sys_id', '=', '${ref}')]` })
        .expect(200)
    ).body.items[0];
  /** The newest change-log row of the received change (not its confirmation) of `ref`. */
  const inboundLog = async (objectId: number, ref: string, name: string) =>
    (
      await t.api().get('/api/change-log').query({ syncObjectId: objectId, externalId: ref, direction: 'external_to_odoo' }).expect(200)
    ).body.items.find((row: Json) => row.name === name);
  const writeLog = (objectId: number, ref: string) => inboundLog(objectId, ref, 'Modify Contact');

  /**
   * A bidirectional cron object with one record synchronized both ways
   * (received from the external system: name, email, phone), then changed locally.
   */
  async function syncedRecord(priority: 'odoo' | 'external', localChange: Json) {
    const code = `MRG${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ direction: 'bidirectional', mode: 'cron', priority, webServiceId: ws.id });
    const ref = `${code}-1`;
    fake.offer(code, 'insert', { unique_id: ref, name: 'Azure', email: 'a@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1, sent: 0 } });
    const record = await byRef(ref);
    await t.api().put(`/api/records/res.partner/${record.id}`).send(localChange).expect(200);
    return { code, object, ref, record };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002' });
    f = new Factory(t);
  });
  afterEach(() => f.removeObjects());
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it.each(['odoo', 'external'] as const)('different fields changed on each side: both changes are kept (priority %s)', async (priority) => {
    const { code, object, ref } = await syncedRecord(priority, { name: 'Azure Local' });
    fake.offer(code, 'update', { unique_id: ref, name: 'Azure', email: 'new@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { received: 1, applied: 1, confirmed: 1, sent: 1 } });
    expect(await byRef(ref)).toMatchObject({ name: 'Azure Local', email: 'new@example.com' });
    // The pending local change sends the merged state.
    expect(fake.record(code, ref)).toMatchObject({ name: 'Azure Local', email: 'new@example.com' });
    const row = await writeLog(object.id, ref);
    expect(row).toMatchObject({ name: 'Modify Contact', status: 'success', errorMessage: null });
    expect(row.originValues).toEqual({ unique_id: ref, name: 'Azure', email: 'new@example.com' });
    expect(row.destinationValues._merge).toMatchObject({
      note: 'name: odoo change kept; email: external change taken',
      priority,
      conflicts: [],
      local: expect.objectContaining({ name: 'Azure Local', email: 'a@example.com' }),
      base: expect.objectContaining({ name: 'Azure', email: 'a@example.com' }),
    });
  });

  it('the same field changed on both sides, odoo priority: the local value stays and is sent', async () => {
    const { code, object, ref } = await syncedRecord('odoo', { email: 'local@example.com' });
    fake.offer(code, 'update', { unique_id: ref, name: 'Azure', email: 'ext@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1, sent: 1 } });
    expect(await byRef(ref)).toMatchObject({ email: 'local@example.com' });
    expect(fake.record(code, ref)).toMatchObject({ email: 'local@example.com' });
    const merge = (await writeLog(object.id, ref)).destinationValues._merge;
    expect(merge.note).toBe('conflict on email: odoo priority');
    expect(merge.decisions).toEqual([
      expect.objectContaining({ field: 'name', reason: 'unchanged' }),
      {
        field: 'email',
        base: 'a@example.com',
        local: 'local@example.com',
        incoming: 'ext@example.com',
        reason: 'conflict',
        winner: 'odoo',
      },
    ]);
  });

  it('the same field changed on both sides, external priority: the external value is applied and nothing needs sending', async () => {
    const { code, object, ref } = await syncedRecord('external', { email: 'local@example.com' });
    fake.offer(code, 'update', { unique_id: ref, name: 'Azure', email: 'ext@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1, sent: 0 } });
    expect(await byRef(ref)).toMatchObject({ email: 'ext@example.com' });
    expect(fake.sends(code)).toHaveLength(0);
    const row = await writeLog(object.id, ref);
    expect(row.destinationValues).toMatchObject({
      email: 'ext@example.com',
      _merge: { note: 'conflict on email: external priority', outbox: expect.stringContaining('already has the merged values') },
    });
    // The dropped local change is visible, not silently gone.
    const skipped = (await t.api().get('/api/outbox').query({ syncObjectId: object.id, status: 'skipped' }).expect(200)).body.items;
    expect(skipped[0].lastError).toMatch(/already has the merged values/);
  });

  it('external priority still keeps a local change of another field', async () => {
    const { code, object, ref } = await syncedRecord('external', { email: 'local@example.com', customer: true });
    fake.offer(code, 'update', { unique_id: ref, name: 'Azure', email: 'ext@example.com' });
    expect(await run(object.id)).toMatchObject({ counts: { sent: 1 } });
    expect(await byRef(ref)).toMatchObject({ email: 'ext@example.com' });
    expect(fake.record(code, ref)).toMatchObject({ email: 'ext@example.com', name: 'Azure', is_customer: true });
  });

  it('a record deleted externally while changed locally is deleted, the log saying what was discarded', async () => {
    const { code, object, ref, record } = await syncedRecord('odoo', { email: 'local@example.com' });
    fake.offer(code, 'delete', { unique_id: ref });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1, sent: 0 } });
    await t.api().get(`/api/records/res.partner/${record.id}`).expect(404);
    const row = await inboundLog(object.id, ref, 'Delete Contact');
    expect(row.destinationValues._merge.note).toMatch(/deleted by the external system; unsent local changes \(.*email.*\) discarded/);
  });

  it('real-time inbound calls record the merge base too', async () => {
    const apiKey = await f.apiKey();
    const code = `MRG${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url });
    const syncModel = await f.syncModel();
    const object = await f.contactObject({
      direction: 'bidirectional',
      mode: 'cron',
      priority: 'external',
      webServiceId: ws.id,
      syncModelId: syncModel.id,
    });
    await t
      .http()
      .post(`/sync/${syncModel.code}/create`)
      .set('api_key', apiKey)
      .send({ unique_id: 'RT-1', name: 'Real time', email: 'rt@example.com' })
      .expect(200);
    const record = await byRef('RT-1');
    const state = await t.app.get(DataSource).getRepository(RecordStateEntity).findOneBy({ syncObjectId: object.id, recordId: record.id });
    expect(state).toMatchObject({
      externalId: 'RT-1',
      existsRemote: true,
      syncedValues: { unique_id: 'RT-1', name: 'Real time', email: 'rt@example.com' },
    });
    // With that base, a local name change is a one-sided change even under external priority.
    await t.api().put(`/api/records/res.partner/${record.id}`).send({ name: 'Renamed here' }).expect(200);
    fake.offer(code, 'update', { unique_id: 'RT-1', name: 'Real time', email: 'other@example.com' });
    await run(object.id);
    expect(await byRef('RT-1')).toMatchObject({ name: 'Renamed here', email: 'other@example.com' });
  });
});
