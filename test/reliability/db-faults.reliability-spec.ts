/**
 * Issue #15, point 7: database faults. A MariaDB server of the test's own (support/scratch-mariadb.ts)
 * is killed mid-run under load and started again; a row stays locked past innodb_lock_wait_timeout;
 * two transactions deadlock; another process holds SQLite's write lock past busy_timeout. Must hold:
 * every request is answered — 2xx, or 503 with the route's envelope, a DATABASE.* code and
 * Retry-After, never a 500 and never a dropped connection; Synchro recovers without a restart (same
 * process, no unhandled rejection: Node would have ended it); nothing acknowledged is lost,
 * nothing delivered twice.
 */
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../src/database/data-source.options';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { ADMIN_AUTH } from '../support/app-process';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { Instance } from './support/instance';
import { publish } from './support/report';
import { ScratchMariaDb } from './support/scratch-mariadb';
import { openSql } from './support/sql';

type Json = Record<string, unknown>;
interface Answer {
  route: 'sync' | 'api';
  status: number;
  text: string;
  retryAfter: string | null;
}

const ENV = { SCHEDULER: 'off', OUTBOX_POLL_MS: '100', OUTBOX_BACKOFF_SCALE: '0.001', OUTBOX_BREAKER_THRESHOLD: '1000' };
const LOAD_MS = 14_000;
const DOWN_AT_MS = 3_000;
const DOWN_FOR_MS = 5_000;

