import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { TEST_ADMIN_TOKEN } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const ROOT = path.resolve(__dirname, '../..');

/** A real Synchro process, killed with SIGKILL in the middle of a delivery. */
function startProcess(db: TestDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/run-app.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PORT: String(port),
      OUTBOX_POLL_MS: '100',
      OUTBOX_LEASE_MS: '1500',
      OUTBOX_BACKOFF_SCALE: '0.001',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`Synchro exited early with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) {
        child.removeAllListeners('exit');
        resolve(child);
      }
    });
  });
}

describe('outbox: a crash during delivery', () => {
  let db: TestDatabase;
  let fake: FakeExternalSystem;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const api = () => request(`http://127.0.0.1:${port}`);
  const auth = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await fake.stop();
    await db.drop();
  });

  it('delivers the change after a kill -9 and restart, with the same Idempotency-Key', async () => {
    let child = await startProcess(db, port);
    try {
      const ws = await api()
        .post('/api/web-services')
        .set(auth)
        .send({ name: 'crash', url: fake.urlFor('CRASH'), shippingUrl: fake.urlFor('CRASH') })
        .expect(201);
      const sm = await api().post('/api/sync-models').set(auth).send({ name: 'Contact', code: 'CON', fields: CON_FIELDS }).expect(201);
      await api()
        .post('/api/sync-objects')
        .set(auth)
        .send({
          name: 'out',
          direction: 'odoo_to_external',
          mode: 'realtime',
          webServiceId: ws.body.id,
          syncModelId: sm.body.id,
          odooModel: 'res.partner',
          externalRefField: 'unique_id',
          fields: CON_MAPPINGS,
        })
        .expect(201);
      // The external system accepts the request and never answers: the delivery is in flight.
      fake.setFault({ type: 'timeout', code: 'CRASH' });
      await api().post('/api/records/res.partner').set(auth).send({ name: 'Survivor' }).expect(201);
      await waitFor(() => fake.sends('CRASH').length === 1, 'the delivery in flight');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      fake.clearFault();

      child = await startProcess(db, port);
      const delivered = await waitFor(() => fake.sends('CRASH').find((r) => !r.fault), 'the delivery after restart', 20_000);
      expect(delivered.body).toMatchObject({ action: 'create', values: { name: 'Survivor' } });
      expect(delivered.headers['idempotency-key']).toBe(fake.sends('CRASH')[0].headers['idempotency-key']);
      await waitFor(
        async () => (await api().get('/api/outbox').set(auth).query({ status: 'done' })).body.total === 1,
        'the row marked done',
      );
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);
});
