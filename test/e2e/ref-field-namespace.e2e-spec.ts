/**
 * External ids of two systems are two namespaces (issue 16 point 4): objects of different web services on one
 * Odoo model cannot share an Odoo ref field — refused with 409 naming the other object at create, update and
 * config import; objects of one web service may share it.
 */
import { CON_MAPPINGS, Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

describe('one Odoo ref field per external system', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  const expectTaken = (body: { code: string; message: string; details: { field: string; problem: string }[] }, other: string) => {
    expect(body.code).toBe('SYNC_OBJECT.REF_FIELD_TAKEN');
    expect(body.message).toContain(`"${other}"`);
    expect(body.details).toEqual([{ field: 'odooRefField', problem: expect.stringContaining(`"${other}"`) }]);
  };

  it('refuses a second web service on res.partner/x_sys_id at create, naming the other object; same service is fine', async () => {
    const con = await f.webService({ name: 'CON system' });
    const syb = await f.webService({ name: 'SYB system' });
    const first = await f.contactObject({ name: 'Contacts from CON', webServiceId: con.id });
    const res = await t
      .api()
      .post('/api/sync-objects')
      .send({
        name: 'Contacts from SYB',
        direction: 'external_to_odoo',
        mode: 'realtime',
        odooModel: 'res.partner',
        odooRefField: 'x_sys_id',
        externalRefField: 'unique_id',
        fields: CON_MAPPINGS,
        webServiceId: syb.id,
        syncModelId: (await f.syncModel()).id,
      })
      .expect(409);
    expectTaken(res.body, 'Contacts from CON');
    // The same system may have several objects on the model (one namespace).
    await f.contactObject({ name: 'More contacts from CON', webServiceId: con.id, direction: 'odoo_to_external' });
    // Inactive objects count: the ids they stored stay in the field.
    await t.api().patch(`/api/sync-objects/${first.id}`).send({ active: false }).expect(200);
    await expect(f.contactObject({ webServiceId: syb.id })).rejects.toThrow(/409.*REF_FIELD_TAKEN/);
    expect((await t.api().get('/api/sync-objects').expect(200)).body).toHaveLength(2);
  });

  it('refuses moving an object to another web service at update', async () => {
    const other = await f.webService({ name: 'Third system' });
    const [object] = (await t.api().get('/api/sync-objects').expect(200)).body;
    const res = await t.api().patch(`/api/sync-objects/${object.id}`).send({ webServiceId: other.id }).expect(409);
    expectTaken(res.body, 'More contacts from CON');
    expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.webServiceId).not.toBe(other.id);
  });

  it('refuses an import that would share the field, and writes nothing of it', async () => {
    const before = (await t.api().get('/api/sync-objects').expect(200)).body;
    const sm = (await t.api().get('/api/sync-models').expect(200)).body[0];
    const res = await t
      .api()
      .post('/api/config/import')
      .send({
        version: 1,
        webServices: [{ name: 'Imported system', url: 'http://127.0.0.1:9/IMP', shippingUrl: 'http://127.0.0.1:9/IMP' }],
        syncModels: [],
        syncObjects: [
          {
            name: 'Imported contacts',
            direction: 'external_to_odoo',
            mode: 'realtime',
            webService: 'Imported system',
            syncModel: sm.code,
            odooModel: 'res.partner',
            odooRefField: 'x_sys_id',
            externalRefField: 'unique_id',
            fields: CON_MAPPINGS,
          },
        ],
      });
    expect([res.status, res.body.code]).toEqual([409, 'SYNC_OBJECT.REF_FIELD_TAKEN']);
    expect(res.body.details[0].field).toBe('syncObjects.0.odooRefField');
    expect(res.body.message).toMatch(/"(More )?[Cc]ontacts from CON"/);
    expect((await t.api().get('/api/sync-objects').expect(200)).body).toEqual(before);
    expect((await t.api().get('/api/web-services').expect(200)).body.map((ws: { name: string }) => ws.name)).not.toContain(
      'Imported system',
    );
  });
});
