import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/bootstrap';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

describe('platform: auth, health, docs, errors', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('answers /health without auth and checks the database', async () => {
    const res = await t.http().get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: t.db.kind });
  });

  it('serves OpenAPI at /docs without auth', async () => {
    const res = await t.http().get('/docs/json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/records/{model}', '/api/records/{model}/{id}', '/health']));
    await t.http().get('/docs').expect(200);
  });

  it.each([
    ['no header', undefined, 'AUTH.MISSING_TOKEN'],
    ['wrong token', `Bearer ${TEST_ADMIN_TOKEN}x`, 'AUTH.BAD_TOKEN'],
    ['not bearer', `Basic ${TEST_ADMIN_TOKEN}`, 'AUTH.MISSING_TOKEN'],
  ])('guards /api with the admin token: %s → 401 JSON', async (_case, header, code) => {
    const req = t.http().get('/api/records/res.partner');
    const res = await (header ? req.set('Authorization', header) : req).expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, code });
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await t.api().post('/api/records/res.partner').set('Content-Type', 'application/json').send('{"name": ').expect(400);
    expect(res.body.code).toBe('REQUEST.MALFORMED_BODY');
  });

  it('answers an oversized body with 413', async () => {
    const res = await t
      .api()
      .post('/api/records/res.partner')
      .send({ name: 'x'.repeat(1024 * 1024 + 10) })
      .expect(413);
    expect(res.body.code).toBe('REQUEST.TOO_LARGE');
  });

  it('answers unknown routes with the same JSON error shape', async () => {
    const res = await t.api().get('/api/nothing-here').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, code: 'ROUTE.NOT_FOUND' });
  });

  it('restarts on a migrated database without re-running migrations', async () => {
    const again = await createApp({ logger: false });
    await again.init();
    await request(again.getHttpServer()).get('/health').expect(200);
    await again.close();
  });
});

describe('first start without ADMIN_TOKEN', () => {
  it('generates a strong token into the data folder (mode 0600) and accepts it', async () => {
    const t = await startTestApp();
    try {
      delete process.env.ADMIN_TOKEN;
      const fresh = await createApp({ logger: false });
      await fresh.init();
      const file = path.join(t.db.dataDir, 'admin-token');
      const token = fs.readFileSync(file, 'utf8').trim();
      expect(token.length).toBeGreaterThanOrEqual(40);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      await request(fresh.getHttpServer()).get('/api/models').set('Authorization', `Bearer ${token}`).expect(200);
      await request(fresh.getHttpServer()).get('/api/models').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(401);
      await fresh.close();
    } finally {
      await t.close();
    }
  });
});

describe('two instances starting together on one fresh database', () => {
  it('apply each migration once and both come up', async () => {
    const t = await startTestApp();
    try {
      const [a, b] = await Promise.all([createApp({ logger: false }), createApp({ logger: false })]);
      await Promise.all([a.init(), b.init()]);
      await request(a.getHttpServer()).get('/health').expect(200);
      await request(b.getHttpServer()).get('/health').expect(200);
      const ds = t.app.get(DataSource);
      const rows = (await ds.query('SELECT name FROM synchro_migrations')) as { name: string }[];
      expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length);
      await Promise.all([a.close(), b.close()]);
    } finally {
      await t.close();
    }
  });
});
