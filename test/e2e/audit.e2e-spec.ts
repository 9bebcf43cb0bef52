/**
 * The audit trail (issue 15 point 4): every admin write is recorded with when, who (the admin token and the
 * client's address, or the CLI), the action, the resource and a diff without secrets, in the write's own
 * transaction (a refused write records nothing); GET /api/audit pages and filters it, validated.
 */
import { ApiKeysService } from '../../src/api-keys/api-key.service';
import { FlappingRepository } from '../../src/flapping/flapping.repository';
import { CON_FIELDS, CON_MAPPINGS, Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Entry = {
  id: number;
  at: string;
  actor: string;
  client: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  label: string | null;
  diff: Record<string, { from?: unknown; to?: unknown }>;
};

const PASSWORD = 'audit-password-never-shown';
const API_KEY = 'audit-api-key-never-shown';
const SIGNING = 'audit-signing-secret-0123456789';
const IMPORTED_KEY = 'AUDITIMPORTEDKEY0123456789';

describe('audit trail (/api/audit)', () => {
  let t: TestApp;
  let f: Factory;
  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
  });
  afterAll(() => t.close());

  const entries = async (query: Record<string, string | number> = {}): Promise<Entry[]> =>
    (
      await t
        .api()
        .get('/api/audit')
        .query({ limit: 500, ...query })
        .expect(200)
    ).body.items;
  const latest = async () => (await entries({ limit: 1 }))[0];

  it('records creating, changing and deleting a web service: actor, client, diff, secrets only as set/unset', async () => {
    const created = (
      await t
        .api()
        .post('/api/web-services')
        .send({
          name: 'Audited',
          url: 'http://127.0.0.1:9/A',
          needsAuthentication: true,
          authMode: 'user_password',
          username: 'odoo',
          password: PASSWORD,
          signingSecret: SIGNING,
        })
        .expect(201)
    ).body;
    const create = await latest();
    expect(create).toMatchObject({
      actor: 'admin-token',
      action: 'create',
      resourceType: 'web-service',
      resourceId: String(created.id),
      label: 'Audited',
    });
    expect(create.client).toMatch(/127\.0\.0\.1/);
    expect(Date.now() - new Date(create.at).getTime()).toBeLessThan(60_000);
    expect(create.diff).toMatchObject({ name: { to: 'Audited' }, passwordEncrypted: { to: '[secret]' }, username: { to: 'odoo' } });

    await t.api().patch(`/api/web-services/${created.id}`).send({ timeoutMs: 5000, authMode: 'api_key', apiKey: API_KEY }).expect(200);
    const update = await latest();
    expect(update).toMatchObject({ action: 'update', resourceType: 'web-service', resourceId: String(created.id) });
    expect(update.diff).toMatchObject({
      timeoutMs: { from: 10000, to: 5000 },
      authMode: { from: 'user_password', to: 'api_key' },
      apiKeyEncrypted: { from: null, to: '[secret]' },
    });
    expect(update.diff.name).toBeUndefined();

    await t.api().delete(`/api/web-services/${created.id}`).expect(204);
    expect(await latest()).toMatchObject({
      action: 'delete',
      resourceType: 'web-service',
      label: 'Audited',
      diff: { name: { from: 'Audited' } },
    });
  });

  it('records sync models, sync objects, settings, records, retries and a config import, each with its resource', async () => {
    const sm = (await t.api().post('/api/sync-models').send({ name: 'Contact', code: 'AUD', fields: CON_FIELDS }).expect(201)).body;
    await t.api().patch(`/api/sync-models/${sm.id}`).send({ name: 'Contacts' }).expect(200);
    const object = await f.contactObject({ name: 'Audited object', syncModelId: sm.id });
    await t.api().patch(`/api/sync-objects/${object.id}`).send({ limit: 7 }).expect(200);
    await t.api().put('/api/settings').send({ logRetentionDays: 12 }).expect(200);
    const partner = (await t.api().post('/api/records/res.partner').send({ name: 'Audited partner' }).expect(201)).body;
    await t.api().put(`/api/records/res.partner/${partner.id}`).send({ name: 'Renamed partner' }).expect(200);
    await t.api().delete(`/api/records/res.partner/${partner.id}`).expect(204);
    await t.api().post('/api/outbox/retry').send({}).expect(200);
    // A run without the mass-change guard (its release of a held run: test/e2e/guard.e2e-spec.ts).
    await t.api().post(`/api/sync-objects/${object.id}/run`).send({ bypassGuard: true }).expect(200);
    const exported = (await t.api().get('/api/config/export').expect(200)).body;
    await t.api().post('/api/config/import').send(exported).expect(200);
    await t.api().delete(`/api/sync-objects/${object.id}`).expect(204);

    const trail = (await entries()).map((e) => `${e.action} ${e.resourceType}`);
    for (const expected of [
      'create sync-model',
      'update sync-model',
      'create sync-object',
      'update sync-object',
      'update settings',
      'create record',
      'update record',
      'delete record',
      'retry outbox-row',
      'run sync-object',
      'import config',
      'delete sync-object',
    ])
      expect(trail).toContain(expected);
    expect((await entries({ resourceType: 'sync-model', resourceId: String(sm.id) }))[1].diff).toEqual({
      name: { from: 'Contact', to: 'Contacts' },
    });
    // Oldest first of this object's updates: the PATCH (the import's update, newer, changed nothing).
    expect((await entries({ resourceType: 'sync-object', resourceId: String(object.id), action: 'update' })).at(-1)!.diff).toEqual({
      limit: { from: 100, to: 7 },
    });
    expect((await entries({ resourceType: 'settings' }))[0].diff).toMatchObject({ logRetentionDays: { to: 12 } });
    expect((await entries({ resourceType: 'record', action: 'update' }))[0]).toMatchObject({
      resourceId: `res.partner/${partner.id}`,
      diff: { name: { to: 'Renamed partner' } },
    });
    // The import's items are recorded with it, in its transaction.
    const imported = await entries({ action: 'import' });
    expect(imported[0].diff).toMatchObject({ updated: { to: { syncModels: 1, syncObjects: 1 } } });
  });

  it('records releasing a flapping record, with the pinned side and what it did', async () => {
    const object = await f.contactObject({ name: 'Flapping object', direction: 'bidirectional' });
    const partner = (await t.api().post('/api/records/res.partner').send({ name: 'Flapping partner' }).expect(201)).body;
    // Flagged directly: making a record flap takes two live systems (test/e2e/flapping.e2e-spec.ts does).
    await t.app.get(FlappingRepository).save({
      syncObjectId: object.id,
      recordId: partner.id,
      externalId: 'AUD-F',
      events: [],
      flaggedAt: new Date(),
      flips: [{ field: 'email', recent: [] }],
      heldInbound: null,
      updatedAt: new Date(),
    } as never);
    await t.api().post(`/api/sync-objects/${object.id}/flapping/${partner.id}/release`).send({ pin: 'odoo' }).expect(200);
    const [entry] = await entries({ resourceType: 'flapping-record' });
    expect(entry).toMatchObject({ action: 'release', resourceId: `${object.id}/${partner.id}`, label: `res.partner ${partner.id}` });
    expect(entry.diff).toMatchObject({ pin: { to: 'odoo' }, fields: { to: ['email'] }, outboxQueued: { to: expect.any(Number) } });
  });

  it('records generating, importing and revoking API keys, never the key', async () => {
    const generated = (await t.api().post('/api/settings/api-keys').send({ name: 'Generated' }).expect(201)).body;
    const imported = (await t.api().post('/api/settings/api-keys').send({ name: 'Imported', key: IMPORTED_KEY }).expect(201)).body;
    await t.api().delete(`/api/settings/api-keys/${generated.id}`).expect(204);
    const keys = await entries({ resourceType: 'api-key' });
    expect(keys.map((e) => `${e.action} ${e.label}`)).toEqual(['revoke Generated', 'import Imported', 'generate Generated']);
    expect(keys[2].diff).toMatchObject({ keyHash: { to: '[secret]' }, last4: { to: generated.key.slice(-4) } });
    const text = JSON.stringify(await entries());
    for (const secret of [PASSWORD, API_KEY, SIGNING, IMPORTED_KEY, generated.key]) expect(text).not.toContain(secret);
    expect(imported.id).toBeGreaterThan(0);
  });

  it('records nothing for a refused write', async () => {
    const before = (await t.api().get('/api/audit').expect(200)).body.total;
    await t.api().post('/api/web-services').send({ name: 'Broken', url: 'not a url' }).expect(400);
    await t.api().post('/api/sync-models').send({ name: 'Dup', code: 'AUD', fields: [] }).expect(409);
    const bad = { version: 1, webServices: [{ name: 'Half', url: 'http://127.0.0.1:9/H' }], syncModels: [], syncObjects: [{ name: 'x' }] };
    expect((await t.api().post('/api/config/import').send(bad)).status).toBe(400);
    await t.api().post('/api/settings/api-keys').send({ name: 'x', key: IMPORTED_KEY }).expect(409);
    expect((await t.api().get('/api/audit').expect(200)).body.total).toBe(before);
  });

  it('records a write made in-process without an HTTP call as the CLI', async () => {
    await t.app.get(ApiKeysService).create({ name: 'From the CLI' });
    expect(await latest()).toMatchObject({ actor: 'cli', client: null, action: 'generate', label: 'From the CLI' });
  });

  it('pages newest first and validates its query, naming the field', async () => {
    const all = (await t.api().get('/api/audit').expect(200)).body;
    const page = (await t.api().get('/api/audit').query({ limit: 2, offset: 1 }).expect(200)).body;
    expect(page.total).toBe(all.total);
    expect(page.items.map((e: Entry) => e.id)).toEqual(all.items.slice(1, 3).map((e: Entry) => e.id));
    expect(all.items[0].id).toBeGreaterThan(all.items[1].id);
    for (const [query, field] of [
      [{ resourceType: 'planet' }, 'resourceType'],
      [{ action: 'explode' }, 'action'],
      [{ limit: 0 }, 'limit'],
      [{ offset: '1e20' }, 'offset'],
    ] as const) {
      const res = await t.api().get('/api/audit').query(query).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    await t.http().get('/api/audit').expect(401);
  });

  it('names no secret in any answer even for a sync object with its mappings', async () => {
    const entry = (await entries({ resourceType: 'sync-object', action: 'create' }))[0];
    expect(entry.diff.fields.to).toEqual(
      expect.arrayContaining(CON_MAPPINGS.map((m) => expect.objectContaining({ odooField: m.odooField }))),
    );
  });

  it('records a re-apply of failed inbound changes (not its preview)', async () => {
    const key = 'AUDITREAPPLYKEY0123456789';
    await f.apiKey(key);
    const sm = (await t.api().post('/api/sync-models').send({ name: 'Contact', code: 'AUDR', fields: CON_FIELDS }).expect(201)).body;
    const object = await f.contactObject({ name: 'Re-applied object', syncModelId: sm.id });
    // A country Synchro does not know: the change fails, and fails again when re-applied.
    await t.http().post('/sync/AUDR/create').set('api_key', key).send({ name: 'X', unique_id: 'AUD-R1', country: 'QQ' }).expect(422);
    await t.api().post('/api/change-log/reapply').send({ syncObjectId: object.id, preview: true }).expect(200);
    expect(await entries({ action: 'reapply' })).toHaveLength(0);
    await t.api().post('/api/change-log/reapply').send({ syncObjectId: object.id }).expect(200);
    expect((await entries({ action: 'reapply' }))[0]).toMatchObject({ resourceType: 'change-log', actor: 'admin-token' });
    await t.api().delete(`/api/sync-objects/${object.id}`).expect(204);
  });
});
