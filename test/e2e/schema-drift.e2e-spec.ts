import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Schema drift (issue 14): what received payloads carry that the sync model does not say, counted per
 * object and field — over real HTTP, for the cron pull (the fake external system) and the /sync routes.
 */
describe('schema drift', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;
  let codes = 0;

  const run = async (objectId: number) => (await t.api().post(`/api/sync-objects/${objectId}/run`).expect(200)).body;
  const drift = async (objectId: number, query: Json = {}) =>
    (await t.api().get(`/api/sync-objects/${objectId}/drift`).query(query).expect(200)).body;
  const entry = (page: { items: Json[] }, kind: string, field: string) => page.items.find((i) => i.kind === kind && i.field === field);

  async function cronObject(overrides: Json = {}) {
    const code = `DRF${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ mode: 'cron', webServiceId: ws.id, ...overrides });
    return { code, object };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off' });
    f = new Factory(t);
  });
  afterEach(() => f.removeObjects());
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('a new object warns by default and shows no drift', async () => {
    const { object } = await cronObject();
    expect(object).toMatchObject({ schemaDrift: 'warn', flapping: null });
    expect(await drift(object.id)).toEqual({ items: [], total: 0, policy: 'warn' });
  });

  it('cron: unknown keys, mapped fields that stop arriving and type mismatches are counted per field, and on the run', async () => {
    const { code, object } = await cronObject();
    fake.offer(code, 'insert', { unique_id: 'D-1', name: 'One', email: 'one@example.com', is_customer: true });
    const first = await run(object.id);
    expect(first).toMatchObject({ status: 'success', drift: { unknownKeys: 0, missingFields: 0, typeMismatches: 0 } });

    // The external system renamed email to e_mail, added a secret-looking key, and sends a text for a boolean.
    fake.offer(code, 'update', { unique_id: 'D-1', name: 'One', e_mail: 'one@example.com', is_customer: true, password: 'hunter2' });
    fake.offer(code, 'insert', { unique_id: 'D-2', name: 'Two', e_mail: 'two@example.com', is_customer: 'maybe' });
    const second = await run(object.id);
    expect(second).toMatchObject({ status: 'partial', counts: { received: 2, applied: 1, failed: 1 } });
    expect(second.drift).toEqual({ unknownKeys: 3, missingFields: 2, typeMismatches: 1 });

    const page = await drift(object.id);
    expect(page.total).toBe(4);
    expect(entry(page, 'unknown_key', 'e_mail')).toMatchObject({ count: 2, example: '"two@example.com"' });
    expect(entry(page, 'unknown_key', 'password')).toMatchObject({ count: 1, example: '[secret]' });
    expect(entry(page, 'missing_field', 'email')).toMatchObject({ count: 2, example: null });
    expect(entry(page, 'type_mismatch', 'is_customer')).toMatchObject({ count: 1, example: '"maybe"' });
    const row = entry(page, 'unknown_key', 'e_mail')!;
    expect(new Date(row.firstSeenAt as string).getTime()).toBeLessThanOrEqual(new Date(row.lastSeenAt as string).getTime());
    expect(JSON.stringify(page)).not.toContain('hunter2');

    // The failed item failed as it always did: logged with its reason.
    const failed = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, status: 'failed' }).expect(200)).body.items;
    expect(failed[0].errorMessage).toContain('is_customer');

    // Filters and paging follow the API's list habits.
    expect((await drift(object.id, { kind: 'missing_field' })).items.map((i: Json) => i.field)).toEqual(['email']);
    expect((await drift(object.id, { limit: 1 })).items).toHaveLength(1);
    await t.api().get(`/api/sync-objects/${object.id}/drift`).query({ kind: 'sideways' }).expect(400);
    await t.api().get('/api/sync-objects/999999/drift').expect(404);
  });

  it('real time: a create counts unknown and missing fields; a PUT (may carry only what changed) counts unknown keys only', async () => {
    const syncModel = await f.syncModel();
    const object = await f.contactObject({ syncModelId: syncModel.id });
    const apiKey = await f.apiKey();
    const sync = (method: 'post' | 'put', path: string, body: Json) =>
      t.http()[method](`/sync/${syncModel.code}/${path}`).set('api_key', apiKey).send(body);
    await sync('post', 'create', { unique_id: 'RT-1', name: 'Rt', email: 'rt@example.com' }).expect(200);
    await sync('post', 'create', { unique_id: 'RT-2', name: 'Rt two', fax: '555' }).expect(200);
    await sync('put', 'RT-1', { name: 'Rt renamed', fax: '556' }).expect(200);
    await sync('post', 'create', { unique_id: 'RT-3', name: 'Rt three', email: 'x@example.com', is_customer: 'perhaps' }).expect(422);
    const page = await drift(object.id);
    expect(entry(page, 'unknown_key', 'fax')).toMatchObject({ count: 2, example: '"556"' });
    expect(entry(page, 'missing_field', 'email')).toMatchObject({ count: 1 });
    expect(entry(page, 'type_mismatch', 'is_customer')).toMatchObject({ count: 1, example: '"perhaps"' });
    expect(page.total).toBe(3);
  });

  it('hold: a batch in which a mapped field stopped arriving holds the run; the dry run says so; release applies it once', async () => {
    const { code, object } = await cronObject({ schemaDrift: 'hold' });
    fake.offer(code, 'insert', { unique_id: 'H-1', name: 'One', email: 'one@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1 } });

    // email stops arriving (renamed): nothing of the batch is applied nor confirmed, the run is held.
    fake.offer(code, 'update', { unique_id: 'H-1', name: 'One renamed', e_mail: 'one@example.com' });
    fake.offer(code, 'insert', { unique_id: 'H-2', name: 'Two', e_mail: 'two@example.com' });
    const reason = 'schemaDrift hold: mapped fields stopped arriving: email';
    const dry = (await t.api().post(`/api/sync-objects/${object.id}/dry-run`).expect(200)).body;
    expect(dry.receive.guard).toEqual({ held: true, reason });
    const held = await run(object.id);
    expect(held).toMatchObject({ status: 'held', hold: { reason }, counts: { received: 2, applied: 0, confirmed: 0 } });
    expect(fake.pending(code)).toHaveLength(2);
    const names = async () =>
      ((await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=like', 'H-%')]" }).expect(200)).body.items as Json[])
        .map((p) => p.name)
        .sort();
    expect(await names()).toEqual(['One']);
    // Offered again, held again: every run weighs its own batch.
    expect(await run(object.id)).toMatchObject({ status: 'held' });

    const released = (await t.api().post(`/api/sync-runs/${held.id}/release`).expect(200)).body;
    expect(released).toMatchObject({ status: 'success', counts: { applied: 2, confirmed: 2 } });
    expect(await names()).toEqual(['One renamed', 'Two']);
    await t.api().post(`/api/sync-runs/${held.id}/release`).expect(409);

    // bypassGuard lifts the drift hold for one run too; warn only counts.
    fake.offer(code, 'update', { unique_id: 'H-2', name: 'Two again', e_mail: 'two@example.com' });
    const bypassed = (await t.api().post(`/api/sync-objects/${object.id}/run`).send({ bypassGuard: true }).expect(200)).body;
    expect(bypassed).toMatchObject({ status: 'success', guardBypassed: true, drift: { missingFields: 1 } });
    await t.api().patch(`/api/sync-objects/${object.id}`).send({ schemaDrift: 'warn' }).expect(200);
    fake.offer(code, 'update', { unique_id: 'H-2', name: 'Two warned', e_mail: 'two@example.com' });
    expect(await run(object.id)).toMatchObject({ status: 'success', drift: { missingFields: 1 } });
  });

  it('ignore: nothing is counted; the policy is validated with field-named errors, exported and imported', async () => {
    const { code, object } = await cronObject({ schemaDrift: 'ignore' });
    fake.offer(code, 'insert', { unique_id: 'I-1', name: 'One', fax: '1' });
    expect((await run(object.id)).drift).toEqual({ unknownKeys: 0, missingFields: 0, typeMismatches: 0 });
    expect(await drift(object.id)).toEqual({ items: [], total: 0, policy: 'ignore' });

    const bad = await t
      .api()
      .patch(`/api/sync-objects/${object.id}`)
      .send({ schemaDrift: 'shout', flapping: { changes: 1 } })
      .expect(400);
    expect(bad.body.details.map((d: Json) => d.field)).toEqual(
      expect.arrayContaining(['schemaDrift', 'flapping.changes', 'flapping.windowSeconds']),
    );
    const patched = await t
      .api()
      .patch(`/api/sync-objects/${object.id}`)
      .send({ schemaDrift: 'warn', flapping: { changes: 4, windowSeconds: 60 } })
      .expect(200);
    expect(patched.body).toMatchObject({ schemaDrift: 'warn', flapping: { changes: 4, windowSeconds: 60 } });

    const exported = (await t.api().get('/api/config/export').expect(200)).body;
    const doc = exported.syncObjects.find((o: Json) => o.name === object.name);
    expect(doc).toMatchObject({ schemaDrift: 'warn', flapping: { changes: 4, windowSeconds: 60 } });
    doc.schemaDrift = 'ignore';
    doc.flapping = null;
    await t
      .api()
      .post('/api/config/import')
      .send({ ...exported, syncObjects: [doc] })
      .expect(200);
    expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body).toMatchObject({ schemaDrift: 'ignore', flapping: null });
  });
});
