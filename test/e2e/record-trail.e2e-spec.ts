import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** What record tracking reads: one record's outbox rows and its sync state per object. */
describe('a record trail (/api/outbox?model&recordId, /api/outbox/sync-state)', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.001' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it("lists only the record's outbox rows and shows what was last synchronized", async () => {
    const ws = await f.webService({ url: fake.urlFor('CON'), shippingUrl: fake.urlFor('CON') });
    const object = await f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId: ws.id });
    const one = (await t.api().post('/api/records/res.partner').send({ name: 'Tracked' }).expect(201)).body;
    const other = (await t.api().post('/api/records/res.partner').send({ name: 'Other' }).expect(201)).body;
    await waitFor(async () => (await t.api().get('/api/outbox').query({ status: 'done' })).body.total === 2, 'both delivered');

    const rows = (await t.api().get('/api/outbox').query({ model: 'res.partner', recordId: one.id }).expect(200)).body;
    expect(rows.total).toBe(1);
    expect(rows.items[0]).toMatchObject({ recordId: one.id, model: 'res.partner', status: 'done', syncObjectId: object.id });
    expect((await t.api().get('/api/outbox').query({ model: 'product.product', recordId: one.id }).expect(200)).body.total).toBe(0);

    const states = (await t.api().get('/api/outbox/sync-state').query({ recordId: one.id }).expect(200)).body;
    expect(states).toHaveLength(1);
    expect(states[0]).toMatchObject({ syncObjectId: object.id, recordId: one.id, existsRemote: true });
    expect(states[0].externalId).toEqual(expect.any(String));
    expect(states[0].syncedValues).toMatchObject({ name: 'Tracked' });
    expect(
      (
        await t
          .api()
          .get('/api/outbox/sync-state')
          .query({ recordId: other.id, syncObjectId: object.id + 1 })
          .expect(200)
      ).body,
    ).toEqual([]);
  });

  it.each([
    ['/api/outbox/sync-state', {}, 'recordId'],
    ['/api/outbox/sync-state', { recordId: 'x' }, 'recordId'],
    ['/api/outbox', { recordId: 0 }, 'recordId'],
    ['/api/outbox', { model: '' }, 'model'],
  ])('%s rejects %p naming %s', async (path, query, field) => {
    const { body } = await t.api().get(path).query(query).expect(400);
    expect(body.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });
});
