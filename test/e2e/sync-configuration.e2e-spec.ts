import { CON_FIELDS, CON_MAPPINGS, Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { wallClock } from '../support/wall-clock';

describe('sync models and sync objects (/api/sync-models, /api/sync-objects)', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL: 'http://synchro.example:8071' });
    f = new Factory(t);
  });
  afterAll(() => t.close());

  describe('sync models', () => {
    it('creates, reads, updates and lists a sync model', async () => {
      const created = await t.api().post('/api/sync-models').send({ name: 'Contact', code: 'CON', fields: CON_FIELDS }).expect(201);
      expect(created.body).toMatchObject({ name: 'Contact', code: 'CON', fields: CON_FIELDS });
      const patched = await t.api().patch(`/api/sync-models/${created.body.id}`).send({ name: 'Contacto' }).expect(200);
      expect(patched.body).toMatchObject({ name: 'Contacto', code: 'CON' });
      const list = await t.api().get('/api/sync-models').expect(200);
      expect(list.body.map((m: { code: string }) => m.code)).toContain('CON');
      await t.api().get(`/api/sync-models/${created.body.id}`).expect(200);
    });

    it.each([
      ['code with a slash', { name: 'X', code: 'A/B', fields: [] }, 'code'],
      ['unknown field type', { name: 'X', code: 'X1', fields: [{ name: 'a', code: 'a', type: 'money' }] }, 'fields.0.type'],
      ['missing name', { code: 'X2', fields: [] }, 'name'],
      ['duplicate field name', { name: 'X', code: 'X3', fields: [CON_FIELDS[0], CON_FIELDS[0]] }, 'fields.1.name'],
      ['unknown property', { name: 'X', code: 'X4', fields: [], colour: 'red' }, 'colour'],
    ])('rejects %s naming %s', async (_case, body, field) => {
      const res = await t.api().post('/api/sync-models').send(body).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('refuses a duplicate code, whatever its case', async () => {
      await t.api().post('/api/sync-models').send({ name: 'P', code: 'PRD', fields: [] }).expect(201);
      const res = await t.api().post('/api/sync-models').send({ name: 'P2', code: 'prd', fields: [] }).expect(409);
      expect(res.body.details[0].field).toBe('code');
    });
  });

  describe('sync objects', () => {
    afterEach(() => f.removeObjects());

    it("creates the seed's Contact object with defaults, a schedule and the endpoint table", async () => {
      const ws = await f.webService();
      const sm = await f.syncModel({ code: 'CONX' });
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({
          name: 'Contacto - ENT',
          direction: 'bidirectional',
          mode: 'cron',
          webServiceId: ws.id,
          syncModelId: sm.id,
          odooModel: 'res.partner',
          odooRefField: 'x_sys_id',
          externalRefField: 'unique_id',
          domain: "[('customer', '=', True)]",
          limit: 10,
          fields: CON_MAPPINGS,
          schedule: { interval: 2, unit: 'hours' },
        })
        .expect(201);
      expect(res.body).toMatchObject({
        name: 'Contacto - ENT',
        priority: 'odoo',
        propagateDeletes: false,
        active: true,
        limit: 10,
        syncModelCode: 'CONX',
        schedule: { interval: 2, unit: 'hours' },
        endpoints: [
          { action: 'create', method: 'POST', url: 'http://synchro.example:8071/sync/CONX/create', active: true },
          { action: 'write', method: 'PUT', url: 'http://synchro.example:8071/sync/CONX/<external_id>', active: true },
          { action: 'unlink', method: 'DELETE', url: 'http://synchro.example:8071/sync/CONX/<external_id>', active: true },
        ],
      });
      const next = Date.parse(res.body.nextRunAt);
      expect(next).toBeGreaterThan(Date.now() + 2 * 3600_000 - 60_000);
      expect(res.body.fields[2]).toEqual({ odooField: 'country_id', externalField: 'country', referenceField: 'code', direction: 'both' });
      expect(res.body.fields[0]).toEqual({ odooField: 'name', externalField: 'name', referenceField: null, direction: 'both' });
    });

    it('takes a cron expression in a time zone, or months, and switches between the two', async () => {
      const cron = await f.contactObject({ mode: 'cron', schedule: { cron: '0 2 * * 1-5', timezone: 'Europe/Madrid' } });
      expect(cron.schedule).toEqual({ cron: '0 2 * * 1-5', timezone: 'Europe/Madrid' });
      const next = cron.nextRunAt as string;
      expect(wallClock(next, 'Europe/Madrid')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 02:00$/);
      expect(Date.parse(next)).toBeGreaterThan(Date.now());
      expect(Date.parse(next)).toBeLessThanOrEqual(Date.now() + 4 * 86_400_000);
      expect((await t.api().get(`/api/sync-objects/${cron.id}`).expect(200)).body.schedule).toEqual(cron.schedule);

      const utc = await f.contactObject({ mode: 'cron', schedule: { cron: '30 6 * * *' } });
      expect(utc.schedule).toEqual({ cron: '30 6 * * *', timezone: 'UTC' });
      expect(new Date(utc.nextRunAt as string).toISOString()).toMatch(/T06:30:00\.000Z$/);

      const before = Date.now();
      const monthly = await t
        .api()
        .patch(`/api/sync-objects/${cron.id}`)
        .send({ schedule: { interval: 1, unit: 'months' } })
        .expect(200);
      expect(monthly.body.schedule).toEqual({ interval: 1, unit: 'months' });
      const inAMonth = new Date(before);
      inAMonth.setUTCMonth(inAMonth.getUTCMonth() + 1);
      expect(Math.abs(Date.parse(monthly.body.nextRunAt) - inAMonth.getTime())).toBeLessThan(3 * 86_400_000);
      expect(Date.parse(monthly.body.nextRunAt)).toBeGreaterThan(before + 27 * 86_400_000);
    });

    it('switches one endpoint off without touching the others', async () => {
      const object = await f.contactObject();
      const res = await t
        .api()
        .patch(`/api/sync-objects/${object.id}`)
        .send({ endpoints: [{ action: 'unlink', active: false }] })
        .expect(200);
      expect(res.body.endpoints.map((e: { active: boolean }) => e.active)).toEqual([true, true, false]);
      const again = await t.api().get(`/api/sync-objects/${object.id}`).expect(200);
      expect(again.body.endpoints[2].active).toBe(false);
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['unregistered model', { odooModel: 'sale.order' }, 'odooModel'],
      ['unknown odoo field', { fields: [...CON_MAPPINGS, { odooField: 'nickname', externalField: 'email' }] }, 'fields.7.odooField'],
      [
        'unknown external field',
        {
          fields: [
            { odooField: 'x_sys_id', externalField: 'unique_id' },
            { odooField: 'phone', externalField: 'mobile' },
          ],
        },
        'fields.1.externalField',
      ],
      [
        'reference field on a scalar',
        {
          fields: [
            { odooField: 'x_sys_id', externalField: 'unique_id' },
            { odooField: 'email', externalField: 'email', referenceField: 'code' },
          ],
        },
        'fields.1.referenceField',
      ],
      [
        'reference field missing on target',
        {
          fields: [
            { odooField: 'x_sys_id', externalField: 'unique_id' },
            { odooField: 'country_id', externalField: 'country', referenceField: 'iso' },
          ],
        },
        'fields.1.referenceField',
      ],
      ['external id pair not mapped', { fields: [{ odooField: 'name', externalField: 'name' }] }, 'fields'],
      ['bad domain', { domain: "[('nope', '=', 1)]" }, 'domain'],
      ['limit 0', { limit: 0 }, 'limit'],
      ['limit too big', { limit: 10001 }, 'limit'],
      ['bad direction', { direction: 'sideways' }, 'direction'],
      ['bad mode', { mode: 'Via Cron' }, 'mode'],
      ['bad priority', { priority: 'both' }, 'priority'],
      ['bad schedule unit', { schedule: { interval: 1, unit: 'years' } }, 'schedule.unit'],
      ['bad cron expression', { schedule: { cron: '61 * * * *', timezone: 'Europe/Madrid' } }, 'schedule.cron'],
      ['cron with four fields', { schedule: { cron: '0 2 * *' } }, 'schedule.cron'],
      ['cron matching no date', { schedule: { cron: '0 0 31 2 *' } }, 'schedule.cron'],
      ['cron not a string', { schedule: { cron: 5 } }, 'schedule.cron'],
      ['unknown time zone', { schedule: { cron: '0 2 * * 1-5', timezone: 'Europe/Atlantis' } }, 'schedule.timezone'],
      ['time zone without cron', { schedule: { interval: 1, unit: 'days', timezone: 'Europe/Madrid' } }, 'schedule.timezone'],
      ['interval and cron together', { schedule: { interval: 1, unit: 'days', cron: '0 2 * * *' } }, 'schedule.interval'],
      ['neither interval nor cron', { schedule: {} }, 'schedule.interval'],
      ['missing web service', { webServiceId: 999999 }, 'webServiceId'],
      ['missing sync model', { syncModelId: 999999 }, 'syncModelId'],
    ])('rejects %s naming %s, writing nothing', async (_case, overrides, field) => {
      const before = (await t.api().get('/api/sync-objects')).body.length;
      const ws = await f.webService();
      const sm = await f.syncModel();
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({
          name: `bad-${field}`,
          direction: 'external_to_odoo',
          mode: 'realtime',
          odooModel: 'res.partner',
          odooRefField: 'x_sys_id',
          externalRefField: 'unique_id',
          fields: CON_MAPPINGS,
          webServiceId: ws.id,
          syncModelId: sm.id,
          ...overrides,
        })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      expect((await t.api().get('/api/sync-objects')).body.length).toBe(before);
    });

    it('needs a shipping URL on the web service to send to the external system', async () => {
      const inboundOnly = await f.webService({ shippingUrl: null });
      await f.contactObject({ webServiceId: inboundOnly.id, direction: 'external_to_odoo' });
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send({ ...baseObject(inboundOnly.id, (await f.syncModel()).id), direction: 'odoo_to_external' })
        .expect(400);
      expect(res.body.details[0].field).toBe('webServiceId');
    });

    it('allows one active inbound object per sync-model code', async () => {
      const sm = await f.syncModel();
      const first = await f.contactObject({ syncModelId: sm.id });
      const res = await t
        .api()
        .post('/api/sync-objects')
        .send(baseObject((await f.webService()).id, sm.id))
        .expect(409);
      expect(res.body.message).toContain(String(first.name));
      // An outbound-only object on the same code is fine, and so is the same once the first is inactive.
      await f.contactObject({ syncModelId: sm.id, direction: 'odoo_to_external' });
      await t.api().patch(`/api/sync-objects/${first.id}`).send({ active: false }).expect(200);
      await f.contactObject({ syncModelId: sm.id });
    });

    it('refuses to delete a web service or sync model an object uses, naming the object', async () => {
      const object = await f.contactObject();
      const full = (await t.api().get(`/api/sync-objects/${object.id}`)).body;
      const ws = await t.api().delete(`/api/web-services/${full.webServiceId}`).expect(409);
      expect(ws.body.message).toContain(full.name);
      const sm = await t.api().delete(`/api/sync-models/${full.syncModelId}`).expect(409);
      expect(sm.body.message).toContain(full.name);
      await t.api().delete(`/api/sync-objects/${object.id}`).expect(204);
      await t.api().delete(`/api/sync-models/${full.syncModelId}`).expect(204);
      await t.api().delete(`/api/web-services/${full.webServiceId}`).expect(204);
    });

    it('refuses to drop a sync-model field an active object maps (409 naming the objects and mappings)', async () => {
      const sm = await f.syncModel();
      const object = await f.contactObject({ syncModelId: sm.id, direction: 'odoo_to_external' });
      const withoutEmail = CON_FIELDS.filter((field) => field.name !== 'email');
      const res = await t.api().patch(`/api/sync-models/${sm.id}`).send({ fields: withoutEmail }).expect(409);
      expect(res.body).toMatchObject({ code: 'SYNC_MODEL.FIELD_IN_USE', details: [{ field: 'fields' }] });
      expect(res.body.message).toContain(`"${object.name}" fields.4 (email ↔ email)`);
      expect(res.body.details[0].problem).toContain(`sync object "${object.name}" (id ${object.id}) at fields.4`);
      const unique = await t
        .api()
        .put(`/api/sync-models/${sm.id}`)
        .send({ fields: CON_FIELDS.filter((field) => field.name !== 'unique_id') })
        .expect(409);
      expect(unique.body.message).toContain('externalRefField (unique_id)');
      expect((await t.api().get(`/api/sync-models/${sm.id}`)).body.fields).toEqual(CON_FIELDS);
      // Adding a field is fine; so is dropping one once the object stops mapping it, or is inactive.
      await t
        .api()
        .patch(`/api/sync-models/${sm.id}`)
        .send({ fields: [...CON_FIELDS, { name: 'phone', code: 'phone', type: 'char' }] })
        .expect(200);
      await t
        .api()
        .patch(`/api/sync-objects/${object.id}`)
        .send({ fields: CON_MAPPINGS.filter((m) => m.externalField !== 'email') })
        .expect(200);
      await t.api().patch(`/api/sync-models/${sm.id}`).send({ fields: withoutEmail }).expect(200);
      await t.api().patch(`/api/sync-objects/${object.id}`).send({ active: false }).expect(200);
      await t
        .api()
        .patch(`/api/sync-models/${sm.id}`)
        .send({ fields: withoutEmail.filter((field) => field.name !== 'tags') })
        .expect(200);
      // ...and the inactive object cannot come back with the mapping the model lost.
      const back = await t.api().patch(`/api/sync-objects/${object.id}`).send({ active: true }).expect(400);
      expect(back.body.details.map((d: { field: string }) => d.field)).toContain('fields.5.externalField');
    });

    it('re-validates partial updates as a whole', async () => {
      const object = await f.contactObject();
      const res = await t.api().patch(`/api/sync-objects/${object.id}`).send({ externalRefField: 'email' }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain('fields');
      await t.api().patch(`/api/sync-objects/${object.id}`).send({ name: 'Renamed contact sync' }).expect(200);
      await t.api().get('/api/sync-objects/424242').expect(404);
    });
  });
});

function baseObject(webServiceId: number, syncModelId: number) {
  return {
    name: `obj-${webServiceId}-${syncModelId}-${Math.random()}`,
    direction: 'external_to_odoo',
    mode: 'realtime',
    odooModel: 'res.partner',
    odooRefField: 'x_sys_id',
    externalRefField: 'unique_id',
    fields: CON_MAPPINGS,
    webServiceId,
    syncModelId,
  };
}
