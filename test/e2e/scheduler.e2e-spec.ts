import { INestApplication } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { DataSource } from 'typeorm';
import { ObjectRunner } from '../../src/scheduler/object-run.service';
import { RunClaims } from '../../src/scheduler/run-claims.service';
import { SyncRunEntity } from '../../src/scheduler/sync-run.entity';
import { SyncObjectEntity } from '../../src/sync-objects/sync-object.entity';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { createNamedApp, idleInstances } from '../support/per-instance';
import { isMysqlRun } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';
import { wallClock } from '../support/wall-clock';

/** The scheduler: due cron objects run by themselves, once per due time, across instances. */
describe('scheduler', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let codes = 0;
  type Json = Record<string, unknown>;
  const MINUTE = 60_000;

  const ds = () => t.app.get(DataSource);
  const setDue = (id: number, at: Date) => ds().getRepository(SyncObjectEntity).update({ id }, { nextRunAt: at });
  const cronRuns = async (syncObjectId: number) =>
    (await t.api().get('/api/sync-runs').query({ syncObjectId, trigger: 'cron' }).expect(200)).body.items as Json[];
  const finishedCronRuns = async (syncObjectId: number, count = 1) => {
    const runs = await cronRuns(syncObjectId);
    return runs.length >= count && runs.every((r) => r.status !== 'running') ? runs : undefined;
  };
  const nextRunAt = async (id: number) => (await t.api().get(`/api/sync-objects/${id}`).expect(200)).body.nextRunAt;
  /** Whole milliseconds in the past, as the database keeps them. */
  const ago = (ms: number) => new Date(Math.floor(Date.now() / 1000) * 1000 - ms);

  /** A cron Contact object on its own fake code, or on `shared`'s (objects of one test on one
   * model must share their web service: two web services cannot both keep ids in x_sys_id). */
  async function cronObject(schedule: Json = { interval: 1, unit: 'minutes' }, shared?: { code: string; wsId: number }) {
    const code = shared?.code ?? `SCH${++codes}`;
    const url = fake.urlFor(code);
    const wsId = shared?.wsId ?? (await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url })).id;
    const object = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', schedule, webServiceId: wsId });
    fake.offer(code, 'insert', { unique_id: `${code}-1`, name: `Scheduled ${code}` });
    return { code, object };
  }

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ INSTANCE_NAME: 'first', SCHEDULER_TICK_MS: '100', SCHEDULER_LEASE_MS: '3000', OUTBOX_POLL_MS: '50' });
    f = new Factory(t);
  });
  afterEach(() => f.removeObjects());
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('a new cron object is due one interval from now, and does not run before', async () => {
    const { object } = await cronObject({ interval: 5, unit: 'minutes' });
    const due = new Date(await nextRunAt(object.id)).getTime();
    expect(due).toBeGreaterThan(Date.now() + 4 * MINUTE);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await cronRuns(object.id)).toEqual([]);
  });

  it('runs a due object by itself, then moves nextRunAt on from the planned time (no drift)', async () => {
    const { code, object } = await cronObject();
    const planned = ago(1500);
    await setDue(object.id, planned);
    const [runView] = await waitFor(() => finishedCronRuns(object.id), 'the scheduled run');
    expect(runView).toMatchObject({
      trigger: 'cron',
      status: 'success',
      plannedAt: planned.toISOString(),
      counts: { received: 1, applied: 1, confirmed: 1 },
    });
    expect(await nextRunAt(object.id)).toBe(new Date(planned.getTime() + MINUTE).toISOString());
    expect(fake.pending(code)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cronRuns(object.id)).toHaveLength(1);
  });

  it('after downtime runs once and schedules the next future slot, not a burst of catch-up runs', async () => {
    const { object } = await cronObject({ interval: 5, unit: 'minutes' });
    const planned = ago(12.5 * MINUTE);
    await setDue(object.id, planned);
    await waitFor(() => finishedCronRuns(object.id), 'the run after downtime');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cronRuns(object.id)).toHaveLength(1);
    expect(await nextRunAt(object.id)).toBe(new Date(planned.getTime() + 15 * MINUTE).toISOString());
  });

  it('runs an object scheduled by a cron expression in its zone, then plans the next matching time', async () => {
    const { code, object } = await cronObject({ cron: '0 2 * * 1-5', timezone: 'Europe/Madrid' });
    const planned = ago(1500);
    await setDue(object.id, planned);
    const [runView] = await waitFor(() => finishedCronRuns(object.id), 'the run of the cron-expression object');
    expect(runView).toMatchObject({
      trigger: 'cron',
      status: 'success',
      plannedAt: planned.toISOString(),
      counts: { received: 1, applied: 1 },
    });
    expect(fake.pending(code)).toEqual([]);
    const next = await nextRunAt(object.id);
    expect(wallClock(next, 'Europe/Madrid')).toMatch(/^(Mon|Tue|Wed|Thu|Fri) 02:00$/);
    expect(Date.parse(next)).toBeGreaterThan(Date.now());
    expect(Date.parse(next)).toBeLessThanOrEqual(Date.now() + 4 * 86_400_000);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cronRuns(object.id)).toHaveLength(1);
  });

  it('drives every periodic job through @nestjs/schedule under its name, a run keeping its heartbeat job while it lasts', async () => {
    const registry = t.app.get(SchedulerRegistry);
    expect(registry.getIntervals()).toEqual(
      expect.arrayContaining(['scheduler.tick', 'outbox.poll', 'change-log.retention', 'outbox.retention']),
    );
    expect(registry.getTimeouts()).toEqual(expect.arrayContaining(['change-log.retention.first', 'outbox.retention.first']));
    const { code, object } = await cronObject();
    fake.setFault({ type: 'slow', kind: 'receive', code, delayMs: 800 });
    try {
      // .then sends the request now (supertest waits for it otherwise); the run answers when it ends.
      const started = t
        .api()
        .post(`/api/sync-objects/${object.id}/run`)
        .expect(200)
        .then((res) => res.body as Json);
      const heartbeat = await waitFor(
        () => registry.getIntervals().find((name) => /^sync-run\.\d+\.heartbeat$/.test(name)),
        'the heartbeat job',
      );
      const run = await started;
      expect(heartbeat).toBe(`sync-run.${run.id}.heartbeat`);
      expect(registry.getIntervals()).not.toContain(heartbeat);
    } finally {
      fake.clearFault();
    }
  });

  // MariaDB only, like the outbox's two-instance test: two instances of one process on one SQLite
  // file block each other's event loop (better-sqlite3 waits for the write lock synchronously).
  (isMysqlRun() ? it : it.skip)(
    'two instances on one MariaDB database: one run per due time, never two at once, both running some',
    async () => {
      const second: INestApplication = await createNamedApp('second');
      await second.init();
      try {
        const first = await cronObject();
        const shared = { code: first.code, wsId: Number(first.object.webServiceId) };
        // More objects due at once than one instance runs at a time (SCHEDULER_CONCURRENCY, 4), each run
        // slow: the other instance must take some, or they wait.
        const objects = [first];
        for (let i = 1; i < 8; i++) objects.push(await cronObject(undefined, shared));
        fake.setFault({ type: 'slow', kind: 'receive', code: shared.code, delayMs: 300 });
        const receivedBefore = fake.receives(shared.code).length;
        const planned = ago(1000);
        await Promise.all(objects.map(({ object }) => setDue(object.id, planned)));
        for (const { object } of objects) await waitFor(() => finishedCronRuns(object.id), `the run of ${object.id}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
        for (const { object } of objects) {
          const runs = await cronRuns(object.id);
          expect(runs).toHaveLength(1);
          expect(runs[0]).toMatchObject({ status: 'success', plannedAt: planned.toISOString() });
        }
        // Counted at the receiver (the runs' receive calls): both instances ran a share.
        expect(idleInstances(fake.receives(shared.code).slice(receivedBefore), ['first', 'second'])).toEqual([]);

        // Head to head: many simultaneous claims of one due time from both instances (and their tickers).
        const { object } = await cronObject(undefined, shared);
        const due = ago(1000);
        await setDue(object.id, due);
        const dueObject = { id: object.id, nextRunAt: due, scheduleInterval: 1, scheduleUnit: 'minutes' as const };
        const claims = await Promise.all(
          [t.app, second, t.app, second, t.app, second].map((app) => app.get(RunClaims).claimDue(dueObject, new Date())),
        );
        const won = claims.filter((c) => c !== null);
        expect(won.length).toBeLessThanOrEqual(1);
        for (const run of won) await t.app.get(ObjectRunner).execute(run!);
        await waitFor(() => finishedCronRuns(object.id), 'the contested run');
        expect(await cronRuns(object.id)).toHaveLength(1);
      } finally {
        fake.clearFault();
        await second.close();
      }
    },
  );

  it('waits for a live run held elsewhere, and takes over once that holder stops renewing its lease', async () => {
    const { object } = await cronObject();
    const runs = ds().getRepository(SyncRunEntity);
    // Another instance is running the object and renewing its lease.
    const held = await runs.save(
      runs.create({
        syncObjectId: object.id,
        trigger: 'manual',
        status: 'running',
        plannedAt: null,
        startedAt: new Date(),
        finishedAt: null,
        received: 0,
        applied: 0,
        failed: 0,
        confirmed: 0,
        sent: 0,
        error: null,
        progress: null,
        leaseOwner: 'synchro-elsewhere',
        leaseUntil: new Date(Date.now() + MINUTE),
        runningObjectId: object.id,
      }),
    );
    await setDue(object.id, ago(1000));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await cronRuns(object.id)).toEqual([]);
    // The holder crashed: its lease runs out.
    await runs.update({ id: held.id }, { leaseUntil: new Date(Date.now() - 1000) });
    await waitFor(() => finishedCronRuns(object.id), 'the run after the takeover');
    const abandoned = (await t.api().get(`/api/sync-runs/${held.id}`).expect(200)).body;
    expect(abandoned).toMatchObject({ status: 'failed', error: expect.stringContaining('abandoned') });
    expect(abandoned.finishedAt).toBeTruthy();
  });

  it('lists runs newest first with filters and pages, and shows one run', async () => {
    const { object } = await cronObject();
    const first = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    const second = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    const page = (await t.api().get('/api/sync-runs').query({ syncObjectId: object.id, trigger: 'manual', limit: 1 }).expect(200)).body;
    expect(page).toEqual({ total: 2, items: [second] });
    const next = (await t.api().get('/api/sync-runs').query({ syncObjectId: object.id, limit: 1, offset: 1 }).expect(200)).body;
    expect(next.items).toEqual([first]);
    expect((await t.api().get('/api/sync-runs').query({ syncObjectId: object.id, status: 'failed' }).expect(200)).body.total).toBe(0);
    expect((await t.api().get(`/api/sync-runs/${first.id}`).expect(200)).body).toEqual(first);
    expect(first).toEqual({
      id: expect.any(Number),
      syncObjectId: object.id,
      trigger: 'manual',
      status: 'success',
      plannedAt: null,
      startedAt: expect.any(String),
      finishedAt: expect.any(String),
      counts: { received: 1, applied: 1, failed: 0, confirmed: 1, sent: 0 },
      error: null,
      progress: { phase: 'done', batches: 1, message: 'received 1, applied 1, failed 0, confirmed 1, sent 0' },
      hold: null,
      guardBypassed: false,
      drift: { unknownKeys: 0, missingFields: 0, typeMismatches: 0 },
    });
    await t.api().get('/api/sync-runs/999999').expect(404);
    const bad = (await t.api().get('/api/sync-runs').query({ status: 'done', trigger: 'sometimes' }).expect(400)).body;
    expect(bad.details.map((d: Json) => d.field).sort()).toEqual(['status', 'trigger']);
  });
});
