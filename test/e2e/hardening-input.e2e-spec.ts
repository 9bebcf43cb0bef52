/**
 * Issue 16, points 5, 6, 7, 9, 10 and 12: what a security review found in input
 * handling, each over real HTTP on the real database.
 */
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const KEY = 'HARDEN-INPUT-KEY-0123456789ABCDEF';
const envelope = (status: string) => expect.objectContaining({ jsonrpc: '2.0', id: null, result: expect.objectContaining({ status }) });

describe('hardening: input handling', () => {
  let t: TestApp;
  let f: Factory;
  let code: string;

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    await f.apiKey(KEY);
    const syncModel = await f.syncModel();
    code = syncModel.code;
    await f.contactObject({ syncModelId: syncModel.id });
  });
  afterAll(() => t.close());

  const sync = () => t.http();

  describe('5 - built-in property names are unknown fields', () => {
    it.each(['constructor', 'toString', '__proto__', 'valueOf', 'hasOwnProperty'])('?order=%s is a 400 naming order', async (name) => {
      const res = await t.api().get('/api/records/res.partner').query({ order: name }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'order' })]);
    });

    it.each(['valueOf', 'constructor', 'toString', 'hasOwnProperty'])(
      'a body key %s is an unknown field (400), nothing written',
      async (name) => {
        const before = (await t.api().get('/api/records/res.partner').expect(200)).body.total;
        const res = await t
          .api()
          .post('/api/records/res.partner')
          .set('Content-Type', 'application/json')
          .send(`{"name": "x", "${name}": "y"}`)
          .expect(400);
        expect(res.body.details).toEqual([{ field: name, problem: 'unknown field on res.partner' }]);
        expect((await t.api().get('/api/records/res.partner').expect(200)).body.total).toBe(before);
      },
    );

    it('a body key __proto__ is an unknown field too', async () => {
      const res = await t
        .api()
        .post('/api/records/res.partner')
        .set('Content-Type', 'application/json')
        .send('{"name": "x", "__proto__": {"polluted": 1}}')
        .expect(400);
      expect(res.body.details).toEqual([{ field: '__proto__', problem: 'unknown field on res.partner' }]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each([
      ['odooField', 'constructor'],
      ['odooField', 'toString'],
      ['odooField', '__proto__'],
      ['referenceField', 'constructor'],
      ['referenceField', '__proto__'],
    ])('a sync object mapping with %s %s is refused naming it', async (key, name) => {
      const mapping =
        key === 'odooField'
          ? { odooField: name, externalField: 'email' }
          : { odooField: 'country_id', externalField: 'country', referenceField: name };
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({
          name: `proto-${key}-${name}`,
          direction: 'external_to_odoo',
          mode: 'realtime',
          odooModel: 'res.partner',
          odooRefField: 'x_sys_id',
          externalRefField: 'unique_id',
          fields: [{ odooField: 'name', externalField: 'name' }, { odooField: 'x_sys_id', externalField: 'unique_id' }, mapping],
          webServiceId: (await f.webService()).id,
          syncModelId: (await f.syncModel()).id,
        })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: `fields.2.${key}` })]));
    });

    it('odooRefField constructor is refused', async () => {
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({
          name: 'proto-ref',
          direction: 'external_to_odoo',
          mode: 'realtime',
          odooModel: 'res.partner',
          odooRefField: 'constructor',
          externalRefField: 'unique_id',
          fields: [{ odooField: 'name', externalField: 'name' }],
          webServiceId: (await f.webService()).id,
          syncModelId: (await f.syncModel()).id,
        })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'odooRefField' })]));
    });

    it('a domain on a built-in name is an unknown field', async () => {
      const res = await t.api().get('/api/records/res.partner').query({ domain: "[('constructor', '=', 1)]" }).expect(400);
      expect(res.body.message).toMatch(/unknown field 'constructor'/);
    });
  });

  describe('6 - every paging number is validated', () => {
    it.each([
      ['/api/records/res.partner', 'offset', '1e20'],
      ['/api/records/res.partner', 'offset', '99999999999999999999'],
      ['/api/change-log', 'offset', '1e20'],
      ['/api/change-log', 'beforeId', '1e20'],
      ['/api/change-log', 'syncObjectId', '1e20'],
      ['/api/change-log', 'odooId', '1e20'],
      ['/api/outbox', 'offset', '1e20'],
      ['/api/outbox', 'webServiceId', '1e20'],
      ['/api/sync-runs', 'offset', '1e20'],
      ['/api/sync-runs', 'syncObjectId', '1e20'],
    ])('%s?%s=%s is a 400 naming it', async (path, name, value) => {
      const res = await t
        .api()
        .get(path)
        .query({ [name]: value })
        .expect(400);
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: name })]));
    });

    it.each(['99999999999999999999', '1e3', '0'])('a record id %s is a 400 naming id', async (id) => {
      const res = await t.api().get(`/api/records/res.partner/${id}`).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
    });

    it('the deepest allowed offset still answers', async () => {
      await t.api().get('/api/records/res.partner').query({ offset: 1_000_000 }).expect(200);
      await t.api().get('/api/change-log').query({ offset: 1_000_000 }).expect(200);
    });
  });

  describe('7 - deep nesting is refused at parse time', () => {
    const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

    it('a /sync body nested 500,000 deep is a 400 in the envelope', async () => {
      const res = await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send(`{"unique_id": "D3", "name": ${deep(500_000)}}`)
        .expect(400);
      expect(res.body).toEqual(envelope('failed'));
      expect(res.body.result.error_message).toMatch(/nested deeper than 64/);
    });

    it.each(['/api/sync-models', '/api/records/res.partner', '/api/web-services'])('%s: a deeply nested body is a 400', async (path) => {
      const res = await t
        .api()
        .post(path)
        .set('Content-Type', 'application/json')
        .send(`{"name": ${deep(200_000)}}`)
        .expect(400);
      expect(res.body.code).toBe('REQUEST.TOO_DEEP');
    });

    it('64 levels are still accepted (and then judged on their content)', async () => {
      const res = await t
        .api()
        .post('/api/records/res.partner')
        .set('Content-Type', 'application/json')
        .send(`{"name": ${deep(63)}}`)
        .expect(400);
      expect(res.body.code).toBe('RECORDS.INVALID_VALUES');
    });
  });

  describe('9 - signing secrets rotate and clear like the other secrets', () => {
    it('PATCH and PUT take a new signingSecret or null', async () => {
      const ws = await f.webService({ signingSecret: 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LTAx' });
      expect(ws.hasSigningSecret).toBe(true);
      const rotated = await t.api().patch(`/api/web-services/${ws.id}`).send({ signingSecret: 'another-secret-of-16+chars' }).expect(200);
      expect(rotated.body.hasSigningSecret).toBe(true);
      expect(JSON.stringify(rotated.body)).not.toContain('another-secret');
      const cleared = await t.api().put(`/api/web-services/${ws.id}`).send({ signingSecret: null }).expect(200);
      expect(cleared.body.hasSigningSecret).toBe(false);
      await t.api().patch(`/api/web-services/${ws.id}`).send({ signingSecret: 'short' }).expect(400);
    });
  });

  describe('10 - numeric external ids are exact or refused', () => {
    it('9007199254740993 is refused with 422 naming the field, and touches no record', async () => {
      await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Near", "unique_id": "9007199254740992"}')
        .expect(200);
      const res = await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Overwritten", "unique_id": 9007199254740993}')
        .expect(422);
      expect(res.body.result.error_message).toMatch(/^unique_id: .*exact/);
      const near = await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=', '9007199254740992')]" }).expect(200);
      expect(near.body.items.map((p: { name: string }) => p.name)).toEqual(['Near']);
    });

    it('1e400 is refused, not stored as "Infinity"', async () => {
      const res = await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Inf", "unique_id": 1e400}')
        .expect(422);
      expect(res.body.result.error_message).toMatch(/^unique_id: /);
      const inf = await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=', 'Infinity')]" }).expect(200);
      expect(inf.body.total).toBe(0);
    });

    it('a NUL byte in an external id or a text value is refused naming the field', async () => {
      const res = await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Nul", "unique_id": "A\\u0000B"}')
        .expect(422);
      expect(res.body.result.error_message).toMatch(/^unique_id: .*NUL/);
      const put = await sync()
        .put(`/sync/${code}/A%00B`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Nul"}')
        .expect(422);
      expect(put.body.result.error_message).toMatch(/^unique_id: .*NUL/);
      const api = await t.api().post('/api/records/res.partner').send({ name: 'a\u0000b' }).expect(400);
      expect(api.body.details).toEqual([expect.objectContaining({ field: 'name' })]);
    });

    it('safe integers still arrive exactly', async () => {
      const res = await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('{"name": "Safe", "unique_id": 9007199254740991}')
        .expect(200);
      expect(res.body.result.external_id).toBe('9007199254740991');
    });
  });

  describe('12 - smaller findings', () => {
    it('an invalid percent-encoding on /sync answers in the envelope', async () => {
      const res = await sync().put(`/sync/${code}/%E0%A4%A`).set('api_key', KEY).send({ name: 'x' }).expect(400);
      expect(res.body).toEqual(envelope('failed'));
    });

    it.each([
      ['application/x-www-form-urlencoded', 'name=x'],
      ['application/evil+json', '{"name": "x"}'],
      ['text/plain', '{"name": "x"}'],
    ])('the admin API refuses %s with 415', async (type, body) => {
      const before = (await t.api().get('/api/records/res.partner').expect(200)).body.total;
      const res = await t.api().post('/api/records/res.partner').set('Content-Type', type).send(body).expect(415);
      expect(res.body.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
      expect((await t.api().get('/api/records/res.partner').expect(200)).body.total).toBe(before);
    });

    it('a full-width ＝ at the start of a CSV cell is neutralised', async () => {
      await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send({ name: '＝HYPERLINK("http://evil.example")', unique_id: 'CSV-1' })
        .expect(200);
      const csv = await t.api().get('/api/change-log/export.csv').query({ externalId: 'CSV-1' }).expect(200);
      expect(csv.text).toContain(`"'＝HYPERLINK(""http://evil.example"")"`);
      expect(csv.text).not.toMatch(/,"?＝HYPERLINK/);
    });

    it('/sync still takes the seed form body labelled JSON', async () => {
      await sync()
        .post(`/sync/${code}/create`)
        .set('api_key', KEY)
        .set('Content-Type', 'application/json')
        .send('name=Form&unique_id=F-1')
        .expect(200);
    });

    it('POST /api/records/:model/search takes a domain longer than a URL can carry', async () => {
      await t.api().post('/api/records/res.partner').send({ name: 'Searchable', email: 'needle@example.com' }).expect(201);
      const names = Array.from({ length: 900 }, (_, i) => `'someone-number-${i}@example.com'`).join(', ');
      const domain = `[('email', 'in', [${names}, 'needle@example.com'])]`;
      expect(domain.length).toBeGreaterThan(20_000);
      const res = await t.api().post('/api/records/res.partner/search').send({ domain, limit: 5, order: 'name desc' }).expect(200);
      expect(res.body.items.map((p: { name: string }) => p.name)).toEqual(['Searchable']);
      expect(res.body.total).toBe(1);
      const bad = await t.api().post('/api/records/res.partner/search').send({ domain: "[('nope', '=', 1)]" }).expect(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'domain' })]);
      await t.api().post('/api/records/res.partner/search').send({ domain: '[]', offset: 1e20 }).expect(400);
      await t.api().post('/api/records/res.partner/search').send({ domain: '[]', extra: 1 }).expect(400);
    });
  });
});
