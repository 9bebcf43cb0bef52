import { SettingsService } from '../../src/settings/settings.service';
import { SyncObjectCatalog } from '../../src/sync-objects/sync-object.catalog';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The seed's "Structure in requests in Real Time mode", driven verbatim. */
const SEED_KEY = 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16';

describe('real-time inbound routes (/sync/:code/...)', () => {
  let t: TestApp;
  let f: Factory;
  let objectId: number;

  const partnerByRef = async (ref: string) =>
    (
      await t
        .api()
        .get('/api/records/res.partner')
        .query({ domain: `[('x_sys_id', '=', '${ref}')]` })
        .expect(200)
    ).body;
  const log = async (query: Record<string, string | number>) => (await t.api().get('/api/change-log').query(query).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    await f.apiKey(SEED_KEY);
    const syncModel = await f.syncModel({ code: 'CON' });
    objectId = (await f.contactObject({ syncModelId: syncModel.id })).id;
    await f.country('Spain', 'ES');
    await t.api().post('/api/records/res.partner.category').send({ name: 'VIP' }).expect(201);
    await t.api().post('/api/records/res.partner.category').send({ name: 'Retail' }).expect(201);
  });
  afterAll(() => t.close());

  it('1 - creates from a JSON body, answering the envelope with odoo_id and external_id', async () => {
    const res = await t
      .http()
      .post('/sync/CON/create')
      .set('api_key', SEED_KEY)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'Name', unique_id: 1231 }))
      .expect(200);
    const partner = (await partnerByRef('1231')).items[0];
    expect(res.body).toEqual({
      jsonrpc: '2.0',
      id: null,
      result: { status: 'success', error_message: '', odoo_id: partner.id, external_id: '1231' },
    });
    expect(partner).toMatchObject({ name: 'Name', x_sys_id: '1231' });
  });

  it("1b - creates from the seed's own requests call: a form body labelled application/json", async () => {
    // requests.request("POST", url, headers={..., 'Content-Type': 'application/json'}, data={"name": "Name", "unique_id": 1232})
    const res = await t
      .http()
      .post('/sync/CON/create')
      .set('api_key', SEED_KEY)
      .set('Content-Type', 'application/json')
      .send('name=Form+Name&unique_id=1232')
      .expect(200);
    expect(res.body.result.status).toBe('success');
    expect((await partnerByRef('1232')).items[0]).toMatchObject({ name: 'Form Name' });
  });

  it('1c - accepts application/x-www-form-urlencoded and Odoo JSON-RPC bodies', async () => {
    await t
      .http()
      .post('/sync/CON/create')
      .set('api_key', SEED_KEY)
      .type('form')
      .send({ name: 'Urlencoded', unique_id: '1233', is_customer: 'True' })
      .expect(200);
    expect((await partnerByRef('1233')).items[0]).toMatchObject({ name: 'Urlencoded', customer: true });
    await t
      .http()
      .post('/sync/CON/create')
      .set('api_key', SEED_KEY)
      .send({ jsonrpc: '2.0', method: 'call', params: { name: 'Json Rpc', unique_id: 1234 } })
      .expect(200);
    expect((await partnerByRef('1234')).items[0]).toMatchObject({ name: 'Json Rpc' });
  });

  it('2 - modifies the record with the external id in the URL', async () => {
    const res = await t.http().put('/sync/CON/1231').set('api_key', SEED_KEY).send({ name: 'Name of record modified' }).expect(200);
    expect(res.body.result).toMatchObject({ status: 'success', error_message: '', external_id: '1231' });
    expect((await partnerByRef('1231')).items[0].name).toBe('Name of record modified');
  });

  it('3 - removes the record, and removing it again succeeds saying so', async () => {
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'To delete', unique_id: 1354 }).expect(200);
    const res = await t.http().delete('/sync/CON/1354').set('api_key', SEED_KEY).send({}).expect(200);
    expect(res.body.result).toMatchObject({ status: 'success', error_message: '' });
    expect((await partnerByRef('1354')).total).toBe(0);
    const again = await t.http().delete('/sync/CON/1354').set('api_key', SEED_KEY).expect(200);
    expect(again.body.result.status).toBe('success');
    expect(again.body.result.message).toMatch(/nothing to delete/);
  });

  it('resolves relational fields through their reference field', async () => {
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'Company', unique_id: 'C-1' }).expect(200);
    await t
      .http()
      .post('/sync/CON/create')
      .set('api_key', SEED_KEY)
      .type('form')
      .send({ name: 'Employee', unique_id: 'E-1', country: 'ES', company: 'C-1', tags: 'VIP,Retail' })
      .expect(200);
    const company = (await partnerByRef('C-1')).items[0];
    const employee = (await partnerByRef('E-1')).items[0];
    expect(employee.parent_id).toBe(company.id);
    expect(employee.category_id).toHaveLength(2);
    const spain = (await t.api().get('/api/records/res.country').query({ domain: "[('code', '=', 'ES')]" })).body.items[0];
    expect(employee.country_id).toBe(spain.id);
  });

  it('is idempotent: a create of a known external id updates, a write of an unknown one creates', async () => {
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'Once', unique_id: 'R-1' }).expect(200);
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'Twice', unique_id: 'R-1' }).expect(200);
    expect((await partnerByRef('R-1')).items.map((p: { name: string }) => p.name)).toEqual(['Twice']);
    await t.http().put('/sync/CON/W-1').set('api_key', SEED_KEY).send({ name: 'Born by write' }).expect(200);
    expect((await partnerByRef('W-1')).total).toBe(1);
  });

  it("keeps external ids exact on every database: 'C7 ' is not 'C7' (MariaDB PAD SPACE), nor is 'c7'", async () => {
    const create = async (name: string, unique_id: string) =>
      (await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name, unique_id }).expect(200)).body.result;
    const c7 = await create('Seven', 'C7');
    const padded = await create('Seven padded', 'C7 ');
    expect(padded).toMatchObject({ status: 'success', external_id: 'C7 ' });
    expect(padded.odoo_id).not.toBe(c7.odoo_id);
    expect((await t.api().get(`/api/records/res.partner/${c7.odoo_id}`)).body).toMatchObject({ name: 'Seven', x_sys_id: 'C7' });
    const lower = await create('seven lower', 'c7');
    expect(lower.odoo_id).not.toBe(c7.odoo_id);
    await t.http().put('/sync/CON/C7%20').set('api_key', SEED_KEY).send({ name: 'Padded, renamed' }).expect(200);
    expect((await t.api().get(`/api/records/res.partner/${padded.odoo_id}`)).body.name).toBe('Padded, renamed');
    expect((await t.api().get(`/api/records/res.partner/${c7.odoo_id}`)).body.name).toBe('Seven');
    expect((await partnerByRef('C7')).items.map((p: { id: number }) => p.id)).toEqual([c7.odoo_id]);
  });

  it('turns 50 parallel creates of one external id into exactly one record', async () => {
    const calls = Array.from({ length: 50 }, (_, i) =>
      t
        .http()
        .post('/sync/CON/create')
        .set('api_key', SEED_KEY)
        .send({ name: `Racer ${i}`, unique_id: 'RACE-1' }),
    );
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    expect((await partnerByRef('RACE-1')).total).toBe(1);
  });

  it('stays responsive when many concurrent calls find the configuration caches cold (no pool exhaustion)', async () => {
    // Cache refreshes inside write transactions must use the transaction's connection:
    // with more concurrent transactions than pooled connections they would otherwise wait forever.
    t.app.get(SyncObjectCatalog).invalidate();
    t.app.get(SettingsService).invalidate();
    const calls = Array.from({ length: 40 }, (_, i) =>
      t
        .http()
        .post('/sync/CON/create')
        .set('api_key', SEED_KEY)
        .send({ name: `Cold ${i}`, unique_id: `COLD-${i}` }),
    );
    const answers = await Promise.all(calls);
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(200));
  });

  it.each<
    [
      string,
      () => Promise<{ status: number; body: { jsonrpc: string; result: { status: string; error_message: string } } }>,
      number,
      RegExp,
    ]
  >([
    ['missing api key', () => t.http().post('/sync/CON/create').send({ name: 'X', unique_id: 1 }), 401, /api_key/],
    [
      'wrong api key',
      () => t.http().post('/sync/CON/create').set('api_key', 'WRONGKEY00000000').send({ name: 'X', unique_id: 1 }),
      401,
      /api_key/,
    ],
    ['unknown code', () => t.http().post('/sync/NOPE/create').set('api_key', SEED_KEY).send({ name: 'X', unique_id: 1 }), 404, /NOPE/],
    [
      'bad boolean',
      () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'X', unique_id: 'B-1', is_customer: 'maybe' }),
      422,
      /is_customer.*maybe/,
    ],
    [
      'unknown country',
      () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'X', unique_id: 'B-2', country: 'XX' }),
      422,
      /country.*XX/,
    ],
    ['missing external id', () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'X' }), 422, /unique_id/],
    ['missing required name', () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ unique_id: 'B-3' }), 400, /name/],
    [
      'malformed JSON',
      () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).set('Content-Type', 'application/json').send('{"name": '),
      400,
      /JSON/,
    ],
    ['a JSON list', () => t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send([1, 2]), 400, /object/],
    [
      'too large',
      () =>
        t
          .http()
          .post('/sync/CON/create')
          .set('api_key', SEED_KEY)
          .send({ name: 'x'.repeat(1100 * 1024), unique_id: 'B-4' }),
      413,
      /larger/,
    ],
    ['unknown route', () => t.http().get('/sync/CON/create').set('api_key', SEED_KEY), 404, /./],
  ])('answers %s with its HTTP status and a failed envelope, writing nothing', async (_case, call, status, message) => {
    const before = (await t.api().get('/api/records/res.partner').query({ limit: 1 })).body.total;
    const res = await call();
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ jsonrpc: '2.0', id: null, result: { status: 'failed' } });
    expect(res.body.result.error_message).toMatch(message);
    expect((await t.api().get('/api/records/res.partner').query({ limit: 1 })).body.total).toBe(before);
  });

  it('answers 404 when the endpoint for the action is switched off', async () => {
    await t
      .api()
      .patch(`/api/sync-objects/${objectId}`)
      .send({ endpoints: [{ action: 'unlink', active: false }] })
      .expect(200);
    const res = await t.http().delete('/sync/CON/1231').set('api_key', SEED_KEY).expect(404);
    expect(res.body.result.error_message).toMatch(/switched off/);
    expect((await partnerByRef('1231')).total).toBe(1);
    await t
      .api()
      .patch(`/api/sync-objects/${objectId}`)
      .send({ endpoints: [{ action: 'unlink', active: true }] })
      .expect(200);
  });

  it('traces every synchronization in change control, failures included', async () => {
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'Logged', unique_id: 'L-1', extra: 'kept' }).expect(200);
    const success = await log({ externalId: 'L-1' });
    expect(success.items[0]).toMatchObject({
      direction: 'external_to_odoo',
      action: 'create',
      externalId: 'L-1',
      name: 'Create Contact',
      title: 'Logged',
      status: 'success',
      syncObjectId: objectId,
      model: 'res.partner',
      trigger: 'realtime',
      originValues: { name: 'Logged', unique_id: 'L-1', extra: 'kept' },
    });
    expect(success.items[0].odooId).toEqual((await partnerByRef('L-1')).items[0].id);
    await t.http().post('/sync/CON/create').set('api_key', SEED_KEY).send({ name: 'Broken', unique_id: 'L-2', country: 'ZZ' }).expect(422);
    const failure = await log({ externalId: 'L-2' });
    expect(failure.items[0]).toMatchObject({ status: 'failed', title: 'Broken', odooId: null });
    expect(failure.items[0].errorMessage).toMatch(/ZZ/);
  });

  it('checks raw relational ids (a mapping without reference field) and refuses unknown ones', async () => {
    const raw = await f.syncModel({
      code: 'RAW',
      fields: [
        { name: 'name', code: 'name', type: 'char' },
        { name: 'unique_id', code: 'unique_id', type: 'char' },
        { name: 'country_id', code: 'country_id', type: 'integer' },
      ],
    });
    await f.contactObject({
      syncModelId: raw.id,
      fields: [
        { odooField: 'name', externalField: 'name' },
        { odooField: 'x_sys_id', externalField: 'unique_id' },
        { odooField: 'country_id', externalField: 'country_id' },
      ],
    });
    const res = await t
      .http()
      .post('/sync/RAW/create')
      .set('api_key', SEED_KEY)
      .send({ name: 'Raw', unique_id: 'RAW-1', country_id: 999999 })
      .expect(422);
    expect(res.body.result.error_message).toMatch(/999999/);
    expect((await partnerByRef('RAW-1')).total).toBe(0);
  });

  it('records when an API key was last used', async () => {
    const keys = (await t.api().get('/api/settings/api-keys').expect(200)).body;
    const seed = keys.find((k: { last4: string }) => k.last4 === SEED_KEY.slice(-4));
    expect(seed.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(keys)).not.toContain(SEED_KEY);
  });
});
