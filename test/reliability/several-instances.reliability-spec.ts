/**
 * Issue #15, point 8 (and 10): three Synchro processes on one MariaDB database, writes through all
 * three (records API and /sync), 20 cron objects due at once, three due times, and 10,000 outbox
 * rows. Must hold: each object runs once per due time (one sync_run row per object and planned
 * time); each change is delivered, none twice (counted by Idempotency-Key at the receiver), also for
 * writes made right after the outbound object was created or changed through another instance; and
 * every instance did part of the work (deliveries and cron runs counted per instance at the
 * receiver, by the User-Agent that names INSTANCE_NAME): one instance alone fails this spec.
 *
 * MariaDB only: several instances share one MySQL/MariaDB database (README, "Several instances on
 * one MySQL/MariaDB"); an SQLite file belongs to one instance. On the SQLite pass the spec says so
 * in the published figures; with DATABASE_URL naming MySQL it always runs (and an unreachable
 * server fails it).
 */
import { FakeExternalSystem } from '../fake-external/fake-external';
import type { RecordedRequest } from '../fake-external/fake-types';
import { createTestDatabase, isMysqlRun, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';
import { Instance } from './support/instance';
import { ADMIN_AUTH } from '../support/app-process';
import { countPerInstance } from '../support/per-instance';
import { publish } from './support/report';
import { openSql, Sql } from './support/sql';

type Json = Record<string, unknown>;
const NAMES = ['a', 'b', 'c'] as const;
const CRON_OBJECTS = 20;
const DUE_TIMES = 3;
/** Local writes made once the outbound object exists: one outbox row each. */
const ROWS = Number(process.env.INSTANCES_ROWS ?? 10_000);
/** Writers per instance (HTTP calls in flight at once through each). */
const WRITERS = 4;
/** Local writes made once the outbound object was changed (its email mapped): each must be sent with it. */
const AFTER_CHANGE = 200;
/** One write in SYNC_EVERY goes through /sync instead of the records API. */
const SYNC_EVERY = 5;
const CODE = 'MI';
const ENV = {
  SCHEDULER_TICK_MS: '200',
  SCHEDULER_LEASE_MS: '5000',
  OUTBOX_POLL_MS: '200',
  OUTBOX_BACKOFF_SCALE: '0.001',
  OUTBOX_BREAKER_THRESHOLD: '1000',
};
const FIELDS = ['name', 'unique_id', 'email'].map((name) => ({ name, code: name, type: 'char' }));
const BASE_MAPPINGS = [
  { odooField: 'name', externalField: 'name' },
  { odooField: 'x_sys_id', externalField: 'unique_id' },
];

interface Write {
  name: string;
  via: string;
  kind: 'local' | 'sync';
  started: number;
  ended: number;
}

(isMysqlRun() ? describe : describe.skip)('reliability: several instances on one MariaDB database', () => {
  let fake: FakeExternalSystem;
  let db: TestDatabase;
  let sql: Sql;
  const instances = NAMES.map(() => null as unknown as Instance);
  let apiKey = '';
  let webServiceId = 0;

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    db = await createTestDatabase();
    NAMES.forEach((name, i) => (instances[i] = new Instance(db, { ...ENV, INSTANCE_NAME: name })));
    // The first applies the migrations; the other two start together on the migrated database.
    await instances[0].start();
    await Promise.all(instances.slice(1).map((instance) => instance.start()));
    sql = await openSql(db);
  }, 180_000);

  afterAll(async () => {
    await sql?.close();
    for (const instance of instances) await instance?.kill('SIGKILL');
    await db?.drop();
    await fake?.stop();
  });

  const a = () => instances[0];
  const query = <T>(text: string, params: unknown[] = []): Promise<T[]> => sql.query<T>(text, params);

  /** Whole seconds in the past, as the database keeps them. */
  const plannedTime = () => new Date(Math.floor(Date.now() / 1000) * 1000 - 1000);

  async function syncModel(code: string): Promise<number> {
    return (
      await a()
        .api('post', '/api/sync-models')
        .send({ name: `Model ${code}`, code, fields: FIELDS })
        .expect(201)
    ).body.id;
  }

  async function syncObject(body: Json): Promise<{ id: number }> {
    const res = await a()
      .api('post', '/api/sync-objects')
      .send({ odooModel: 'res.partner', odooRefField: 'x_sys_id', externalRefField: 'unique_id', webServiceId, ...body });
    if (res.status !== 201) throw new Error(`sync object: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const perInstance = (requests: RecordedRequest[]) => countPerInstance(requests, NAMES);

  it('three instances: each object runs once per due time, each change delivered once, every instance doing a share', async () => {
    // All on one web service: objects of one Odoo model and ref field share it (issue 16.4).
    const url = fake.urlFor(CODE);
    webServiceId = (
      await a()
        .api('post', '/api/web-services')
        .send({ name: 'shared', url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url })
        .expect(201)
    ).body.id;
    apiKey = (await a().api('post', '/api/settings/api-keys').send({ name: 'ext' }).expect(201)).body.key;
    await syncObject({
      name: 'inbound',
      direction: 'external_to_odoo',
      mode: 'realtime',
      syncModelId: await syncModel('MIIN'),
      fields: BASE_MAPPINGS,
    });
    const outModel = await syncModel('MIOUT');
    const cronModels: number[] = [];
    for (let i = 0; i < CRON_OBJECTS; i++) cronModels.push(await syncModel(`MIC${i}`));

    // Writers: WRITERS loops per instance, numbered writes, one in SYNC_EVERY through /sync.
    const writes: Write[] = [];
    const failures: string[] = [];
    let next = 0;
    let localAfterObject = 0;
    let localAfterChange = 0;
    let outboundCreated = Infinity;
    let changed = Infinity;
    let stop = false;
    const post = (instance: Instance, path: string, headers: Record<string, string>, body: Json) =>
      fetch(`${instance.url}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).then(
        async (res) => ({ status: res.status, text: await res.text() }),
        (error: unknown) => ({ status: 0, text: String(error) }),
      );
    const writer = async (instance: Instance, via: string) => {
      while (!stop) {
        const n = next++;
        const kind = n % SYNC_EVERY === SYNC_EVERY - 1 ? 'sync' : 'local';
        const name = kind === 'sync' ? `S-${n}` : `L-${n}`;
        const started = Date.now();
        const res =
          kind === 'sync'
            ? await post(instance, '/sync/MIIN/create', { api_key: apiKey }, { name, unique_id: name })
            : await post(instance, '/api/records/res.partner', ADMIN_AUTH, { name, email: `${name}@example.com` });
        const ended = Date.now();
        if (res.status !== 200 && res.status !== 201) {
          failures.push(`${via} ${name}: ${res.status} ${res.text.slice(0, 200)}`);
          if (failures.length > 20) stop = true;
          continue;
        }
        writes.push({ name, via, kind, started, ended });
        if (kind !== 'local') continue;
        if (started >= outboundCreated) localAfterObject++;
        if (started >= changed) localAfterChange++;
        if (localAfterObject >= ROWS && localAfterChange >= AFTER_CHANGE) stop = true;
      }
    };
    const writers = instances.flatMap((instance, i) => Array.from({ length: WRITERS }, () => writer(instance, NAMES[i])));
    const writesStarted = Date.now();

    // While writes flow through all three: the outbound object created through A...
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const createStarted = Date.now();
    const outbound = await syncObject({
      name: 'outbound',
      direction: 'odoo_to_external',
      mode: 'realtime',
      syncModelId: outModel,
      fields: BASE_MAPPINGS,
    });
    outboundCreated = Date.now();

    // ...the 20 cron objects created through A, due at once, three due times; before the second
    // every object is changed through A (its limit), and the runs must use the change.
    fake.setFault({ type: 'slow', kind: 'receive', code: CODE, delayMs: 300 });
    const cronIds: number[] = [];
    for (let i = 0; i < CRON_OBJECTS; i++)
      cronIds.push(
        (
          await syncObject({
            name: `cron ${i}`,
            direction: 'external_to_odoo',
            mode: 'cron',
            limit: 10,
            syncModelId: cronModels[i],
            fields: BASE_MAPPINGS,
          })
        ).id,
      );
    const planned: Date[] = [];
    const rounds: { receives: Record<string, number>; limits: number[] }[] = [];
    let pulled = 0;
    for (let round = 0; round < DUE_TIMES; round++) {
      const limit = 10 + round;
      if (round > 0) for (const id of cronIds) await a().api('patch', `/api/sync-objects/${id}`).send({ limit }).expect(200);
      fake.seed(
        CODE,
        Array.from({ length: 100 }, (_, i) => ({
          action: 'insert' as const,
          values: { unique_id: `P-${round}-${i}`, name: `Pulled ${round}-${i}` },
        })),
      );
      pulled += 100;
      const seqBefore = Math.max(0, ...fake.received(CODE).map((r) => r.seq));
      const at = plannedTime();
      planned.push(at);
      await sql.execute('UPDATE sync_object SET next_run_at = ? WHERE id IN (?)', [at, cronIds]);
      await waitFor(
        async () => {
          const [row] = await query<{ n: number }>(
            "SELECT COUNT(*) AS n FROM sync_run WHERE sync_trigger = 'cron' AND planned_at = ? AND status <> 'running'",
            [at],
          );
          return Number(row.n) >= CRON_OBJECTS;
        },
        `the ${CRON_OBJECTS} runs of due time ${round + 1}`,
        180_000,
        200,
      );
      const receives = fake.receives(CODE).filter((r) => r.seq > seqBefore);
      rounds.push({ receives: perInstance(receives), limits: [...new Set(receives.map((r) => Number((r.body as Json).limit)))] });
    }
    fake.clearFault();

    // ...and, still while writes flow, the outbound object changed through A: email mapped from now on.
    await a()
      .api('patch', `/api/sync-objects/${outbound.id}`)
      .send({ fields: [...BASE_MAPPINGS, { odooField: 'email', externalField: 'email' }] })
      .expect(200);
    changed = Date.now();

    await Promise.all(writers);
    const writesEnded = Date.now();
    expect(failures).toEqual([]);

    // Every delivery settled: nothing pending or in flight for the outbound object.
    await waitFor(
      async () => {
        const [row] = await query<{ n: number }>(
          "SELECT COUNT(*) AS n FROM sync_outbox WHERE sync_object_id = ? AND status IN ('pending', 'inflight')",
          [outbound.id],
        );
        return Number(row.n) === 0;
      },
      'the outbox drained',
      600_000,
      500,
    );
    const drained = Date.now();

    // The receiver's count: applied sends by Idempotency-Key, per instance.
    const sends = fake.sends(CODE).filter((r) => !r.rejected && !r.fault);
    const applied = sends.filter((r) => !r.duplicate);
    const byKey = new Map<string, RecordedRequest[]>();
    for (const r of applied)
      byKey.set(String(r.headers['idempotency-key']), [...(byKey.get(String(r.headers['idempotency-key'])) ?? []), r]);
    const duplicated = sends.length - byKey.size;
    const deliveredNames = new Map<string, Json>();
    for (const r of applied) deliveredNames.set(String(((r.body as Json).values as Json).name), (r.body as Json).values as Json);
    const locals = writes.filter((w) => w.kind === 'local');
    const mustArrive = locals.filter((w) => w.started >= outboundCreated);
    const mustNot = locals.filter((w) => w.ended <= createStarted);
    const lost = mustArrive.filter((w) => !deliveredNames.has(w.name)).map((w) => w.name);
    const strays = mustNot.filter((w) => deliveredNames.has(w.name)).map((w) => w.name);
    const withoutEmail = locals
      .filter((w) => w.started >= changed && deliveredNames.get(w.name)?.email !== `${w.name}@example.com`)
      .map((w) => w.name);
    const deliveries = perInstance(applied);

    // Cron: one run per object and due time (any due time, the ones set here and the natural ones).
    const runCounts = await query<{ sync_object_id: number; planned_at: Date; n: number }>(
      "SELECT sync_object_id, planned_at, COUNT(*) AS n FROM sync_run WHERE sync_trigger = 'cron' GROUP BY sync_object_id, planned_at",
    );
    const twice = runCounts.filter((r) => Number(r.n) !== 1);
    const perDueTime = planned.map((at) => runCounts.filter((r) => r.planned_at.getTime() === at.getTime()).length);
    const failedRuns = await query<{ id: number; error: string }>(
      "SELECT id, error FROM sync_run WHERE sync_trigger = 'cron' AND status NOT IN ('success', 'running')",
    );
    const runsPerInstance = Object.fromEntries(NAMES.map((n) => [n, rounds.reduce((sum, r) => sum + (r.receives[n] ?? 0), 0)]));

    // Inbound: each /sync write and each confirmed pulled item is one record.
    const syncNames = writes.filter((w) => w.kind === 'sync').map((w) => w.name);
    const records = await query<{ x_sys_id: string; n: number }>(
      "SELECT x_sys_id, COUNT(*) AS n FROM res_partner WHERE x_sys_id LIKE 'S-%' OR x_sys_id LIKE 'P-%' GROUP BY x_sys_id",
    );
    const present = new Set(records.map((r) => r.x_sys_id));
    const inboundLost = syncNames.filter((n) => !present.has(n));
    const confirmed = fake
      .confirmations(CODE)
      .filter((r) => !r.fault)
      .flatMap((r) => ((r.body as Json).content as Json[]).filter((c) => c.status === 'success').map((c) => String(c.external_id)));
    const confirmedLost = [...new Set(confirmed)].filter((id) => !present.has(id));
    const inboundTwice = records.filter((r) => Number(r.n) > 1).length;

    const latency = (list: Write[]) => {
      const ms = list.map((w) => w.ended - w.started).sort((x, y) => x - y);
      return ms.length ? `median ${ms[Math.floor(ms.length / 2)]} ms, p99 ${ms[Math.floor(ms.length * 0.99)]} ms` : 'none';
    };
    const seconds = (ms: number) => Math.round(ms / 1000);
    const each = (counts: Record<string, number>) => NAMES.map((n) => `${n} ${counts[n]}`).join(', ');
    const afterChange = locals.filter((w) => w.started >= changed).length;
    const notes = [
      `${NAMES.length} instances (${NAMES.join(', ')}), ${WRITERS} writers each; ${writes.length} writes in ` +
        `${seconds(writesEnded - writesStarted)} s (${locals.length} records API, ${syncNames.length} /sync)`,
      `write latency before the outbound object: ${latency(writes.filter((w) => w.ended <= createStarted))}; after: ${latency(mustArrive)}`,
      `outbox rows delivered: ${applied.length} (${mustArrive.length} written after the outbound object was created through a, ` +
        `${mustArrive.filter((w) => w.via !== 'a').length} of them through b and c); ` +
        `drained ${seconds(drained - writesEnded)} s after the last write`,
      `deliveries per instance (User-Agent at the receiver): ${each(deliveries)}`,
      `${CRON_OBJECTS} cron objects (created through a while writes flowed), ${DUE_TIMES} due times; runs per due time: ` +
        `${perDueTime.join(', ')} (each object once); limit per due time (changed through a before each): ` +
        rounds.map((r) => r.limits.join('/')).join(', '),
      `cron receive calls per instance: ${each(runsPerInstance)}`,
      `${pulled} items offered, ${new Set(confirmed).size} confirmed and all present; ${syncNames.length} /sync creates all present once`,
      `writes after the outbound object was changed through a (email mapped): ${afterChange}, all sent with the email`,
    ];
    publish('8. Several instances', {
      what:
        `${NAMES.length} instances on one database, ${CRON_OBJECTS} cron objects due at once × ${DUE_TIMES} due times, ` +
        `${ROWS.toLocaleString('en-US')} outbox rows, writes through all three`,
      tried: writes.length + runCounts.length,
      rowsChecked: mustArrive.length + syncNames.length + confirmed.length + runCounts.length,
      lost: lost.length + inboundLost.length + confirmedLost.length,
      duplicated: duplicated + twice.length + inboundTwice,
      notes,
    });

    expect({ lost, strays, withoutEmail, inboundLost, confirmedLost }).toEqual({
      lost: [],
      strays: [],
      withoutEmail: [],
      inboundLost: [],
      confirmedLost: [],
    });
    expect({ duplicated, twice, inboundTwice, failedRuns }).toEqual({ duplicated: 0, twice: [], inboundTwice: 0, failedRuns: [] });
    expect(perDueTime).toEqual(planned.map(() => CRON_OBJECTS));
    expect(rounds.map((r) => r.limits)).toEqual(rounds.map((_, i) => [10 + i]));
    expect(mustArrive.length).toBeGreaterThanOrEqual(ROWS);
    // Every instance did a share: of the deliveries and of the cron runs (one instance alone fails here).
    for (const name of NAMES) {
      expect({ name, deliveries: deliveries[name] > 0, runs: runsPerInstance[name] > 0 }).toEqual({ name, deliveries: true, runs: true });
    }
    expect(deliveries['(none)'] ?? 0).toBe(0);
  }, 1_800_000);
});

if (!isMysqlRun())
  it('several instances: MariaDB only (published as such)', () => {
    publish('8. Several instances', {
      what: 'not run on SQLite: several instances share one MySQL/MariaDB database (README, Operations); see the MariaDB row',
      tried: 0,
      lost: 0,
      duplicated: 0,
    });
  });
