import { CON_MAPPINGS, Factory } from '../support/factories';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Field ownership inside a bidirectional object: email is Odoo's (odoo_to_external),
 * is_customer the external system's (external_to_odoo); the rest goes both ways.
 */
describe('field ownership (mapping direction)', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;
  let codes = 0;

  const OWNED = CON_MAPPINGS.map((m) =>
    m.odooField === 'email'
      ? { ...m, direction: 'odoo_to_external' }
      : m.odooField === 'customer'
        ? { ...m, direction: 'external_to_odoo' }
        : m,
  );
  const run = async (objectId: number) => (await t.api().post(`/api/sync-objects/${objectId}/run`).expect(200)).body;
  const byRef = async (ref: string) =>
    (
      await t
        .api()
        .get('/api/records/res.partner')
        .query({ domain: `[('x_sys_id', '=', '${ref}')]` })
        .expect(200)
    ).body.items[0];
  const inboundLog = async (objectId: number, ref: string, name: string) =>
    (
      await t.api().get('/api/change-log').query({ syncObjectId: objectId, externalId: ref, direction: 'external_to_odoo' }).expect(200)
    ).body.items.find((row: Json) => row.name === name);

  async function ownedObject(priority: 'odoo' | 'external' = 'odoo') {
    const code = `OWN${++codes}`;
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const syncModel = await f.syncModel();
    const object = await f.contactObject({
      direction: 'bidirectional',
      mode: 'cron',
      priority,
      webServiceId: ws.id,
      syncModelId: syncModel.id,
      fields: OWNED,
    });
    return { code, object, syncModel };
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

  it('the object shows, exports and imports each mapping direction (default both)', async () => {
    const { object } = await ownedObject();
    const shown = (await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.fields as Json[];
    expect(shown.map((m) => [m.odooField, m.direction])).toEqual([
      ['name', 'both'],
      ['x_sys_id', 'both'],
      ['country_id', 'both'],
      ['parent_id', 'both'],
      ['email', 'odoo_to_external'],
      ['customer', 'external_to_odoo'],
      ['category_id', 'both'],
    ]);
    const exported = (await t.api().get('/api/config/export').expect(200)).body;
    const doc = exported.syncObjects.find((o: Json) => o.name === object.name);
    expect(doc.fields.find((m: Json) => m.odooField === 'email').direction).toBe('odoo_to_external');
    // Importing the document with email turned over to the external system updates the object.
    doc.fields.find((m: Json) => m.odooField === 'email').direction = 'external_to_odoo';
    await t
      .api()
      .post('/api/config/import')
      .send({ ...exported, syncObjects: [doc] })
      .expect(200);
    const after = (await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.fields as Json[];
    expect(after.find((m) => m.odooField === 'email')!.direction).toBe('external_to_odoo');
  });

  it.each<[string, Json, string]>([
    ['a one-way mapping the object direction does not include', { direction: 'odoo_to_external' }, 'fields.5.direction'],
    ['the external-id pair one way', { direction: 'bidirectional', refOneWay: true }, 'fields.1.direction'],
  ])('refuses %s, naming the mapping', async (_case, options, field) => {
    const url = fake.urlFor('OWNX');
    const ws = await f.webService({ url, shippingUrl: url });
    const fields = OWNED.map((m) => (options.refOneWay && m.odooField === 'x_sys_id' ? { ...m, direction: 'external_to_odoo' } : m));
    const res = await t
      .api()
      .post('/api/sync-objects')
      .send({
        name: `own-bad-${field}`,
        direction: options.direction,
        mode: 'cron',
        odooModel: 'res.partner',
        externalRefField: 'unique_id',
        fields,
        webServiceId: ws.id,
        syncModelId: (await f.syncModel()).id,
      })
      .expect(400);
    expect(res.body.details.map((d: Json) => d.field)).toContain(field);
  });

  it('refuses an unknown direction (DTO)', async () => {
    const res = await t
      .api()
      .put('/api/sync-objects/1')
      .send({ fields: [{ odooField: 'name', externalField: 'name', direction: 'sideways' }] })
      .expect(400);
    expect(res.body.details.map((d: Json) => d.field)).toContain('fields.0.direction');
  });

  it('inbound: a value for an Odoo-owned field is not applied; the change log shows it ignored, with the value that came', async () => {
    const { code, object } = await ownedObject();
    fake.offer(code, 'insert', { unique_id: 'OWN-1', name: 'Azure', email: 'ext@example.com', is_customer: true });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1 } });
    expect(await byRef('OWN-1')).toMatchObject({ name: 'Azure', email: null, customer: true });
    const row = await inboundLog(object.id, 'OWN-1', 'Create Contact');
    expect(row).toMatchObject({ status: 'success' });
    expect(row.destinationValues).not.toHaveProperty('email');
    expect(row.destinationValues._ignored).toEqual([
      { field: 'email', odooField: 'email', value: 'ext@example.com', reason: 'owned by Odoo (mapping direction odoo_to_external)' },
    ]);
  });

  it('inbound in real time: the same (the single path of /sync routes)', async () => {
    const { syncModel } = await ownedObject();
    const apiKey = await f.apiKey();
    await t
      .http()
      .post(`/sync/${syncModel.code}/create`)
      .set('api_key', apiKey)
      .send({ unique_id: 'OWN-RT', name: 'Real time', email: 'rt@example.com' })
      .expect(200);
    expect(await byRef('OWN-RT')).toMatchObject({ name: 'Real time', email: null });
  });

  it('outbound: a send omits the fields the external system owns', async () => {
    const { code, object } = await ownedObject();
    fake.offer(code, 'insert', { unique_id: 'OWN-2', name: 'Azure', is_customer: true });
    await run(object.id);
    const record = await byRef('OWN-2');
    await t.api().put(`/api/records/res.partner/${record.id}`).send({ email: 'local@example.com', customer: false }).expect(200);
    expect(await run(object.id)).toMatchObject({ counts: { sent: 1 } });
    const [send] = fake.sends(code);
    expect(send.body).toMatchObject({ action: 'update', external_id: 'OWN-2', values: { name: 'Azure', email: 'local@example.com' } });
    expect((send.body as { values: Json }).values).not.toHaveProperty('is_customer');
    expect(fake.record(code, 'OWN-2')).toMatchObject({ email: 'local@example.com' });
  });

  it('merge: both sides changing an Odoo-owned field is no conflict; the local value stays and is sent', async () => {
    const { code, object } = await ownedObject('external');
    fake.offer(code, 'insert', { unique_id: 'OWN-3', name: 'Azure', is_customer: true });
    await run(object.id);
    const record = await byRef('OWN-3');
    await t.api().put(`/api/records/res.partner/${record.id}`).send({ email: 'local@example.com', name: 'Azure Local' }).expect(200);
    fake.offer(code, 'update', { unique_id: 'OWN-3', name: 'Azure Ext', email: 'ext@example.com', is_customer: false });
    expect(await run(object.id)).toMatchObject({ status: 'success', counts: { applied: 1, sent: 1 } });
    // name is shared: a true conflict, external priority. email is Odoo's: kept. is_customer is the external system's: taken.
    expect(await byRef('OWN-3')).toMatchObject({ name: 'Azure Ext', email: 'local@example.com', customer: false });
    const merge = (await inboundLog(object.id, 'OWN-3', 'Modify Contact')).destinationValues._merge;
    expect(merge.conflicts).toEqual(['name']);
    expect(merge.decisions.map((d: Json) => d.field)).not.toContain('email');
    expect(merge.decisions.map((d: Json) => d.field)).not.toContain('is_customer');
    const [send] = fake.sends(code);
    expect((send.body as { values: Json }).values).toMatchObject({ name: 'Azure Ext', email: 'local@example.com' });
    expect((send.body as { values: Json }).values).not.toHaveProperty('is_customer');
  });
});
