/**
 * `null` for a property that has no null is a 400 naming it, on create and on PATCH — never a 500
 * from a NOT NULL column (found by the hostile-input reliability suite: PATCH {"limit": null}).
 */
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('null for properties that have no null', () => {
  let t: TestApp;
  let f: Factory;
  let objectId: number;
  let modelId: number;

  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER: 'off' });
    f = new Factory(t);
    const model = await f.syncModel();
    modelId = model.id;
    objectId = (await f.contactObject({ syncModelId: model.id })).id;
  });
  afterAll(() => t.close());

  const OBJECT_FIELDS = [
    'name',
    'direction',
    'mode',
    'priority',
    'odooModel',
    'odooRefField',
    'propagateDeletes',
    'externalRefField',
    'domain',
    'limit',
    'drain',
    'active',
    'fields',
    'webServiceId',
    'syncModelId',
  ];

  it.each(OBJECT_FIELDS)('PATCH /api/sync-objects/:id {"%s": null} → 400 naming it, nothing changed', async (field) => {
    const before = (await t.api().get(`/api/sync-objects/${objectId}`).expect(200)).body;
    const res = await t
      .api()
      .patch(`/api/sync-objects/${objectId}`)
      .send({ [field]: null })
      .expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await t.api().get(`/api/sync-objects/${objectId}`).expect(200)).body).toEqual(before);
  });

  it.each(['limit', 'domain', 'drain', 'priority', 'propagateDeletes', 'active'])(
    'POST /api/sync-objects {"%s": null} → 400 naming it',
    async (field) => {
      const ws = await f.webService();
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({
          name: `null ${field}`,
          direction: 'odoo_to_external',
          mode: 'cron',
          odooModel: 'res.partner',
          odooRefField: 'x_sys_id',
          externalRefField: 'unique_id',
          fields: [
            { odooField: 'name', externalField: 'name' },
            { odooField: 'x_sys_id', externalField: 'unique_id' },
          ],
          webServiceId: ws.id,
          syncModelId: modelId,
          [field]: null,
        })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    },
  );

  it.each(['name', 'code', 'fields'])('PATCH /api/sync-models/:id {"%s": null} → 400 naming it', async (field) => {
    const res = await t
      .api()
      .patch(`/api/sync-models/${modelId}`)
      .send({ [field]: null })
      .expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });
});
