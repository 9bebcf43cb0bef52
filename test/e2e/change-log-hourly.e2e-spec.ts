import { ChangeLogService } from '../../src/change-control/change-log.service';
import { NewChangeLogEntry } from '../../src/change-control/change-log.types';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;

describe('GET /api/change-log/hourly (the console chart)', () => {
  let t: TestApp;
  const hourStart = (ms: number) => Math.floor(ms / HOUR) * HOUR;
  const now = Date.now();

  beforeAll(async () => {
    t = await startTestApp();
    const uow = t.app.get(UnitOfWork);
    const log = t.app.get(ChangeLogService);
    const write = (over: Partial<NewChangeLogEntry>) =>
      uow.run(() =>
        log.record({
          direction: 'external_to_odoo',
          action: 'create',
          status: 'success',
          trigger: 'realtime',
          model: 'res.partner',
          ...over,
        }),
      );
    await write({ syncObjectId: 1, syncedAt: new Date(now) });
    await write({ syncObjectId: 1, syncedAt: new Date(now) });
    await write({ syncObjectId: 1, status: 'failed', syncedAt: new Date(now) });
    await write({ syncObjectId: 1, syncedAt: new Date(hourStart(now) - 2 * HOUR + 60_000) });
    await write({ syncObjectId: 2, status: 'failed', syncedAt: new Date(now) });
    // Outside the 24 h window.
    await write({ syncObjectId: 1, syncedAt: new Date(hourStart(now) - 30 * HOUR) });
  });
  afterAll(() => t.close());

  it('answers 24 zero-filled hourly buckets for one object, oldest first', async () => {
    const { body } = await t.api().get('/api/change-log/hourly').query({ syncObjectId: 1 }).expect(200);
    expect(body.buckets).toHaveLength(24);
    const last = body.buckets[23];
    expect(Date.parse(last.hour)).toBe(hourStart(now));
    expect(last).toMatchObject({ success: 2, failed: 1 });
    expect(body.buckets[21]).toMatchObject({ success: 1, failed: 0 });
    const total = body.buckets.reduce((sum: number, b: { success: number; failed: number }) => sum + b.success + b.failed, 0);
    expect(total).toBe(4);
  });

  it('counts every object without a filter, and takes a shorter window', async () => {
    const { body } = await t.api().get('/api/change-log/hourly').query({ hours: 1 }).expect(200);
    expect(body.buckets).toEqual([{ hour: new Date(hourStart(now)).toISOString(), success: 2, failed: 2 }]);
  });

  it.each([{ hours: 0 }, { hours: 169 }, { syncObjectId: 'x' }])('rejects %p naming the field', async (query) => {
    const { body } = await t.api().get('/api/change-log/hourly').query(query).expect(400);
    expect(body.details[0].field).toBe(Object.keys(query)[0]);
  });
});