describe('reliability: database faults', () => {
  let fake: FakeExternalSystem;
  const figures = { tried: 0, faults: 0, rowsChecked: 0, lost: 0, duplicated: 0, notes: [] as string[] };

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
  });
  afterAll(async () => {
    await fake?.stop();
    publish('7. Database faults', {
      what: 'MariaDB killed and restarted under load, a row locked past innodb_lock_wait_timeout, a deadlock, SQLite write lock held',
      ...figures,
    });
  });

  /** Contacts in (real time, from the external system) and out (local writes, delivered at once), and a key. */
  async function setUp(instance: Instance, inCode: string, outCode: string): Promise<string> {
    const api = (method: 'post' | 'get', route: string) => instance.api(method, route);
    await api('post', '/api/records/res.country').send({ name: 'Spain', code: 'ES' }).expect(201);
    const url = fake.urlFor(outCode);
    const webServiceId = (await api('post', '/api/web-services').send({ name: 'db faults', url, shippingUrl: url }).expect(201)).body.id;
    const fields = ['name', 'unique_id', 'country'].map((name) => ({ name, code: name, type: 'char' }));
    const model = async (code: string) => (await api('post', '/api/sync-models').send({ name: code, code, fields }).expect(201)).body.id;
    const object = { odooModel: 'res.partner', odooRefField: 'x_sys_id', externalRefField: 'unique_id', webServiceId, mode: 'realtime' };
    const mappings = [
      { odooField: 'name', externalField: 'name' },
      { odooField: 'x_sys_id', externalField: 'unique_id' },
    ];
    await api('post', '/api/sync-objects')
      .send({ ...object, name: 'in', direction: 'external_to_odoo', syncModelId: await model(inCode), fields: mappings })
      .expect(201);
    await api('post', '/api/sync-objects')
      .send({ ...object, name: 'out', direction: 'odoo_to_external', syncModelId: await model(outCode), fields: mappings })
      .expect(201);
    return (await api('post', '/api/settings/api-keys').send({ name: 'db faults' }).expect(201)).body.key as string;
  }

  const call = (instance: Instance, method: string, route: string, headers: Record<string, string>, body?: Json): Promise<Answer> =>
    fetch(`${instance.url}${route}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    }).then(
      async (res) => ({
        route: route.startsWith('/sync/') ? 'sync' : 'api',
        status: res.status,
        text: await res.text(),
        retryAfter: res.headers.get('retry-after'),
      }),
      (error: unknown) => ({ route: route.startsWith('/sync/') ? 'sync' : 'api', status: 0, text: String(error), retryAfter: null }),
    );

  /** A refusal is 503 in the route's envelope with a DATABASE.* reason and Retry-After; returns what was wrong. */
  function refusalProblem(answer: Answer, code: string): string | undefined {
    if (answer.status !== 503) return `status ${answer.status}: ${answer.text.slice(0, 200)}`;
    if (!answer.retryAfter) return 'no Retry-After';
    const body = JSON.parse(answer.text) as Json;
    if (answer.route === 'sync') {
      const result = body.result as Json | undefined;
      if (body.jsonrpc !== '2.0' || result?.status !== 'failed' || typeof result.error_message !== 'string')
        return `envelope ${answer.text}`;
      return undefined;
    }
    return body.code === code ? undefined : `code ${String(body.code)}`;
  }

  describe('MariaDB', () => {
    let server: ScratchMariaDb;
    let instance: Instance;
    let apiKey: string;
    const acknowledged: string[] = [];

    beforeAll(async () => {
      server = new ScratchMariaDb(['--innodb-lock-wait-timeout=1']);
      await server.create();
      instance = new Instance(server.database(), { ...ENV, INSTANCE_NAME: 'dbfaults' });
      await instance.start();
      apiKey = await setUp(instance, 'DBIN', 'DBOUT');
    }, 120_000);
    afterAll(async () => {
      await instance?.kill('SIGKILL');
      await server?.destroy();
    });

    it('restarted mid-run under load: 503s, Synchro recovers in place, nothing acknowledged lost or sent twice', async () => {
      const pid = instance.pid;
      const answers: Answer[] = [];
      const localNames: string[] = [];
      const started = Date.now();
      const calls: Promise<void>[] = [];
      let downAt = 0;
      let upAt = 0;
      const outage = (async () => {
        await new Promise((resolve) => setTimeout(resolve, DOWN_AT_MS));
        await server.kill();
        downAt = Date.now();
        figures.faults += 1;
        await new Promise((resolve) => setTimeout(resolve, DOWN_FOR_MS));
        await server.start();
        upAt = Date.now();
      })();
      for (let i = 0; Date.now() - started < LOAD_MS; i++) {
        const inbound = i % 2 === 0;
        calls.push(
          (inbound
            ? call(instance, 'POST', '/sync/DBIN/create', { api_key: apiKey }, { unique_id: `IN-${i}`, name: `In ${i}` })
            : call(instance, 'POST', '/api/records/res.partner', ADMIN_AUTH, { name: `Out ${i}` })
          ).then((answer) => {
            answers.push(answer);
            if (answer.status === 200 && inbound) acknowledged.push(`IN-${i}`);
            if (answer.status === 201 && !inbound) localNames.push(`Out ${i}`);
          }),
        );
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      await Promise.all(calls);
      await outage;
      figures.tried += answers.length;

      const refused = answers.filter((a) => a.status !== 200 && a.status !== 201);
      figures.notes.push(
        `MariaDB restart: ${answers.length} calls, ${refused.length} answered 503 while it was down ` +
          `(${Math.round((upAt - downAt) / 1000)} s), ${acknowledged.length} inbound and ${localNames.length} local writes acknowledged`,
      );
      expect(refused.length).toBeGreaterThan(0);
      expect(refused.map((a) => refusalProblem(a, 'DATABASE.UNAVAILABLE')).filter(Boolean)).toEqual([]);

      // The same process answers again once the database is back.
      await waitFor(async () => (await call(instance, 'GET', '/health/ready', {})).status === 200, 'ready again', 60_000, 250);
      expect(instance.pid).toBe(pid);
      const after = await call(instance, 'POST', '/sync/DBIN/create', { api_key: apiKey }, { unique_id: 'IN-after', name: 'After' });
      expect(after.status).toBe(200);
      acknowledged.push('IN-after');

      const partners = (
        await instance.api('get', '/api/records/res.partner').query({ domain: "[('x_sys_id', '=like', 'IN-%')]", limit: 1000 }).expect(200)
      ).body.items as Json[];
      const refs = partners.map((p) => String(p.x_sys_id));
      figures.rowsChecked += acknowledged.length + localNames.length;
      const lostInbound = acknowledged.filter((id) => !refs.includes(id));
      expect(lostInbound).toEqual([]);
      expect(refs.length).toBe(new Set(refs).size);

      // Every acknowledged local write reaches the external system, none twice (a 503'd one may have committed: it is sent once too).
      const applied = () => fake.sends('DBOUT').filter((r) => !r.rejected && !r.duplicate && !r.fault);
      const names = () => applied().map((r) => String(((r.body as Json).values as Json).name));
      await waitFor(() => localNames.every((name) => names().includes(name)), 'every acknowledged local write delivered', 120_000, 250);
      const lostOut = localNames.filter((name) => !names().includes(name));
      const duplicated = names().length - new Set(names()).size;
      figures.lost += lostInbound.length + lostOut.length;
      figures.duplicated += duplicated;
      expect(duplicated).toBe(0);
    });

    it('a row locked past innodb_lock_wait_timeout: 503 DATABASE.LOCK_TIMEOUT, nothing written, then it goes through', async () => {
      const id = acknowledged[0];
      const locker = await server.connect('synchro');
      try {
        await locker.query('START TRANSACTION');
        await locker.query('SELECT id FROM res_partner WHERE x_sys_id = ? FOR UPDATE', [id]);
        figures.faults += 1;
        const locked = await call(instance, 'PUT', `/sync/DBIN/${id}`, { api_key: apiKey }, { unique_id: id, name: 'While locked' });
        const lockedApi = await call(instance, 'POST', '/api/records/res.partner', ADMIN_AUTH, { name: 'beside the lock' });
        expect(refusalProblem(locked, 'DATABASE.LOCK_TIMEOUT')).toBeUndefined();
        expect(JSON.parse(locked.text).result.error_message).toMatch(/locked/);
        expect(lockedApi.status).toBe(201); // only that row is locked
        figures.tried += 2;
      } finally {
        await locker.query('ROLLBACK');
        await locker.end();
      }
      const [name] = await nameOf(id);
      expect(name).not.toBe('While locked');
      const again = await call(instance, 'PUT', `/sync/DBIN/${id}`, { api_key: apiKey }, { unique_id: id, name: 'After the lock' });
      expect(again.status).toBe(200);
      expect(await nameOf(id)).toEqual(['After the lock']);
    });

    async function nameOf(ref: string): Promise<string[]> {
      const res = await instance
        .api('get', '/api/records/res.partner')
        .query({ domain: `[('x_sys_id', '=', '${ref}')]` })
        .expect(200);
      return (res.body.items as Json[]).map((p) => String(p.name));
    }

    it('a deadlock: the transaction InnoDB rolls back runs again and commits', async () => {
      const dataSource = new DataSource(
        buildDataSourceOptions({
          type: 'mysql',
          host: '127.0.0.1',
          port: server.port,
          username: 'root',
          password: '',
          database: 'synchro',
        }),
      );
      await dataSource.initialize();
      const unitOfWork = new UnitOfWork(dataSource);
      const other = await server.connect('synchro');
      try {
        const ids = (await other.query('SELECT id FROM res_partner ORDER BY id LIMIT 40'))[0] as { id: number }[];
        const [a, b] = [ids[0].id, ids[1].id];
        // The other transaction changes many rows (A among them): InnoDB rolls back the lighter one, ours.
        await other.query('START TRANSACTION');
        // One row per statement: an IN list may be a scan, which in REPEATABLE READ locks B too.
        for (const { id } of ids.filter((r) => r.id !== b))
          await other.query('UPDATE res_partner SET comment = ? WHERE id = ?', ['other', id]);
        let attempts = 0;
        const ours = unitOfWork.run(async (manager) => {
          attempts += 1;
          await manager.query('UPDATE res_partner SET comment = ? WHERE id = ?', ['ours', b]);
          await manager.query('UPDATE res_partner SET comment = ? WHERE id = ?', ['ours', a]);
        });
        await new Promise((resolve) => setTimeout(resolve, 300)); // ours waits for A
        figures.faults += 1;
        await other.query('UPDATE res_partner SET comment = ? WHERE id = ?', ['other', b]); // the cycle: ours is chosen
        await other.query('COMMIT');
        await ours;
        figures.tried += 1;
        expect(attempts).toBeGreaterThan(1);
        expect(unitOfWork.conflictRetries).toBeGreaterThan(0);
        const rows = (await other.query('SELECT id, comment FROM res_partner WHERE id IN (?) ORDER BY id', [[a, b]]))[0] as Json[];
        expect(rows.map((r) => r.comment)).toEqual(['ours', 'ours']);
        figures.notes.push(`deadlock: our transaction ran ${attempts} times and committed`);
      } finally {
        await other.end();
        await dataSource.destroy();
      }
    });
  });

  describe('SQLite', () => {
    let db: TestDatabase;
    let instance: Instance;

    beforeAll(async () => {
      db = await createTestDatabase('sqlite:');
      instance = new Instance(db, { ...ENV, INSTANCE_NAME: 'busy', DATABASE_BUSY_TIMEOUT_MS: '300' });
      await instance.start();
    }, 120_000);
    afterAll(async () => {
      await instance?.kill('SIGKILL');
      await db?.drop();
    });

    it('another process holds the write lock: 503 DATABASE.BUSY, reads still answer, and once released writes go through', async () => {
      const apiKey = await setUp(instance, 'BUSYIN', 'BUSYOUT');
      const holder = await openSql(db);
      const pid = instance.pid;
      try {
        await holder.execute('BEGIN IMMEDIATE');
        figures.faults += 1;
        const refusedSync = await call(instance, 'POST', '/sync/BUSYIN/create', { api_key: apiKey }, { unique_id: 'B-1', name: 'Busy' });
        const refusedApi = await call(instance, 'POST', '/api/records/res.partner', ADMIN_AUTH, { name: 'Busy local' });
        const read = await call(instance, 'GET', '/api/records/res.partner', ADMIN_AUTH);
        figures.tried += 3;
        expect(refusalProblem(refusedSync, 'DATABASE.BUSY')).toBeUndefined();
        expect(refusalProblem(refusedApi, 'DATABASE.BUSY')).toBeUndefined();
        expect(read.status).toBe(200);
        expect(JSON.parse(read.text).items.map((p: Json) => p.name)).not.toContain('Busy local');
      } finally {
        await holder.execute('ROLLBACK');
        await holder.close();
      }
      // A failed BEGIN IMMEDIATE once left the shared connection marked "in a transaction": every write after it waited forever.
      const created = await call(instance, 'POST', '/sync/BUSYIN/create', { api_key: apiKey }, { unique_id: 'B-1', name: 'Busy' });
      const local = await call(instance, 'POST', '/api/records/res.partner', ADMIN_AUTH, { name: 'Busy local' });
      expect([created.status, local.status]).toEqual([200, 201]);
      expect(instance.pid).toBe(pid);
      await waitFor(() => fake.sends('BUSYOUT').some((r) => ((r.body as Json).values as Json).name === 'Busy local'), 'delivered', 30_000);
      figures.rowsChecked += 2;
    });
  });
});
