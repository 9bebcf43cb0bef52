/**
 * Two Synchro instances (real processes) on one database: a configuration change
 * made through one is used at once by the other's captures and inbound routes
 * (issue 11 point 1: the configuration version read in every capturing transaction).
 */
import { FakeExternalSystem } from '../fake-external/fake-external';
import { ADMIN_AUTH, AppProcess, freePort, startAppProcess } from '../support/app-process';
import { CON_FIELDS, CON_MAPPINGS } from '../support/factories';
import { idleInstances } from '../support/per-instance';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { waitFor } from '../support/wait-for';

const ENV = { OUTBOX_POLL_MS: '100', OUTBOX_BACKOFF_SCALE: '0.001' };

describe('configuration changes across instances', () => {
  let db: TestDatabase;
  let fake: FakeExternalSystem;
  let a: AppProcess;
  let b: AppProcess;
  let webServiceId: number;
  let syncModelId: number;
  let apiKey: string;

  const createObject = async (via: AppProcess, name: string, overrides: Record<string, unknown> = {}) =>
    (
      await via
        .api()
        .post('/api/sync-objects')
        .set(ADMIN_AUTH)
        .send({
          name,
          direction: 'odoo_to_external',
          mode: 'realtime',
          webServiceId,
          syncModelId,
          odooModel: 'res.partner',
          externalRefField: 'unique_id',
          fields: CON_MAPPINGS,
          ...overrides,
        })
        .expect(201)
    ).body as { id: number };
  const createPartner = (via: AppProcess, name: string) =>
    via.api().post('/api/records/res.partner').set(ADMIN_AUTH).send({ name }).expect(201);
  const sentNames = (code: string) => new Set(fake.sends(code).map((r) => (r.body as { values?: { name?: string } }).values?.name));

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    db = await createTestDatabase();
    a = await startAppProcess(db, freePort(), { ...ENV, INSTANCE_NAME: 'a' });
    b = await startAppProcess(db, freePort(), { ...ENV, INSTANCE_NAME: 'b' });
    webServiceId = (
      await a
        .api()
        .post('/api/web-services')
        .set(ADMIN_AUTH)
        .send({ name: 'ext', url: fake.urlFor('CON'), shippingUrl: fake.urlFor('CON') })
    ).body.id;
    syncModelId = (await a.api().post('/api/sync-models').set(ADMIN_AUTH).send({ name: 'Contact', code: 'CON', fields: CON_FIELDS })).body
      .id;
    apiKey = (await a.api().post('/api/settings/api-keys').set(ADMIN_AUTH).send({ name: 'ext' }).expect(201)).body.key;
  }, 120_000);
  afterAll(async () => {
    await a?.kill();
    await b?.kill();
    await fake.stop();
    await db.drop();
  });

  it('queues every write made through either instance right after an object is created through one', async () => {
    // B has just used its configuration (nothing to capture yet): a cache would now be fresh, and wrong.
    await createPartner(b, 'before the object');
    const object = await createObject(a, 'out');
    for (let i = 0; i < 200; i++) await createPartner(i % 2 ? b : a, `P${i}`);
    await waitFor(() => sentNames('CON').size >= 200, 'the 200 deliveries', 60_000, 100);
    const names = sentNames('CON');
    const missing = Array.from({ length: 200 }, (_, i) => `P${i}`).filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    // Both instances delivered a share (each wakes on its own writes): the test would not pass with A alone.
    expect(idleInstances(fake.sends('CON'), ['a', 'b'])).toEqual([]);
    // Deactivated through A: a write through B right after is not queued.
    await a.api().patch(`/api/sync-objects/${object.id}`).set(ADMIN_AUTH).send({ active: false }).expect(200);
    await createPartner(b, 'after the switch-off');
    await createPartner(a, 'after the switch-off on A');
    const queued = await b.api().get('/api/outbox').set(ADMIN_AUTH).query({ syncObjectId: object.id }).expect(200);
    expect(queued.body.total).toBe(200);
  }, 180_000);

  it('refuses an inbound call through B once the object was switched off through A', async () => {
    const inbound = await createObject(a, 'in', { direction: 'external_to_odoo', fields: CON_MAPPINGS });
    const send = (name: string, uniqueId: string) =>
      b.api().post('/sync/CON/create').set('api_key', apiKey).send({ name, unique_id: uniqueId });
    expect((await send('Accepted', 'IN-1')).status).toBe(200);
    await a.api().patch(`/api/sync-objects/${inbound.id}`).set(ADMIN_AUTH).send({ active: false }).expect(200);
    const refused = await send('Refused', 'IN-2');
    expect(refused.status).toBe(404);
    expect(refused.body.result).toMatchObject({ status: 'failed', error_message: expect.stringContaining('no active sync object') });
  }, 60_000);

  // B answers from its cached configuration and confirms it in the transaction: a change through A in between sends
  // the call back to a fresh lookup (404 here, nothing written), and an endpoint switched on through A is used at once.
  it("answers through B by A's endpoint switches, writing nothing for a refused call", async () => {
    const inbound = await createObject(a, 'in-endpoints', { direction: 'external_to_odoo', fields: CON_MAPPINGS });
    const send = (uniqueId: string) =>
      b
        .api()
        .post('/sync/CON/create')
        .set('api_key', apiKey)
        .send({ name: `n ${uniqueId}`, unique_id: uniqueId });
    const switchCreate = (active: boolean) =>
      a
        .api()
        .patch(`/api/sync-objects/${inbound.id}`)
        .set(ADMIN_AUTH)
        .send({ endpoints: [{ action: 'create', active }] })
        .expect(200);
    expect((await send('EP-1')).status).toBe(200);
    await switchCreate(false);
    const refused = await send('EP-2');
    expect(refused.status).toBe(404);
    expect(refused.body.result.error_message).toContain('switched off');
    const written = await b
      .api()
      .get('/api/records/res.partner')
      .set(ADMIN_AUTH)
      .query({ domain: JSON.stringify([['name', '=', 'n EP-2']]) });
    expect(written.status).toBe(200);
    expect(written.body.total).toBe(0);
    expect((await b.api().get('/api/change-log').set(ADMIN_AUTH).query({ externalId: 'EP-2' })).body.total).toBe(0);
    await switchCreate(true);
    expect((await send('EP-3')).status).toBe(200);
    await a.api().patch(`/api/sync-objects/${inbound.id}`).set(ADMIN_AUTH).send({ active: false }).expect(200);
  }, 60_000);
});
