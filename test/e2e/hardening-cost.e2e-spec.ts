/**
 * Issue 16 points 1 and 8: domains too big for the database are refused where they are stored
 * and where they are run (400 naming the term), and a delivery that fails before sending is
 * visible at once (row error, an attempt, a change-log row) instead of an `inflight` row.
 */
import { DataSource } from 'typeorm';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { SyncObjectCatalog } from '../../src/sync-objects/sync-object.catalog';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait-for';

const idTerms = (n: number) => `[${Array.from({ length: n }, (_, i) => `('id', '!=', ${i})`).join(', ')}]`;
const terms = (n: number) => `[${Array.from({ length: n }, (_, i) => `('email', '!=', 'x${i}@example.com')`).join(', ')}]`;

describe('hardening: what one domain may cost', () => {
  let t: TestApp;
  let f: Factory;
  let fake: FakeExternalSystem;

  beforeAll(async () => {
    fake = new FakeExternalSystem();
    await fake.start();
    t = await startTestApp({ OUTBOX_POLL_MS: '50', OUTBOX_BACKOFF_SCALE: '0.002' });
    f = new Factory(t);
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it.each([
    [
      "('id', 'child_of', [<1,000 names>])",
      `[('id', 'child_of', [${Array.from({ length: 1000 }, (_, i) => `'n${i}'`).join(', ')}])]`,
      /at most 100 values for child_of/,
    ],
    ['a 1,500-term domain', terms(1500), /at most 256 terms/],
    ["('comment', 'like', <6,000 characters>)", `[('comment', 'like', '${'x'.repeat(6000)}')]`, /at most 256 characters/],
    ["('comment', 'ilike', <12,000 characters>)", `[('comment', 'ilike', '${'y'.repeat(12000)}')]`, /at most 256 characters/],
  ])('the records API refuses %s with a 400 naming the term', async (_label, domain, message) => {
    const res = await t.api().post('/api/records/res.partner/search').send({ domain }).expect(400);
    expect(res.body.details).toEqual([{ field: 'domain', problem: expect.stringMatching(/^invalid term \(/) }]);
    expect(res.body.message).toMatch(message);
  });

  it('a sync object with a 300-term domain (under the DTO length) is refused where it is stored', async () => {
    const ws = await f.webService({ url: fake.urlFor('BIG'), shippingUrl: fake.urlFor('BIG') });
    await expect(f.contactObject({ direction: 'odoo_to_external', webServiceId: ws.id, domain: idTerms(300) })).rejects.toThrow(
      /400 .*domain.*at most 256 terms/,
    );
  });

  it('a delivery that fails before sending counts an attempt, keeps the reason and logs it', async () => {
    const ws = await f.webService({ url: fake.urlFor('CRASH'), shippingUrl: fake.urlFor('CRASH') });
    const object = await f.contactObject({
      direction: 'odoo_to_external',
      mode: 'realtime',
      webServiceId: ws.id,
      domain: "[('customer', '=', True)]",
    });
    // A domain stored before today's bounds existed (written around the API, as an old database holds it).
    await t.app.get(DataSource).query('UPDATE sync_object SET domain = ? WHERE id = ?', [terms(1500), object.id]);
    t.app.get(SyncObjectCatalog).invalidate();
    const partner = (await t.api().post('/api/records/res.partner').send({ name: 'Unlucky', customer: true }).expect(201)).body;
    const row = await waitFor(async () => {
      const items = (await t.api().get('/api/outbox').query({ syncObjectId: object.id }).expect(200)).body.items;
      return items.find((r: { attempts: number }) => r.attempts >= 1);
    }, 'an attempt recorded on the outbox row');
    expect(row).toMatchObject({ recordId: partner.id, lastError: expect.stringMatching(/at most 256 terms/) });
    // Pending with backoff (a tiny one here, so it may already be claimed again), never a silent lease.
    expect(['pending', 'dead', 'inflight']).toContain(row.status);
    const log = (await t.api().get('/api/change-log').query({ syncObjectId: object.id, status: 'failed' }).expect(200)).body.items;
    expect(log[0]).toMatchObject({
      direction: 'odoo_to_external',
      odooId: partner.id,
      errorMessage: expect.stringMatching(/at most 256 terms/),
    });
    expect(fake.sends('CRASH')).toEqual([]);
  });
});
