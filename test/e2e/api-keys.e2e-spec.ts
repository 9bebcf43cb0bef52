import { createHash } from 'node:crypto';
import { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeysService } from '../../src/api-keys/api-key.service';
import { createApp } from '../../src/bootstrap';
import { startTestApp, TestApp } from '../support/test-app';

const SEED_KEY = 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('API keys of the /sync routes (/api/settings/api-keys)', () => {
  let t: TestApp;
  let keys: ApiKeysService;
  beforeAll(async () => {
    t = await startTestApp();
    keys = t.app.get(ApiKeysService);
  });
  afterAll(() => t.close());

  const create = (body: object) => t.api().post('/api/settings/api-keys').send(body);

  it('generates a 32-character A-Z0-9 key, shown only in the 201 answer', async () => {
    const res = await create({ name: 'ERP production' }).expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'id', 'key', 'last4', 'lastUsedAt', 'name', 'syncModelCodes']);
    expect(res.body.key).toMatch(/^[A-Z0-9]{32}$/);
    expect(res.body).toMatchObject({ name: 'ERP production', last4: res.body.key.slice(-4), lastUsedAt: null });
    expect(new Date(res.body.createdAt).toISOString()).toBe(res.body.createdAt);
    const again = await create({ name: 'ERP production' }).expect(201);
    expect(again.body.key).not.toBe(res.body.key);
  });

  it('imports the key an external system already uses, and accepts it', async () => {
    const res = await create({ name: 'Legacy Odoo key', key: SEED_KEY }).expect(201);
    expect(res.body).toMatchObject({ key: SEED_KEY, last4: 'DP16' });
    await expect(keys.verify(SEED_KEY)).resolves.toEqual({ id: res.body.id, name: 'Legacy Odoo key', syncModelCodes: null });
  });

  it('refuses to import a key that is already registered (409 naming key)', async () => {
    const res = await create({ name: 'Again', key: SEED_KEY }).expect(409);
    expect(res.body).toMatchObject({ code: 'API_KEY.DUPLICATE', details: [{ field: 'key' }] });
  });

  it.each([
    ['too short', { name: 'k', key: 'short' }, 'key'],
    ['too long', { name: 'k', key: 'x'.repeat(129) }, 'key'],
    ['a space inside', { name: 'k', key: 'has a space' }, 'key'],
    ['non-ASCII', { name: 'k', key: 'clé-très-secrète' }, 'key'],
    ['not a string', { name: 'k', key: 12345678 }, 'key'],
    ['no name', {}, 'name'],
    ['empty name', { name: '' }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['name too long', { name: 'n'.repeat(129) }, 'name'],
    ['unknown property', { name: 'k', secret: 'x' }, 'secret'],
  ])('rejects %s with a 400 naming the field', async (_case, body, field) => {
    const before = (await t.api().get('/api/settings/api-keys')).body.length;
    const res = await create(body).expect(400);
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect((await t.api().get('/api/settings/api-keys')).body.length).toBe(before);
  });

  it('lists and reads keys without the key or its hash', async () => {
    const created = (await create({ name: 'Listed' }).expect(201)).body;
    const list = await t.api().get('/api/settings/api-keys').expect(200);
    const one = await t.api().get(`/api/settings/api-keys/${created.id}`).expect(200);
    expect(one.body).toEqual({
      id: created.id,
      name: 'Listed',
      last4: created.last4,
      createdAt: created.createdAt,
      lastUsedAt: null,
      syncModelCodes: null,
    });
    for (const body of [list.body, one.body]) {
      const json = JSON.stringify(body);
      expect(json).not.toContain(created.key);
      expect(json).not.toContain(sha256(created.key));
      expect(json).not.toContain(SEED_KEY);
    }
    expect(list.body).toEqual(expect.arrayContaining([one.body]));
    expect(list.body.every((k: object) => !('key' in k) && !('keyHash' in k))).toBe(true);
  });

  it('stores only the SHA-256 of a key', async () => {
    const created = (await create({ name: 'Hashed' }).expect(201)).body;
    const rows = await t.app.get(DataSource).query('SELECT * FROM sync_api_key WHERE id = ?', [created.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].key_hash).toBe(sha256(created.key));
    expect(JSON.stringify(rows[0])).not.toContain(created.key);
  });

  it('verifies presented keys and records when a key was last used', async () => {
    const created = (await create({ name: 'In use' }).expect(201)).body;
    await expect(keys.verify(created.key)).resolves.toEqual({ id: created.id, name: 'In use', syncModelCodes: null });
    const used = (await t.api().get(`/api/settings/api-keys/${created.id}`)).body.lastUsedAt;
    expect(Date.parse(used)).toBeGreaterThanOrEqual(Date.parse(created.createdAt));
    // A second use within a few seconds costs no write.
    await keys.verify(created.key);
    expect((await t.api().get(`/api/settings/api-keys/${created.id}`)).body.lastUsedAt).toBe(used);
  });

  it.each([
    ['unknown key', 'NOTAKEY0000000000000000000000000'],
    ['empty', ''],
    ['missing', undefined],
    ['the key in lower case', SEED_KEY.toLowerCase()],
    ['absurdly long', 'A'.repeat(10_000)],
  ])('turns away %s', async (_case, presented) => {
    await expect(keys.verify(presented)).resolves.toBeNull();
  });

  it('keeps several keys active at once and revokes one immediately (rotation)', async () => {
    const oldKey = (await create({ name: 'Old' }).expect(201)).body;
    const newKey = (await create({ name: 'New' }).expect(201)).body;
    expect(await keys.verify(oldKey.key)).not.toBeNull();
    expect(await keys.verify(newKey.key)).not.toBeNull();
    await t.api().delete(`/api/settings/api-keys/${oldKey.id}`).expect(204);
    // Revoked in this process at once, although the lookup was cached a moment ago.
    await expect(keys.verify(oldKey.key)).resolves.toBeNull();
    await expect(keys.verify(newKey.key)).resolves.toEqual({ id: newKey.id, name: 'New', syncModelCodes: null });
    await t.api().get(`/api/settings/api-keys/${oldKey.id}`).expect(404);
    const again = await t.api().delete(`/api/settings/api-keys/${oldKey.id}`).expect(404);
    expect(again.body.code).toBe('API_KEY.NOT_FOUND');
    await t.api().delete('/api/settings/api-keys/abc').expect(400);
  });

  it('requires the admin token', async () => {
    await t.http().get('/api/settings/api-keys').expect(401);
    await t.http().post('/api/settings/api-keys').send({ name: 'x' }).expect(401);
  });

  it('is described in the OpenAPI document', async () => {
    const res = await t.http().get('/docs/json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/settings/api-keys', '/api/settings/api-keys/{id}']));
  });
});

describe('API key revocation seen by another instance on the same database', () => {
  let t: TestApp;
  let other: INestApplication;
  beforeAll(async () => {
    t = await startTestApp();
    other = await createApp({ logger: false });
    await other.init();
  });
  afterAll(async () => {
    await other.close();
    await t.close();
  });

  it('stops working there within the cache TTL (5 s)', async () => {
    const created = (await t.api().post('/api/settings/api-keys').send({ name: 'Shared' }).expect(201)).body;
    const remote = other.get(ApiKeysService);
    expect(await remote.verify(created.key)).not.toBeNull();
    await t.api().delete(`/api/settings/api-keys/${created.id}`).expect(204);
    await new Promise((resolve) => setTimeout(resolve, 5_100));
    await expect(remote.verify(created.key)).resolves.toBeNull();
  });
});
