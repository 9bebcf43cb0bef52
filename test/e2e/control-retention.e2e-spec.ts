import { DataSource } from 'typeorm';
import { DriftEntryEntity } from '../../src/drift/drift-entry.entity';
import { DriftRetention } from '../../src/drift/drift.retention';
import { FlappingRecordEntity } from '../../src/flapping/flapping-record.entity';
import { FlappingRetention } from '../../src/flapping/flapping.retention';
import { startTestApp, TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;

/**
 * Schema-drift entries and flapping histories go with the log retention (issue 14): rows older than
 * `logRetentionDays` are purged, a flagged record's history never is (it waits for an admin).
 */
describe('retention of schema drift and flapping histories', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SCHEDULER: 'off', OUTBOX_DISPATCHER: 'off' });
    await t.api().put('/api/settings').send({ logRetentionDays: 30 }).expect(200);
  });
  afterAll(() => t.close());

  const ago = (days: number) => new Date(Date.now() - days * DAY_MS);

  it('drift entries not seen within the retention are purged, recent ones kept', async () => {
    const drift = t.app.get(DataSource).getRepository(DriftEntryEntity);
    const entry = (field: string, lastSeenAt: Date) => ({
      syncObjectId: 1,
      kind: 'unknown_key' as const,
      field,
      occurrences: 3,
      example: null,
      firstSeenAt: ago(90),
      lastSeenAt,
    });
    await drift.insert([entry('old', ago(31)), entry('recent', ago(29))]);
    expect(await t.app.get(DriftRetention).purge()).toBe(1);
    expect((await drift.find()).map((e) => e.field)).toEqual(['recent']);
  });

  it('flapping histories of records unchanged within the retention are purged, unless flagged', async () => {
    const flapping = t.app.get(DataSource).getRepository(FlappingRecordEntity);
    const row = (recordId: number, updatedAt: Date, flagged: boolean) => ({
      syncObjectId: 1,
      recordId,
      externalId: `F${recordId}`,
      events: [],
      flaggedAt: flagged ? updatedAt : null,
      flips: null,
      heldInbound: null,
      updatedAt,
    });
    await flapping.insert([row(1, ago(40), false), row(2, ago(40), true), row(3, ago(5), false)]);
    expect(await t.app.get(FlappingRetention).purge()).toBe(1);
    expect((await flapping.find({ order: { recordId: 'ASC' } })).map((r) => r.recordId)).toEqual([2, 3]);
  });
});
