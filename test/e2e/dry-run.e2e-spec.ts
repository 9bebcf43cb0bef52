import { DataSource } from 'typeorm';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Fingerprint } from '../reliability/support/fingerprint';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Dry runs: the plan of the next run, writing nothing (every table compared before/after), and the
 * following real run does exactly what it said, item for item.
 */
describe('dry run', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let fingerprint: Fingerprint;

  /** The API inspector records the receive call by design: every other table must stay as it was. */
  const tables = async () => {
    const sums = await fingerprint.take();
    delete sums.web_service_call;
    return sums;
  };
  const logTotal = async () => (await t.api().get('/api/change-log').query({ limit: 1 }).expect(200)).body.total as number;
  const dryRun = (objectId: number, body: object = {}, query: object = {}) =>
    t.api().post(`/api/sync-objects/${objectId}/dry-run`).query(query).send(body);

  const cronObject = async (code: string, overrides: object = {}, ws: object = {}) => {
    await f.removeObjects();
    const url = fake.urlFor(code);
    const service = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url, ...ws });
    return f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: service.id, ...overrides });
  };

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off' });
    f = new Factory(t);
    fingerprint = await new Fingerprint(t.app.get(DataSource)).load();
    await f.country('Spain', 'ES');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it.each([
    ['set-based (a batch of 12)', 8],
    ['one by one (a batch of 4)', 0],
  ])('plans a receive batch %s, writes nothing, and the real run matches it item for item', async (_name, extra) => {
    const code = `DRY${extra}`;
    const object = await cronObject(code);
    await t
      .api()
      .post('/api/records/res.partner')
      .send({ name: 'Old', x_sys_id: `${code}-UPD`, email: 'same@example.com' })
      .expect(201);
    await t
      .api()
      .post('/api/records/res.partner')
      .send({ name: 'Doomed', x_sys_id: `${code}-DEL` })
      .expect(201);
    fake.seed(code, [
      { action: 'insert', values: { unique_id: `${code}-NEW`, name: 'New one', country: 'ES' } },
      { action: 'update', values: { unique_id: `${code}-UPD`, name: 'New name', email: 'same@example.com' } },
      { action: 'delete', values: { unique_id: `${code}-DEL` } },
      { action: 'delete', values: { unique_id: `${code}-NEVER` } },
      { action: 'insert', values: { unique_id: `${code}-BAD`, name: 'Bad', country: 'XX' } },
      ...Array.from({ length: extra }, (_, i) => ({ action: 'insert' as const, values: { unique_id: `${code}-X${i}`, name: `X ${i}` } })),
    ]);
    const before = await tables();
    const logBefore = await logTotal();
    const plan = (await dryRun(object.id).expect(200)).body;
    expect(await tables()).toEqual(before);
    expect(await logTotal()).toBe(logBefore);
    expect(fake.confirmations(code)).toHaveLength(0);
    expect(fake.pending(code)).toHaveLength(5 + extra);

    expect(plan.receive).toMatchObject({
      performed: true,
      note: expect.stringContaining('without confirming'),
      error: null,
      counts: { create: 1 + extra, write: 1, unlink: 1, skip: 1, fail: 1 },
      guard: null,
    });
    expect(plan.send).toEqual({ performed: false, counts: { create: 0, update: 0, delete: 0, skip: 0 } });
    expect(plan.total).toBe(5 + extra);
    const byId = new Map(plan.items.map((i: { externalId: string }) => [i.externalId, i]));
    expect(byId.get(`${code}-NEW`)).toMatchObject({
      direction: 'receive',
      action: 'create',
      recordId: null,
      changes: expect.arrayContaining([
        { field: 'name', old: null, new: 'New one' },
        { field: 'country_id', old: null, new: expect.any(Number) },
      ]),
    });
    // Only the fields whose value differs (the email is the same).
    expect(byId.get(`${code}-UPD`)).toMatchObject({ action: 'write', changes: [{ field: 'name', old: 'Old', new: 'New name' }] });
    expect(byId.get(`${code}-DEL`)).toMatchObject({ action: 'unlink', recordId: expect.any(Number) });
    expect(byId.get(`${code}-NEVER`)).toMatchObject({ action: 'skip', reason: expect.stringContaining('nothing to delete') });
    expect(byId.get(`${code}-BAD`)).toMatchObject({ action: 'fail', reason: expect.stringContaining('XX') });

    // The real run does what the plan said, item for item.
    const run = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(run.counts).toMatchObject({ received: 5 + extra, applied: 4 + extra, failed: 1 });
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, limit: 500 }).expect(200)).body.items as {
      externalId: string;
      action: string;
      status: string;
      name: string;
    }[];
    const done = new Map(log.filter((r) => !r.name.startsWith('Confirm')).map((r) => [r.externalId, r]));
    for (const item of plan.items as { externalId: string; action: string }[]) {
      const row = done.get(item.externalId)!;
      const expected =
        item.action === 'fail' ? { status: 'failed' } : { status: 'success', action: item.action === 'skip' ? 'unlink' : item.action };
      expect({ item: item.externalId, status: row.status, action: row.action }).toMatchObject({ item: item.externalId, ...expected });
    }
  });

  it('pages the items (limit, offset) and counts them all', async () => {
    const object = await cronObject('DRYPAGE');
    fake.seed(
      'DRYPAGE',
      Array.from({ length: 5 }, (_, i) => ({ action: 'insert' as const, values: { unique_id: `DP-${i}`, name: `P ${i}` } })),
    );
    const page = (await dryRun(object.id, {}, { limit: 2, offset: 1 }).expect(200)).body;
    expect(page.total).toBe(5);
    expect(page.items.map((i: { externalId: string }) => i.externalId)).toEqual(['DP-1', 'DP-2']);
    expect(page.receive.counts.create).toBe(5);
    await dryRun(object.id, {}, { limit: 0 }).expect(400);
  });

  it('refuses to receive where the external system would drop the items; receive: false plans the sending only', async () => {
    const object = await cronObject('DRYNOCONF', { direction: 'bidirectional' }, { needsConfirmation: false, confirmationUrl: null });
    fake.seed('DRYNOCONF', [{ action: 'insert', values: { unique_id: 'NC-1', name: 'Kept offered' } }]);
    const calls = fake.receives('DRYNOCONF').length;
    const refused = (await dryRun(object.id).expect(422)).body;
    expect(refused).toMatchObject({ code: 'DRY_RUN.RECEIVE_WOULD_DROP', details: [{ field: 'receive' }] });
    expect(refused.message).toContain('drops the items');
    expect(fake.receives('DRYNOCONF')).toHaveLength(calls);
    // A local change waits in the outbox: the plan shows the body that would go out, and it stays pending.
    await t.api().post('/api/records/res.partner').send({ name: 'Local', x_sys_id: 'NC-LOCAL' }).expect(201);
    const before = await tables();
    const plan = (await dryRun(object.id, { receive: false }).expect(200)).body;
    expect(await tables()).toEqual(before);
    expect(plan.receive).toMatchObject({ performed: false, note: expect.stringContaining('receive: false') });
    expect(plan.send.counts).toEqual({ create: 0, update: 1, delete: 0, skip: 0 });
    expect(plan.items).toEqual([
      expect.objectContaining({
        direction: 'send',
        action: 'update',
        externalId: 'NC-LOCAL',
        outboxId: expect.any(Number),
        body: { action: 'update', values: expect.objectContaining({ name: 'Local' }), external_id: 'NC-LOCAL' },
      }),
    ]);
    expect(fake.sends('DRYNOCONF')).toHaveLength(0);
    expect(fake.pending('DRYNOCONF')).toHaveLength(1);
  });

  it('says what the guard would do with the plan', async () => {
    const object = await cronObject('DRYGUARD', { guard: { maxDeletes: { count: 0 } } });
    await t.api().post('/api/records/res.partner').send({ name: 'Doomed', x_sys_id: 'DG-1' }).expect(201);
    fake.seed('DRYGUARD', [{ action: 'delete', values: { unique_id: 'DG-1' } }]);
    const plan = (await dryRun(object.id).expect(200)).body;
    expect(plan.receive.guard).toEqual({ held: true, reason: 'maxDeletes.count 0 exceeded: 1 deletes planned' });
  });

  it('answers 404 for an unknown object, 409 for an inactive one, 400 for a bad body', async () => {
    await dryRun(999999).expect(404);
    const object = await cronObject('DRYOFF', { active: false });
    expect((await dryRun(object.id).expect(409)).body.code).toBe('SYNC_RUN.OBJECT_INACTIVE');
    const active = await cronObject('DRYBAD');
    expect((await dryRun(active.id, { receive: 'yes' }).expect(400)).body.details[0].field).toBe('receive');
    expect((await dryRun(active.id, { extra: 1 }).expect(400)).body.details[0].field).toBe('extra');
  });
});
