/**
 * Synchro on a 3-node MariaDB Galera cluster, one real instance per node (`npm run
 * test:cluster`, which starts and stops the cluster). The phases run in order on one
 * database and build on each other.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { waitFor } from '../support/wait-for';
import { freshDatabase, Instance, InstanceStats, killNode, nodeConflicts, restartNode, sql } from './cluster';

jest.setTimeout(300_000);

const MIGRATIONS = fs
  .readdirSync(path.resolve(__dirname, '../../src'), { recursive: true, encoding: 'utf8' })
  .filter((file) => /(^|\/)migrations\/\d{13}-[\w-]+\.ts$/.test(file)).length;

describe('Synchro on a 3-node Galera cluster', () => {
  // Items are confirmed by the cron object's external ref field.
  const fake = new FakeExternalSystem({ idField: 'unique_id' });
  const instances = [0, 1, 2].map((node) => new Instance(node));
  const [a, b, c] = instances;
  let cronObjectId: number;

  beforeAll(async () => {
    await fake.start();
    await freshDatabase();
  });
  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await fake.stop();
  });

  const keysSent = () => fake.sends('OUT').map((r) => String(r.headers['idempotency-key']));
  const allStats = () => Promise.all(instances.map((instance) => instance.stats()));
  const sentOut = (stats: InstanceStats[]) => stats.map((s) => s.sentByPath['/OUT'] ?? 0);

  /** `count` partner writes spread over `through`, `parallel` at a time; every answer 201. */
  async function write(prefix: string, count: number, through: Instance[], parallel = 24): Promise<void> {
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < count; i = next++) {
        const res = await through[i % through.length]
          .api()
          .post('/api/records/res.partner')
          .send({ name: `${prefix}-${i}` });
        if (res.status !== 201) throw new Error(`write ${prefix}-${i}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    };
    await Promise.all(Array.from({ length: parallel }, worker));
  }

  /** The names the external system received, each exactly once (by Idempotency-Key), for `prefix`. */
  async function expectDeliveredOnce(prefix: string, count: number, timeoutMs = 120_000): Promise<void> {
    const names = () => new Set(fake.sends('OUT').map((r) => String((r.body as { values: { name: string } }).values.name)));
    await waitFor(
      () => [...names()].filter((n) => n.startsWith(`${prefix}-`)).length === count,
      `${count} ${prefix} deliveries`,
      timeoutMs,
      200,
    );
    const applied = fake
      .sends('OUT')
      .filter((r) => !r.duplicate && String((r.body as { values: { name: string } }).values.name).startsWith(`${prefix}-`));
    expect(applied).toHaveLength(count);
    expect(new Set(applied.map((r) => r.headers['idempotency-key'])).size).toBe(count);
  }

  it('simultaneous start on a fresh database: every migration applied and recorded exactly once', async () => {
    await Promise.all(instances.map((instance) => instance.start()));
    const [row] = await sql<{ n: number; names: number }>(
      1,
      'SELECT COUNT(*) AS n, COUNT(DISTINCT name) AS names FROM synchro_cluster.synchro_migrations',
    );
    expect({ n: Number(row.n), names: Number(row.names) }).toEqual({ n: MIGRATIONS, names: MIGRATIONS });
    for (const instance of instances) await instance.api().get('/health').expect(200);
  });

  it('a configuration made through one instance is used by all three', async () => {
    const ws = await a
      .api()
      .post('/api/web-services')
      .send({
        name: 'cluster',
        url: fake.urlFor('CRN'),
        shippingUrl: fake.urlFor('OUT'),
        needsConfirmation: true,
        confirmationUrl: fake.urlFor('CRN'),
      })
      .expect(201);
    const fields = ['name', 'unique_id'].map((name) => ({ name, code: name, type: 'char' }));
    const out = await b.api().post('/api/sync-models').send({ name: 'Out', code: 'OUT', fields }).expect(201);
    const crn = await c.api().post('/api/sync-models').send({ name: 'Cron', code: 'CRN', fields }).expect(201);
    const mappings = [
      { odooField: 'name', externalField: 'name' },
      { odooField: 'x_sys_id', externalField: 'unique_id' },
    ];
    const common = { webServiceId: ws.body.id, odooRefField: 'x_sys_id', externalRefField: 'unique_id', fields: mappings };
    await a
      .api()
      .post('/api/sync-objects')
      .send({
        ...common,
        name: 'out',
        direction: 'odoo_to_external',
        mode: 'realtime',
        syncModelId: out.body.id,
        odooModel: 'res.partner',
      })
      .expect(201);
    cronObjectId = (
      await a
        .api()
        .post('/api/sync-objects')
        .send({
          ...common,
          name: 'in',
          direction: 'external_to_odoo',
          mode: 'cron',
          syncModelId: crn.body.id,
          odooModel: 'product.product',
          schedule: { interval: 1, unit: 'days' },
        })
        .expect(201)
    ).body.id;
    // A node applies other nodes' commits a moment later: a read through another instance may not see them yet.
    for (const instance of instances)
      await waitFor(
        async () => (await instance.api().get(`/api/sync-objects/${cronObjectId}`)).status === 200,
        'the object everywhere',
        10_000,
      );
    // A node applies other nodes' commits a moment later, the configuration version row among them: give it time to arrive everywhere.
    await new Promise((resolve) => setTimeout(resolve, 6000));
  });

  it('manual runs requested at once through all three never overlap', async () => {
    for (let i = 0; i < 5; i++) fake.offer('CRN', 'insert', { unique_id: `m${i}`, name: `Manual ${i}` });
    // Every run's receive takes 1.5 s, so the requests all arrive while the first one runs.
    fake.setFault({ type: 'slow', delayMs: 1500, kind: 'receive', code: 'CRN' });
    for (let round = 0; round < 2; round++) {
      const answers = await Promise.all(
        [...instances, ...instances].map((instance) => instance.api().post(`/api/sync-objects/${cronObjectId}/run`)),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    }
    fake.clearFault();
    await expectNoOverlap();
  });

  it('scheduled runs: each due time run once, by one instance', async () => {
    for (let node = 0; node < 3; node++) {
      // A distinct due time each round (one due time runs once: a repeated one would not run again).
      const planned = new Date(Math.floor(Date.now() / 1000) * 1000 - 1000 - node * 60_000);
      fake.offer('CRN', 'insert', { unique_id: `s${node}`, name: `Scheduled ${node}` });
      await sql(node, 'UPDATE synchro_cluster.sync_object SET next_run_at = ? WHERE id = ?', [planned, cronObjectId]);
      const runs = await waitFor(
        async () => {
          const rows = await sql<{ status: string }>(
            node,
            "SELECT status FROM synchro_cluster.sync_run WHERE sync_object_id = ? AND sync_trigger = 'cron' AND planned_at = ?",
            [cronObjectId, planned],
          );
          return rows.length && rows.every((r) => r.status !== 'running') ? rows : null;
        },
        `the cron run planned at ${planned.toISOString()}`,
        30_000,
        200,
      );
      expect(runs.map((r) => r.status)).toEqual(['success']);
    }
    // Nothing more runs for those due times (the next is a day away).
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [row] = await sql<{ n: number }>(
      2,
      "SELECT COUNT(*) AS n FROM synchro_cluster.sync_run WHERE sync_object_id = ? AND sync_trigger = 'cron'",
      [cronObjectId],
    );
    expect(Number(row.n)).toBe(3);
    await expectNoOverlap();
    expect(fake.pending('CRN')).toEqual([]);
  });

  it('1,000 writes spread over the instances: each delivered once, every instance doing part of the work', async () => {
    const before = await allStats();
    const conflictsBefore = await Promise.all([0, 1, 2].map(nodeConflicts));
    await write('w', 1000, instances);
    await expectDeliveredOnce('w', 1000);
    const after = await allStats();
    const sent = sentOut(after).map((n, i) => n - sentOut(before)[i]);
    const duplicates = fake.sends('OUT').filter((r) => r.duplicate).length;
    expect(sent.every((n) => n > 0)).toBe(true);
    const retries = after.reduce((sum, s, i) => sum + s.conflictRetries - before[i].conflictRetries, 0);
    const certification = (await Promise.all([0, 1, 2].map(nodeConflicts))).reduce((sum, n, i) => sum + n - conflictsBefore[i], 0);
    process.stdout.write(
      `cluster: 1000 live deliveries by instance ${sent.join('/')}; UnitOfWork conflict retries ${retries}; ` +
        `Galera cert failures + BF aborts ${certification}; sends ${sent.reduce((x, y) => x + y, 0)} (duplicates ${duplicates})\n`,
    );
    // No instance crashed and no lease expired: each change went out exactly once.
    expect(duplicates).toBe(0);
    // Sends counted as they start: a rare one lost on a reused keep-alive socket before reaching the receiver is retried.
    expect(sent.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(1000);
    await expectOutboxSettled();
  });

  it('a backlog (B3: delivered rows put back to pending) drained by the three instances', async () => {
    const before = await allStats();
    const conflictsBefore = await Promise.all([0, 1, 2].map(nodeConflicts));
    const sendsBefore = fake.sends('OUT').length;
    const rounds = 2;
    for (let round = 1; round <= rounds; round++) {
      await sql(
        0,
        "UPDATE synchro_cluster.sync_outbox SET status = 'pending', next_attempt_at = UTC_TIMESTAMP(3), lease_owner = NULL, " +
          "lease_until = NULL WHERE status = 'done'",
      );
      await waitFor(() => fake.sends('OUT').length >= sendsBefore + round * 1000, `backlog round ${round} delivered`, 120_000, 100);
      await expectOutboxSettled();
    }
    const after = await allStats();
    const retries = after.reduce((sum, s, i) => sum + s.conflictRetries - before[i].conflictRetries, 0);
    const certification = (await Promise.all([0, 1, 2].map(nodeConflicts))).reduce((sum, n, i) => sum + n - conflictsBefore[i], 0);
    const sent = sentOut(after).map((n, i) => n - sentOut(before)[i]);
    process.stdout.write(
      `cluster: backlog of ${rounds} x 1000 drained by instance ${sent.join('/')}; UnitOfWork conflict retries ${retries}; ` +
        `Galera cert failures + BF aborts ${certification}; sends ${fake.sends('OUT').length - sendsBefore}\n`,
    );
    expect(fake.sends('OUT').length - sendsBefore).toBe(rounds * 1000);
  });

  it('a node killed mid-delivery: the other two carry on and nothing is lost; then the node returns', async () => {
    fake.setFault({ type: 'slow', delayMs: 500, kind: 'send', code: 'OUT' });
    const sendsBefore = keysSent().length;
    await write('k', 600, instances);
    await waitFor(() => keysSent().length >= sendsBefore + 100, 'deliveries under way', 60_000, 50);
    killNode(1);
    // Writes go on through the two instances whose node is up.
    await write('k2', 200, [a, c]);
    fake.clearFault();
    await expectDeliveredOnce('k', 600);
    await expectDeliveredOnce('k2', 200);
    await restartNode(1);
    await waitFor(async () => (await b.api().get('/health')).status === 200, 'instance on node 2 healthy again', 60_000, 500);
    await write('r', 150, instances);
    await expectDeliveredOnce('r', 150);
    await expectOutboxSettled();
  });

  /** No two runs of the cron object were ever running at the same time. */
  async function expectNoOverlap(): Promise<void> {
    const runs = await sql<{ started_at: Date; finished_at: Date | null }>(
      0,
      'SELECT started_at, finished_at FROM synchro_cluster.sync_run WHERE sync_object_id = ? ORDER BY started_at',
      [cronObjectId],
    );
    expect(runs.every((r) => r.finished_at)).toBe(true);
    for (let i = 1; i < runs.length; i++) expect(runs[i].started_at.getTime()).toBeGreaterThanOrEqual(runs[i - 1].finished_at!.getTime());
  }

  async function expectOutboxSettled(): Promise<void> {
    const rows = await waitFor(
      async () => {
        const byStatus = await sql<{ status: string; n: number }>(
          0,
          'SELECT status, COUNT(*) AS n FROM synchro_cluster.sync_outbox GROUP BY status',
        );
        return byStatus.every((r) => r.status === 'done') ? byStatus : null;
      },
      'every outbox row done',
      30_000,
      250,
    );
    expect(rows.map((r) => r.status)).toEqual(['done']);
  }
});
