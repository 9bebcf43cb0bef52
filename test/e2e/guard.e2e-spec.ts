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

  it('release applies exactly the kept plan once, even if the external system now offers other items; audited', async () => {
    const object = await setUp('GREL', { maxDeletes: { count: 1 } }, 4);
    fake.seed('GREL', [
      { action: 'delete', values: { unique_id: 'GREL-0' } },
      { action: 'delete', values: { unique_id: 'GREL-1' } },
      { action: 'update', values: { unique_id: 'GREL-2', name: 'Renamed' } },
    ]);
    const held = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(held.status).toBe('held');
    // Meanwhile the external system changed its mind: GREL-1 is no longer to be deleted, GREL-3 is renamed instead.
    fake.clear();
    fake.seed('GREL', [{ action: 'update', values: { unique_id: 'GREL-3', name: 'Other' } }]);
    const released = (await t.api().post(`/api/sync-runs/${held.id}/release`).expect(200)).body;
    expect(released).toMatchObject({
      id: held.id,
      status: 'success',
      counts: { received: 3, applied: 3, failed: 0, confirmed: 3 },
      hold: {
        reason: 'maxDeletes.count 1 exceeded: 2 deletes planned',
        releasedAt: expect.any(String),
        releasedBy: expect.stringContaining('admin-token'),
      },
    });
    expect(await partners('GREL-')).toEqual(['GREL-2:Renamed', 'GREL-3:Kept 3']);
    // The kept items were confirmed (the external system may drop them), not what it offers now.
    expect(
      fake.confirmations('GREL').flatMap((c) => (c.body as { content: { external_id: string }[] }).content.map((i) => i.external_id)),
    ).toEqual(['GREL-0', 'GREL-1', 'GREL-2']);
    // Once only.
    const again = (await t.api().post(`/api/sync-runs/${held.id}/release`).expect(409)).body;
    expect(again.code).toBe('SYNC_RUN.ALREADY_RELEASED');
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, limit: 100 }).expect(200)).body.items as {
      name: string;
    }[];
    expect(log.filter((r) => !r.name.startsWith('Confirm'))).toHaveLength(3);
    const audit = (await t.api().get('/api/audit').query({ resourceType: 'sync-run' }).expect(200)).body.items;
    expect(audit).toEqual([expect.objectContaining({ action: 'release', resourceId: String(held.id), actor: 'admin-token' })]);
    // A run that is not held cannot be released; an unknown one is 404.
    const normal = (await t.api().post(`/api/sync-objects/${object.id}/run`).expect(200)).body;
    expect(normal.status).toBe('success');
    expect((await t.api().post(`/api/sync-runs/${normal.id}/release`).expect(409)).body.code).toBe('SYNC_RUN.NOT_HELD');
    await t.api().post('/api/sync-runs/999999/release').expect(404);
    expect(
      (await t.api().get('/api/alerts').expect(200)).body.items.find(
        (a: { kind: string; id: number }) => a.kind === 'sync-object' && a.id === object.id,
      ),
    ).toMatchObject({ level: 'ok' });
  });

  it('bypassGuard runs once without the guard (audited, shown on the run); the next run is guarded again', async () => {
    const object = await setUp('GBYP', { maxDeletes: { count: 0 } }, 3);
    fake.seed('GBYP', [{ action: 'delete', values: { unique_id: 'GBYP-0' } }]);
    const bypassed = (await t.api().post(`/api/sync-objects/${object.id}/run`).send({ bypassGuard: true }).expect(200)).body;
    expect(bypassed).toMatchObject({ status: 'success', guardBypassed: true, hold: null, counts: { applied: 1 } });
    expect(await partners('GBYP-')).toEqual(['GBYP-1:Kept 1', 'GBYP-2:Kept 2']);
    const audit = (
      await t
        .api()
        .get('/api/audit')
        .query({ resourceType: 'sync-object', resourceId: String(object.id) })
        .expect(200)
    ).body.items;
    expect(audit.find((e: { action: string }) => e.action === 'run')).toMatchObject({ diff: { bypassGuard: { to: true } } });
    fake.seed('GBYP', [{ action: 'delete', values: { unique_id: 'GBYP-1' } }]);
    const guarded = (await t.api().post(`/api/sync-objects/${object.id}/run`).send({}).expect(200)).body;
    expect(guarded).toMatchObject({ status: 'held', guardBypassed: false });
    expect((await t.api().post(`/api/sync-objects/${object.id}/run`).send({ bypassGuard: 'yes' }).expect(400)).body.details[0].field).toBe(
      'bypassGuard',
    );
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
