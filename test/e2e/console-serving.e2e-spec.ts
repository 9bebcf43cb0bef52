/**
 * The console's serving (src/console): @nestjs/serve-static under /admin with the strict CSP and security
 * headers on every answer, index.html for client routes, 404 for missing bundles and for /admin/… outside.
 * Run on a built-looking directory so it holds without `npm run build:console`; the browser tier runs the real build.
 */
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { CONSOLE_CSP } from '../../src/console/console.headers';
import { ConsoleModule } from '../../src/console/console.module';
import { startTestApp, TestApp } from '../support/test-app';

const PAGE = '<!doctype html><html><head><script type="module" src="/admin/assets/index-abc123.js"></script></head></html>';

function expectConsoleHeaders(res: request.Response): void {
  expect(res.headers['content-security-policy']).toBe(CONSOLE_CSP);
  expect(res.headers).toMatchObject({
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  });
}

describe('console serving at /admin', () => {
  let dist: string;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'synchro-console-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), PAGE);
    writeFileSync(join(dist, 'assets/index-abc123.js'), 'console.log(1);\n');
    writeFileSync(join(dist, '.env'), 'SECRET=1\n');
    // NestFactory, not Test.createTestingModule: serve-static picks its loader from the HTTP adapter at compile time.
    app = await NestFactory.create(ConsoleModule.register(dist), { logger: false });
    await app.init();
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html at /admin/ under the strict CSP, re-read on every visit', async () => {
    const res = await http().get('/admin/').expect(200);
    expect(res.text).toBe(PAGE);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expectConsoleHeaders(res);
    expect(CONSOLE_CSP).toContain("script-src 'self'");
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
  });

  it('redirects /admin to /admin/', async () => {
    const res = await http().get('/admin').expect(301);
    expect(res.headers.location).toBe('/admin/');
    expect(res.headers['x-frame-options']).toBe('DENY');
  });

  it('serves the hashed bundles as immutable', async () => {
    const res = await http().get('/admin/assets/index-abc123.js').expect(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expectConsoleHeaders(res);
  });

  it.each(['/admin/sync-objects/3', '/admin/runs', '/admin/settings?tab=keys'])(
    'answers the client route %s with the page',
    async (path) => {
      const res = await http().get(path).expect(200);
      expect(res.text).toBe(PAGE);
      expectConsoleHeaders(res);
    },
  );

  it('answers a missing bundle with 404, not the page, still with the headers', async () => {
    const res = await http().get('/admin/assets/index-gone.js').expect(404);
    expect(res.text).not.toContain('<html');
    expectConsoleHeaders(res);
  });

  it('never serves files outside its directory', async () => {
    const res = await http().get('/admin/..%2f..%2fetc%2fpasswd');
    expect(res.text).not.toMatch(/root:/);
    const dot = await http().get('/admin/.env');
    expect(dot.text).not.toContain('SECRET');
  });
});

describe('console serving in the application', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp()));
  afterAll(() => t.close());

  it('keeps /api and /health outside the console', async () => {
    await t.http().get('/health').expect(200);
    const res = await t.http().get('/api/sync-objects').expect(401);
    expect(res.headers['content-security-policy']).toBeUndefined();
  });

  it('answers under /admin with the console headers whether or not the console is built', async () => {
    const res = await t.http().get('/admin/');
    expect([200, 404]).toContain(res.status);
    expectConsoleHeaders(res);
  });
});
