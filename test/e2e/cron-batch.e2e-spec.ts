import { FakeExternalSystem } from '../fake-external/fake-external';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** A cron batch is applied set-based (InboundBatchApplier) while each bad item still fails alone. */
describe('cron mode: batched receive', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;

  const run = async (objectId: number) => (await t.api().post(`/api/sync-objects/${objectId}/run`).expect(200)).body;
  const partners = async (domain: string) =>
    (await t.api().get('/api/records/res.partner').query({ domain, limit: 1000 }).expect(200)).body;

  beforeAll(async () => {
    fake = new FakeExternalSystem({ idField: 'unique_id' });
    await fake.start();
    t = await startTestApp({ SCHEDULER: 'off' });
    f = new Factory(t);
    await f.country('Spain', 'ES');
    await f.country('France', 'FR');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('applies a batch of creates, updates and deletes; bad items fail alone with their reasons and log rows', async () => {
    const url = fake.urlFor('BATCH');
    const ws = await f.webService({ url, shippingUrl: url, needsConfirmation: true, confirmationUrl: url });
    const object = await f.contactObject({ direction: 'external_to_odoo', mode: 'cron', webServiceId: ws.id, limit: 100 });
    // Records that exist already: one to update, one to delete.
    await t.api().post('/api/records/res.partner').send({ name: 'Old name', x_sys_id: 'B-UPD' }).expect(201);
    await t.api().post('/api/records/res.partner').send({ name: 'Doomed', x_sys_id: 'B-DEL' }).expect(201);
    const items = Array.from({ length: 30 }, (_, i) => ({
      action: 'insert' as const,
      values: { unique_id: `B-${i}`, name: `Batch ${i}`, country: i % 2 ? 'ES' : 'FR' },
    }));
    items[7].values.country = 'XX';
    delete (items[12].values as { name?: string }).name;
    fake.seed('BATCH', [
      ...items,
      { action: 'update', values: { unique_id: 'B-UPD', name: 'New name', country: 'ES' } },
      { action: 'delete', values: { unique_id: 'B-DEL' } },
      { action: 'delete', values: { unique_id: 'B-NEVER' } },
    ]);
    const result = await run(object.id);
    expect(result).toMatchObject({ status: 'partial', counts: { received: 33, applied: 31, failed: 2, confirmed: 33 } });

    const created = await partners("[('x_sys_id', '=like', 'B-%')]");
    const names = new Map(created.items.map((p: { x_sys_id: string; name: string }) => [p.x_sys_id, p.name]));
    expect(names.get('B-0')).toBe('Batch 0');
    expect(names.get('B-29')).toBe('Batch 29');
    expect(names.has('B-7')).toBe(false);
    expect(names.has('B-12')).toBe(false);
    expect(names.get('B-UPD')).toBe('New name');
    expect(names.has('B-DEL')).toBe(false);
    const spain = (await t.api().get('/api/records/res.country').query({ domain: "[('code', '=', 'ES')]" })).body.items[0].id;
    expect(created.items.find((p: { x_sys_id: string }) => p.x_sys_id === 'B-1').country_id).toBe(spain);

    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, limit: 500 }).expect(200)).body.items as {
      externalId: string;
      status: string;
      action: string;
      name: string;
      errorMessage: string | null;
    }[];
    const applied = log.filter((row) => !row.name.startsWith('Confirm'));
    expect(applied.filter((row) => row.status === 'success')).toHaveLength(31);
    expect(applied.find((row) => row.externalId === 'B-7')).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringContaining('XX'),
    });
    expect(applied.find((row) => row.externalId === 'B-12')).toMatchObject({
      status: 'failed',
      errorMessage: expect.stringContaining('name'),
    });
    expect(applied.find((row) => row.externalId === 'B-UPD')).toMatchObject({ action: 'write', status: 'success' });

    // The confirmation told the external system exactly which items failed.
    const confirmation = fake.confirmations('BATCH')[0].body as { content: { external_id: string; status: string }[] };
    const failed = confirmation.content.filter((c) => c.status === 'failed').map((c) => String(c.external_id));
    expect(failed.sort()).toEqual(['B-12', 'B-7']);
  });
});
