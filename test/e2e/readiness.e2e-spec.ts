import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import { freePort } from '../support/app-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { startTestApp, TestApp, TEST_ADMIN_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');

/** /health/live, /health/ready (@nestjs/terminus) and the classic /health. */
describe('readiness', () => {
  describe('in process', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ OUTBOX_POLL_MS: '50', SCHEDULER_TICK_MS: '100' });
    });
    afterAll(() => t.close());

    it('ready once the dispatcher and the scheduler have ticked: every check up', async () => {
      const res = await waitFor(async () => {
        const answer = await t.http().get('/health/ready');
        return answer.status === 200 ? answer : undefined;
      }, 'readiness');
      expect(res.body).toMatchObject({
        status: 'ok',
        details: {
          shutdown: { status: 'up' },
          database: { status: 'up', kind: t.db.url.startsWith('mysql') ? 'mysql' : 'sqlite' },
          migrations: { status: 'up' },
          dispatcher: { status: 'up' },
          scheduler: { status: 'up' },
        },
      });
    });

    it('live answers ok; /health keeps its answer', async () => {
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok' });
      expect((await t.http().get('/health').expect(200)).body).toEqual({
        status: 'ok',
        database: expect.stringMatching(/^(sqlite|mysql)$/),
      });
    });

    it('not ready once shutdown has begun (app.close)', async () => {
      const other = await startTestApp({ SCHEDULER: 'off', OUTBOX_DISPATCHER: 'off' });
      const server = other.app.getHttpServer();
      const ready = (await request(server).get('/health/ready').expect(200)).body;
      expect(ready.details).toMatchObject({
        dispatcher: { status: 'up', role: 'off (OUTBOX_DISPATCHER=off)' },
        scheduler: { status: 'up' },
      });
      // The destroy hooks run before the server closes: a request made from one sees the instance leaving.
      const { HealthService } = await import('../../src/health/health.service');
      other.app.get(HealthService).onModuleDestroy();
      const leaving = await request(server).get('/health/ready').expect(503);
      expect(leaving.body).toMatchObject({
        code: 'HEALTH.NOT_READY',
        details: expect.arrayContaining([{ field: 'shutdown', problem: 'shutting down' }]),
      });
      await other.close();
    });
  });

  describe('a real process and SIGTERM', () => {
    let db: TestDatabase;
    let child: ChildProcess | undefined;
    const port = freePort();
    const http = () => request(`http://127.0.0.1:${port}`);

    beforeAll(async () => {
      db = await createTestDatabase();
    });
    afterAll(async () => {
      child?.kill('SIGKILL');
      await db.drop();
    });

    it('/health/ready turns 503 at SIGTERM while connections are still served, then the process exits', async () => {
      child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/run-app.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: db.url,
          DATA_DIR: db.dataDir,
          ADMIN_TOKEN: TEST_ADMIN_TOKEN,
          PORT: String(port),
          OUTBOX_POLL_MS: '100',
          SCHEDULER_TICK_MS: '100',
          // Long enough to observe the window; the test does not depend on its length otherwise.
          SHUTDOWN_GRACE_MS: '10000',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<number | null>((resolve) => child!.once('exit', (code, signal) => resolve(code ?? (signal ? 0 : null))));
      await new Promise<void>((resolve, reject) => {
        child!.once('exit', (code) => reject(new Error(`Synchro exited early with ${code}`)));
        child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('READY') && resolve());
      });
      await waitFor(
        async () =>
          (
            await http()
              .get('/health/ready')
              .catch(() => undefined)
          )?.status === 200,
        'ready',
        60_000,
      );

      child.kill('SIGTERM');
      const leaving = await waitFor(
        async () => {
          const res = await http().get('/health/ready');
          return res.status === 503 ? res : undefined;
        },
        'not ready after SIGTERM',
        30_000,
      );
      expect(leaving.body).toMatchObject({
        code: 'HEALTH.NOT_READY',
        details: expect.arrayContaining([{ field: 'shutdown', problem: 'shutting down' }]),
      });
      // Still serving: live and the API answer on new connections.
      await http().get('/health/live').expect(200);
      await http().get('/api/settings').set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`).expect(200);
      await exited;
      await expect(http().get('/health/live')).rejects.toThrow();
      // A real process (start-up, migrations, shutdown) on a loaded machine: generous.
    }, 180_000);
  });
});
