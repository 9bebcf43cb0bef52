import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Moving a configuration from staging to production: GET /api/config/export, POST /api/config/import. */
describe('config export/import', () => {
  let staging: TestApp;
  let production: TestApp;
  let document: Record<string, unknown>;
  const PASSWORD = 'staging-secret-pw';

  beforeAll(async () => {
    staging = await startTestApp();
    const ws = await staging
      .api()
      .post('/api/web-services')
      .send({
        name: 'Customers',
        url: 'http://127.0.0.1:9/CON',
        shippingUrl: 'http://127.0.0.1:9/CON',
        needsAuthentication: true,
        authMode: 'user_password',
        username: 'odoo',
        password: PASSWORD,
      })
      .expect(201);
    const sm = await staging.api().post('/api/sync-models').send({ name: 'Contact', code: 'CON', fields: CON_FIELDS }).expect(201);
    await staging
      .api()
      .post('/api/sync-objects')
      .send({
        name: 'Contacto - ENT',
        direction: 'bidirectional',
        mode: 'cron',
        webServiceId: ws.body.id,
        syncModelId: sm.body.id,
        odooModel: 'res.partner',
        externalRefField: 'unique_id',
        fields: CON_MAPPINGS,
        domain: "[('customer', '=', True)]",
        schedule: { interval: 10, unit: 'minutes' },
        endpoints: [{ action: 'unlink', active: false }],
      })
      .expect(201);
    document = (await staging.api().get('/api/config/export').expect(200)).body;
    await staging.close();
    production = await startTestApp();
  });
  afterAll(() => production.close());

  it('exports web services without secrets, and objects referring to them by name and code', () => {
    expect(JSON.stringify(document)).not.toContain(PASSWORD);
    expect(document).toMatchObject({
      version: 1,
      webServices: [{ name: 'Customers', authMode: 'user_password', username: 'odoo' }],
      syncModels: [{ code: 'CON', fields: CON_FIELDS }],
      syncObjects: [{ name: 'Contacto - ENT', webService: 'Customers', syncModel: 'CON', schedule: { interval: 10, unit: 'minutes' } }],
    });
    expect((document.webServices as object[])[0]).not.toHaveProperty('password');
    expect((document.syncObjects as { endpoints: { active: boolean }[] }[])[0].endpoints.map((e) => e.active)).toEqual([true, true, false]);
  });

  it('imports into another installation, warning about the secret it cannot carry', async () => {
    const res = await production.api().post('/api/config/import').send(document).expect(200);
    expect(res.body.created).toEqual({ webServices: 1, syncModels: 1, syncObjects: 1 });
    expect(res.body.warnings).toEqual([expect.stringContaining('no password')]);
    const objects = (await production.api().get('/api/sync-objects').expect(200)).body;
    const ws = (await production.api().get('/api/web-services').expect(200)).body[0];
    expect(objects[0]).toMatchObject({
      name: 'Contacto - ENT',
      webServiceId: ws.id,
      syncModelCode: 'CON',
      domain: "[('customer', '=', True)]",
    });
    expect(ws.hasPassword).toBe(false);
  });

  it('re-importing updates by name and code, and keeps a secret set since', async () => {
    const ws = (await production.api().get('/api/web-services').expect(200)).body[0];
    await production.api().patch(`/api/web-services/${ws.id}`).send({ password: 'prod-secret-pw' }).expect(200);
    const res = await production.api().post('/api/config/import').send(document).expect(200);
    expect(res.body).toEqual({
      created: { webServices: 0, syncModels: 0, syncObjects: 0 },
      updated: { webServices: 1, syncModels: 1, syncObjects: 1 },
      warnings: [],
    });
    expect((await production.api().get(`/api/web-services/${ws.id}`)).body.hasPassword).toBe(true);
    expect((await production.api().get('/api/sync-objects')).body).toHaveLength(1);
  });

  it('applies all or nothing: one bad object rejects the whole document, naming where', async () => {
    const bad = structuredClone(document) as {
      webServices: { name: string }[];
      syncObjects: { name: string; fields: { odooField: string }[] }[];
    };
    bad.webServices.push({ ...bad.webServices[0], name: 'Brand new service' });
    bad.syncObjects.push({
      ...bad.syncObjects[0],
      name: 'Broken object',
      fields: [{ ...bad.syncObjects[0].fields[0], odooField: 'nickname' }],
    });
    const res = await production.api().post('/api/config/import').send(bad).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('syncObjects.1.fields.0.odooField');
    const names = (await production.api().get('/api/web-services')).body.map((w: { name: string }) => w.name);
    expect(names).not.toContain('Brand new service');
    expect((await production.api().get('/api/sync-objects')).body).toHaveLength(1);
  });

  it("drops a sync-model field only together with the objects' mappings of it (else 409, nothing applied)", async () => {
    const current = (await production.api().get('/api/config/export').expect(200)).body;
    const dropEmail = structuredClone(current);
    dropEmail.syncModels[0].fields = dropEmail.syncModels[0].fields.filter((field: { name: string }) => field.name !== 'email');
    const refused = await production.api().post('/api/config/import').send(dropEmail).expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toContain('syncObjects.0.fields.4.externalField');
    // An object outside the document that maps the field blocks the drop too (409 naming it).
    const [object] = (await production.api().get('/api/sync-objects').expect(200)).body;
    const withoutObjects = { ...dropEmail, syncObjects: [] };
    const conflict = await production.api().post('/api/config/import').send(withoutObjects).expect(409);
    expect(conflict.body).toMatchObject({ code: 'SYNC_MODEL.FIELD_IN_USE', details: [{ field: 'syncModels.0.fields' }] });
    expect(conflict.body.message).toContain(`"${object.name}" fields.4 (email ↔ email)`);
    expect((await production.api().get('/api/config/export')).body.syncModels[0].fields).toEqual(current.syncModels[0].fields);
    // With the object's mapping of it gone in the same document, the import applies.
    const both = structuredClone(dropEmail);
    both.syncObjects[0].fields = both.syncObjects[0].fields.filter((m: { externalField: string }) => m.externalField !== 'email');
    await production.api().post('/api/config/import').send(both).expect(200);
    const after = (await production.api().get('/api/config/export')).body;
    expect(after.syncModels[0].fields.map((field: { name: string }) => field.name)).not.toContain('email');
    await production.api().post('/api/config/import').send(current).expect(200);
  });

  it('rejects a malformed document and unknown references, naming the field', async () => {
    const res = await production
      .api()
      .post('/api/config/import')
      .send({ version: 2, webServices: [], syncModels: [], syncObjects: [] })
      .expect(400);
    expect(res.body.details[0].field).toBe('version');
    const dangling = {
      ...document,
      webServices: [],
      syncObjects: [{ ...(document.syncObjects as object[])[0], webService: 'Nope', name: 'Dangling' }],
    };
    const res2 = await production.api().post('/api/config/import').send(dangling).expect(400);
    expect(res2.body.details[0].field).toBe('syncObjects.0.webService');
  });

  it('carries cron-expression and monthly schedules both ways, and validates them on import', async () => {
    const [object] = (await production.api().get('/api/sync-objects').expect(200)).body;
    const cron = { cron: '0 2 * * 1-5', timezone: 'Europe/Madrid' };
    await production.api().patch(`/api/sync-objects/${object.id}`).send({ schedule: cron }).expect(200);
    const exported = (await production.api().get('/api/config/export').expect(200)).body;
    expect(exported.syncObjects[0].schedule).toEqual(cron);

    const monthly = structuredClone(exported);
    monthly.syncObjects[0].schedule = { interval: 2, unit: 'months' };
    await production.api().post('/api/config/import').send(monthly).expect(200);
    expect((await production.api().get(`/api/sync-objects/${object.id}`)).body.schedule).toEqual({ interval: 2, unit: 'months' });

    await production.api().post('/api/config/import').send(exported).expect(200);
    expect((await production.api().get(`/api/sync-objects/${object.id}`)).body.schedule).toEqual(cron);

    const bad = structuredClone(exported);
    bad.syncObjects[0].schedule = { cron: '0 2 * * 1-5', timezone: 'Nowhere/Land' };
    const res = await production.api().post('/api/config/import').send(bad).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain('syncObjects.0.schedule.timezone');
    expect((await production.api().get(`/api/sync-objects/${object.id}`)).body.schedule).toEqual(cron);
  });
});
