import { DataSource } from 'typeorm';
import { OutboxEntity } from '../../src/sync-state/outbox.entity';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

/** Replays with a preview: POST /api/outbox/retry {"preview": true} says what would move and moves nothing. */
describe('outbox retry preview', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;
  type Json = Record<string, unknown>;

  const outbox = async (query: Json) => (await t.api().get('/api/outbox').query(query).expect(200)).body;
  const table = () =>
    t.app
      .get(DataSource)
      .getRepository(OutboxEntity)
      .find({ order: { id: 'ASC' } });

  /** Objects on one Odoo model and ref field share their web service (the fake's code RPL). */
  const outboundObject = async (webServiceId: number) => f.contactObject({ direction: 'odoo_to_external', mode: 'realtime', webServiceId });

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002', OUTBOX_BREAKER_THRESHOLD: '1000' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('a preview moves nothing and lists the rows; the real call then moves exactly those', async () => {
    // Every send refused with a 400: each change is dead at once, for both objects.
    fake.setFault({ type: 'http400' });
    const ws = await f.webService({ url: fake.urlFor('RPL'), shippingUrl: fake.urlFor('RPL') });
    const object = await outboundObject(ws.id);
    const other = await outboundObject(ws.id);
    for (let i = 0; i < 3; i++)
      await t
        .api()
        .post('/api/records/res.partner')
        .send({ name: `Replay ${i}` })
        .expect(201);
    for (const id of [object.id, other.id])
      await waitFor(async () => (await outbox({ status: 'dead', syncObjectId: id })).total === 3, `3 dead rows of object ${id}`);
    const before = await table();

    const preview = (await t.api().post('/api/outbox/retry').send({ syncObjectId: object.id, preview: true }).expect(200)).body;
    expect(preview).toMatchObject({ retried: 0, preview: true, wouldRetry: 3 });
    const ids = preview.items.map((row: Json) => row.id);
    expect(preview.items).toEqual(ids.map(() => expect.objectContaining({ syncObjectId: object.id, status: 'dead', lastHttpStatus: 400 })));
    expect(await table()).toEqual(before);
    // Without a sync object the preview counts every dead row.
    expect((await t.api().post('/api/outbox/retry').send({ preview: true }).expect(200)).body.wouldRetry).toBe(6);
    expect(await table()).toEqual(before);

    fake.clearFault();
    expect((await t.api().post('/api/outbox/retry').send({ syncObjectId: object.id }).expect(200)).body).toEqual({ retried: 3 });
    const after = await table();
    const moved = after.filter((row) => before.find((b) => b.id === row.id)!.status !== row.status).map((row) => row.id);
    expect(moved).toEqual(ids);
    expect(after.filter((row) => row.syncObjectId === other.id).map((row) => row.status)).toEqual(['dead', 'dead', 'dead']);
    await waitFor(async () => (await outbox({ status: 'done', syncObjectId: object.id })).total === 3, 'the retried rows delivered');
  });

  it('validates preview', async () => {
    const res = await t.api().post('/api/outbox/retry').send({ preview: 'yes' }).expect(400);
    expect(res.body.details.map((d: Json) => d.field)).toContain('preview');
  });
});
