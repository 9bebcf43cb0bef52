import { DataSource } from 'typeorm';
import { AuditEntryEntity } from '../../src/audit/audit-entry.entity';
import { ChangeLog } from '../../src/change-control/change-log.entity';
import { ModelRegistry } from '../../src/odoo/model.registry';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

const KEY = 'R3APPLYK3Y0123456789ABCDEFGHIJKL';
type Json = Record<string, unknown>;

/**
 * POST /api/change-log/reapply (issue 14, replays with a preview): failed inbound changes go through
 * the inbound path again once their cause is fixed; a preview says how many and which and writes nothing.
 */
describe('re-applying failed inbound changes', () => {
  let t: TestApp;
  let f: Factory;
  let objectId: number;
  let code: string;

  const ds = () => t.app.get(DataSource);
  /** The tables a re-apply could write: the change log, the records, the outbox, the audit trail. */
  const tables = async () => ({
    changeLog: await ds()
      .getRepository(ChangeLog)
      .find({ order: { id: 'ASC' } }),
    partners: await ds()
      .getRepository(t.app.get(ModelRegistry).find('res.partner')!.entity)
      .find({ order: { id: 'ASC' } }),
    audit: await ds()
      .getRepository(AuditEntryEntity)
      .find({ order: { id: 'ASC' } }),
    outbox: (await ds().query('SELECT * FROM sync_outbox ORDER BY id')) as unknown[],
  });
  const send = (body: Json) => t.http().post(`/sync/${code}/create`).set('api_key', KEY).send(body);
  const reapply = (body: Json) => t.api().post('/api/change-log/reapply').send(body);
  const failedOf = async (externalId: string) =>
    (await t.api().get('/api/change-log').query({ syncObjectId: objectId, externalId, status: 'failed' }).expect(200)).body.items as Json[];

  beforeAll(async () => {
    t = await startTestApp();
    f = new Factory(t);
    await f.apiKey(KEY);
    const syncModel = await f.syncModel();
    code = syncModel.code;
    objectId = (await f.contactObject({ syncModelId: syncModel.id })).id;
    await f.country('Spain', 'ES');
  });
  afterAll(() => t.close());

  it('refuses a missing or mixed filter naming the field, writing nothing', async () => {
    const before = await tables();
    for (const [body, field] of [
      [{}, 'ids'],
      [{ ids: [1], syncObjectId: objectId }, 'syncObjectId'],
      [{ ids: [1], externalId: 'X' }, 'externalId'],
      [{ ids: [] }, 'ids'],
      [{ syncObjectId: objectId, limit: 501 }, 'limit'],
      [{ syncObjectId: objectId, from: 'yesterday' }, 'from'],
    ] as const) {
      const res = await reapply(body).expect(400);
      expect((res.body.details as { field: string }[]).map((d) => d.field)).toContain(field);
    }
    expect(await tables()).toEqual(before);
  });

  it('after adding the missing country: the preview lists the failed changes and writes nothing; the real call applies them', async () => {
    // Two contacts in a country Synchro does not know yet: both fail (a reference that cannot be resolved).
    await send({ name: 'Ana', unique_id: 'RA-1', country: 'PT' }).expect(422);
    await send({ name: 'Rui', unique_id: 'RA-2', country: 'PT' }).expect(422);
    // One that then succeeds: its earlier failure is not re-applied (a newer change was applied).
    await send({ name: 'Eva', unique_id: 'RA-3', country: 'PT' }).expect(422);
    await send({ name: 'Eva', unique_id: 'RA-3', country: 'ES' }).expect(200);
    const [ana] = await failedOf('RA-1');
    const [eva] = await failedOf('RA-3');
    await f.country('Portugal', 'PT');

    const before = await tables();
    const preview = (await reapply({ syncObjectId: objectId, preview: true }).expect(200)).body;
    expect(await tables()).toEqual(before);
    expect(preview).toMatchObject({ preview: true, matched: 3, considered: 3, wouldReapply: 2, skipped: 1, succeeded: 0, failed: 0 });
    expect(preview.items).toEqual([
      expect.objectContaining({ changeLogId: ana.id, externalId: 'RA-1', decision: 'reapply', action: 'create' }),
      expect.objectContaining({ externalId: 'RA-2', decision: 'reapply' }),
      expect.objectContaining({
        changeLogId: eva.id,
        decision: 'skip',
        reason: expect.stringMatching(/^a newer change of this record was applied/),
      }),
    ]);
    expect(preview.items[0]).not.toHaveProperty('outcome');

    const done = (await reapply({ syncObjectId: objectId }).expect(200)).body;
    expect(done).toMatchObject({ preview: false, wouldReapply: 2, skipped: 1, succeeded: 2, failed: 0 });
    // Exactly what the preview said, item for item.
    expect(done.items.map(({ outcome: _o, ...item }: Json) => item)).toEqual(preview.items);
    expect(done.items[0].outcome).toMatchObject({ status: 'success', odooId: expect.any(Number) });
    const partner = (await t.api().get('/api/records/res.partner').query({ domain: "[('x_sys_id', '=', 'RA-1')]" }).expect(200)).body
      .items[0] as Json;
    expect(partner).toMatchObject({ name: 'Ana' });
    // A new change-log row per re-applied change (trigger manual), and one audit entry for the call.
    const after = await tables();
    const newRows = after.changeLog.slice(before.changeLog.length);
    expect(newRows.map((row) => [row.externalId, row.status, row.trigger, row.direction])).toEqual([
      ['RA-1', 'success', 'manual', 'external_to_odoo'],
      ['RA-2', 'success', 'manual', 'external_to_odoo'],
    ]);
    const audit = (await t.api().get('/api/audit').query({ action: 'reapply' }).expect(200)).body.items as Json[];
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ resourceType: 'change-log' });

    // Again: every failed change of the object is now superseded, nothing is re-applied.
    const again = (await reapply({ syncObjectId: objectId }).expect(200)).body;
    expect(again).toMatchObject({ wouldReapply: 0, skipped: 3 });
    expect((await t.api().get('/api/audit').query({ action: 'reapply' }).expect(200)).body.items).toHaveLength(1);
  });

  it('by ids: a change that is not a failed inbound change is listed with the reason, and one that fails again says why', async () => {
    await send({ name: 'Ivo', unique_id: 'RA-9', country: 'FR' }).expect(422);
    const [ivo] = await failedOf('RA-9');
    const [success] = (await t.api().get('/api/change-log').query({ syncObjectId: objectId, status: 'success', limit: 1 }).expect(200)).body
      .items as Json[];
    const res = (await reapply({ ids: [ivo.id, success.id, 99_999_999] }).expect(200)).body;
    expect(res).toMatchObject({ matched: 2, considered: 2, wouldReapply: 1, skipped: 1, succeeded: 0, failed: 1 });
    const byId = new Map((res.items as Json[]).map((item) => [item.changeLogId, item]));
    expect(byId.get(success.id)).toMatchObject({ decision: 'skip', reason: 'not a failed inbound change' });
    expect(byId.get(ivo.id)).toMatchObject({
      decision: 'reapply',
      outcome: { status: 'failed', errorMessage: expect.stringContaining('FR') },
    });
    expect(await failedOf('RA-9')).toHaveLength(2);
  });
});
