import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Json = Record<string, unknown>;

/**
 * The guard's burst rule for real-time deletes (issue 14): more than `maxDeletes.count` deletes within
 * `windowSeconds` and the further ones are held with a held run (trigger `realtime`), answered as
 * accepted; the release applies them once; the alert says so.
 */
describe('real-time delete bursts', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  let apiKey: string;

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off', ALERT_EVALUATE_MS: '0' });
    f = new Factory(t);
    apiKey = await f.apiKey();
  });
  afterEach(() => f.removeObjects());
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  const refs = async (prefix: string) =>
    (
      (
        await t
          .api()
          .get('/api/records/res.partner')
          .query({ domain: `[('x_sys_id', '=like', '${prefix}%')]`, limit: 100 })
          .expect(200)
      ).body.items as Json[]
    )
      .map((p) => String(p.x_sys_id))
      .sort();

  it('holds the deletes past the rule, keeps them with one held run, and the release applies them once', async () => {
    const url = fake.urlFor('BURST');
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ webServiceId: ws.id, guard: { maxDeletes: { count: 2, windowSeconds: 600 } } });
    const sync = (method: 'post' | 'delete', path: string, body?: Json) =>
      t.http()[method](`/sync/${object.syncModelCode}/${path}`).set('api_key', apiKey).send(body);
    for (let i = 1; i <= 5; i++) await sync('post', 'create', { unique_id: `B-${i}`, name: `Burst ${i}` }).expect(200);

    // A delete of a record that does not exist changes nothing: not counted.
    expect((await sync('delete', 'B-NONE').expect(200)).body.result.status).toBe('success');
    for (const id of ['B-1', 'B-2']) expect((await sync('delete', id).expect(200)).body.result.message).toBeUndefined();
    const third = (await sync('delete', 'B-3').expect(200)).body.result;
    expect(third).toMatchObject({ status: 'success', external_id: 'B-3', odoo_id: null });
    expect(third.message).toMatch(/^held: maxDeletes\.count 2 exceeded: 3 real-time deletes within 600 s \(run \d+ awaits release\)$/);
    expect((await sync('delete', 'B-4').expect(200)).body.result.message).toMatch(/^held: /);
    expect(await refs('B-')).toEqual(['B-3', 'B-4', 'B-5']);

    const held = (await t.api().get('/api/sync-runs').query({ syncObjectId: object.id, status: 'held' }).expect(200)).body.items as Json[];
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ trigger: 'realtime', status: 'held', counts: { received: 2, applied: 0 } });
    const alert = ((await t.api().get('/api/alerts?kind=sync-object').expect(200)).body.items as Json[]).find((a) => a.id === object.id);
    expect(alert).toMatchObject({ level: 'warning', reasons: [expect.stringMatching(/1 run held/)] });

    const released = (await t.api().post(`/api/sync-runs/${held[0].id}/release`).expect(200)).body;
    expect(released).toMatchObject({ status: 'success', counts: { received: 2, applied: 2, confirmed: 0 } });
    expect(await refs('B-')).toEqual(['B-5']);
    expect(fake.confirmations('BURST')).toHaveLength(0); // answered when they came: nothing to confirm
    await t.api().post(`/api/sync-runs/${held[0].id}/release`).expect(409);
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, action: 'unlink', limit: 50 }).expect(200)).body
      .items;
    expect(log.filter((row: Json) => row.externalId === 'B-3' || row.externalId === 'B-4')).toHaveLength(2);

    // The window still holds 2 deletes: the next one is held again, in a new run.
    const again = (await sync('delete', 'B-5').expect(200)).body.result.message as string;
    expect(again).toMatch(/^held: /);
    expect(again).not.toContain(`run ${held[0].id} `);
  });

  it('an object without a burst rule deletes as always', async () => {
    const object = await f.contactObject({ guard: { maxDeletes: { count: 1 } } });
    const sync = (method: 'post' | 'delete', path: string, body?: Json) =>
      t.http()[method](`/sync/${object.syncModelCode}/${path}`).set('api_key', apiKey).send(body);
    for (let i = 1; i <= 3; i++) await sync('post', 'create', { unique_id: `N-${i}`, name: `No rule ${i}` }).expect(200);
    for (let i = 1; i <= 3; i++) expect((await sync('delete', `N-${i}`).expect(200)).body.result.message).toBeUndefined();
    expect(await refs('N-')).toEqual([]);
  });
});
