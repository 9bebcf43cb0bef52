import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The mass-change guard: a run whose plan exceeds a threshold is held, nothing of it applied nor confirmed. */
describe('mass-change guard', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;

  const partners = async (prefix: string) =>
    (
      (
        await t
          .api()
          .get('/api/records/res.partner')
          .query({ domain: `[('x_sys_id', '=like', '${prefix}%')]`, limit: 1000 })
          .expect(200)
      ).body.items as { x_sys_id: string; name: string }[]
    )
      .map((p) => `${p.x_sys_id}:${p.name}`)
      .sort();

  /** A cron object on its own fake code (confirmation on), with `count` records G-<code>-<i> already synced. */
  const setUp = async (code: string, guard: unknown, count: number) => {
    await f.removeObjects();
    const url = fake.urlFor(code);
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id, guard });
    for (let i = 0; i < count; i++)
      await t
        .api()
        .post('/api/records/res.partner')
        .send({ name: `Kept ${i}`, x_sys_id: `${code}-${i}` })
        .expect(201);
    return object;
  };

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('holds a run whose deletes exceed maxDeletes.percent: nothing applied, nothing confirmed, the reason has the figures', async () => {
    const object = await setUp('GDEL', { maxDeletes: { count: 100, percent: 20 } }, 10);
    const before = await partners('GDEL-');
    fake.seed('GDEL', [
      { action: 'delete', values: { unique_id: 'GDEL-0' } },
      { action: 'delete', values: { unique_id: 'GDEL-1' } },
      { action: 'delete', values: { unique_id: 'GDEL-2' } },
      { action: 'update', values: { unique_id: 'GDEL-3', name: 'Renamed' } },
      { action: 'insert', values: { unique_id: 'GDEL-NEW', name: 'New' } },
    ]);
    const run = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(run).toMatchObject({
      status: 'held',
      counts: { received: 5, applied: 0, failed: 0, confirmed: 0 },
      hold: { reason: 'maxDeletes.percent 20 exceeded: 3 of 10 records (30 %)', releasedAt: null, releasedBy: null },
      guardBypassed: false,
    });
    expect(await partners('GDEL-')).toEqual(before);
    expect(fake.confirmations('GDEL')).toHaveLength(0);
    expect(fake.pending('GDEL')).toHaveLength(5);
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id }).expect(200)).body;
    expect(log.total).toBe(0);
    // Listed by status, and the object's alert says why.
    const held = (await t.api().get('/api/sync-runs').query({ status: 'held', syncObjectId: object.id }).expect(200)).body;
    expect(held.items.map((r: { id: number }) => r.id)).toEqual([run.id]);
    const alerts = (await t.api().get('/api/alerts').expect(200)).body.items as {
      kind: string;
      id: number;
      level: string;
      reasons: string[];
    }[];
    expect(alerts.find((a) => a.kind === 'sync-object' && a.id === object.id)).toMatchObject({
      level: 'warning',
      reasons: [expect.stringContaining(`run held, awaiting release (run ${run.id}: maxDeletes.percent 20`)],
    });
  });

  it('a plan within the thresholds runs as usual', async () => {
    const object = await setUp('GOK', { maxDeletes: { count: 1 }, maxUpdates: { percent: 50 } }, 4);
    fake.seed('GOK', [
      { action: 'delete', values: { unique_id: 'GOK-0' } },
      { action: 'update', values: { unique_id: 'GOK-1', name: 'Renamed' } },
      { action: 'delete', values: { unique_id: 'GOK-ABSENT' } },
    ]);
    const run = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(run).toMatchObject({ status: 'success', counts: { received: 3, applied: 3, confirmed: 3 }, hold: null });
    expect(await partners('GOK-')).toEqual(['GOK-1:Renamed', 'GOK-2:Kept 2', 'GOK-3:Kept 3']);
  });

  it('holds on maxUpdates.count', async () => {
    const object = await setUp('GUPD', { maxUpdates: { count: 1 } }, 3);
    fake.seed('GUPD', [
      { action: 'update', values: { unique_id: 'GUPD-0', name: 'A' } },
      { action: 'update', values: { unique_id: 'GUPD-1', name: 'B' } },
    ]);
    const run = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(run).toMatchObject({ status: 'held', hold: { reason: 'maxUpdates.count 1 exceeded: 2 updates planned' } });
    expect(await partners('GUPD-')).toEqual(['GUPD-0:Kept 0', 'GUPD-1:Kept 1', 'GUPD-2:Kept 2']);
  });

  it('is validated with field-named errors, shown in the view, changed by PATCH and cleared with null', async () => {
    const object = await setUp('GVAL', { maxDeletes: { count: 5, windowSeconds: 60 } }, 0);
    expect(object.guard).toEqual({ maxDeletes: { count: 5, windowSeconds: 60 } });
    const bad = async (guard: unknown, field: string) => {
      const res = await t.api().patch(`/api/sync-objects/${object.id}`).send({ guard }).expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    };
    await bad({ maxDeletes: { percent: 150 } }, 'guard.maxDeletes.percent');
    await bad({ maxDeletes: { count: -1 } }, 'guard.maxDeletes.count');
    await bad({ maxUpdates: { count: 'many' } }, 'guard.maxUpdates.count');
    await bad({ maxUpdates: { windowSeconds: 5 } }, 'guard.maxUpdates.windowSeconds');
    await bad({ maxDeletes: { windowSeconds: 60 } }, 'guard.maxDeletes.windowSeconds');
    await bad({ maxDeletes: null }, 'guard.maxDeletes');
    await bad('lots', 'guard');
    expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.guard).toEqual({
      maxDeletes: { count: 5, windowSeconds: 60 },
    });
    const patched = (
      await t
        .api()
        .patch(`/api/sync-objects/${object.id}`)
        .send({ guard: { maxUpdates: { percent: 12.5 } } })
        .expect(200)
    ).body;
    expect(patched.guard).toEqual({ maxUpdates: { percent: 12.5 } });
    const exported = (await t.api().get('/api/config/export').expect(200)).body;
    expect(exported.syncObjects.find((o: { name: string }) => o.name === object.name).guard).toEqual({ maxUpdates: { percent: 12.5 } });
    expect((await t.api().patch(`/api/sync-objects/${object.id}`).send({ guard: null }).expect(200)).body.guard).toBeNull();
    // Import carries it back.
    const doc = { ...exported, syncObjects: exported.syncObjects.map((o: object) => ({ ...o, guard: { maxDeletes: { count: 9 } } })) };
    await t.api().post('/api/config/import').send(doc).expect(200);
    expect((await t.api().get(`/api/sync-objects/${object.id}`).expect(200)).body.guard).toEqual({ maxDeletes: { count: 9 } });
  });
});
