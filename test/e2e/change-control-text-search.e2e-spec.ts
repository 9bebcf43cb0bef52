/**
 * Change control's text filter `q` (README "Change control"): words of q are whole words of
 * the title, the last may be the beginning of one, case-insensitive; served by the full-text
 * index (FTS5 / FULLTEXT) for the words that are rare, by walking the newest rows for the
 * common ones — with the same answers either way.
 */
import { DataSource } from 'typeorm';
import { ChangeLogService } from '../../src/change-control/change-log.service';
import { NewChangeLogEntry } from '../../src/change-control/change-log.types';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { startTestApp, TestApp } from '../support/test-app';

const TITLES = [
  'Azure Interior',
  'azure furniture 100%',
  'Gemini_Furniture',
  'Deco Addict',
  'España Distribución',
  'Contact 4321',
  'Contact 43210',
  'Contact 14321',
  null,
];
/** Titles shared by many rows: their words are common in the sampled newest rows. */
const COMMON = 'Ready Mat';

describe('change control text search (q)', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  let log: ChangeLogService;
  const T0 = Date.now() - 3600_000;
  const record = (title: string | null, at: number) =>
    uow.run(() =>
      log.record({
        direction: 'external_to_odoo',
        action: 'create',
        status: 'success',
        trigger: 'realtime',
        model: 'res.partner',
        title,
        syncedAt: new Date(at),
      } as NewChangeLogEntry),
    );
  const titles = async (q: string, extra: Record<string, unknown> = {}) => {
    const body = (
      await t
        .api()
        .get('/api/change-log')
        .query({ q, limit: 500, ...extra })
        .expect(200)
    ).body;
    return { titles: (body.items as { title: string }[]).map((item) => item.title).sort(), total: body.total };
  };

  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    log = t.app.get(ChangeLogService);
    for (const [index, title] of TITLES.entries()) await record(title, T0 + index * 1000);
    for (let i = 0; i < 300; i++) await record(`${COMMON} ${i}`, T0 + 100_000 + i);
  });
  afterAll(() => t.close());

  it.each([
    ['azure', ['Azure Interior', 'azure furniture 100%']],
    ['AZURE', ['Azure Interior', 'azure furniture 100%']],
    ['azur', ['Azure Interior', 'azure furniture 100%']],
    ['azure furn', ['azure furniture 100%']],
    ['interior azure', ['Azure Interior']],
    ['zure', []],
    // Punctuation is ignored: `100%` is the word 100, which also begins "Ready Mat 100".
    ['100%', [`${COMMON} 100`, 'azure furniture 100%']],
    ['_', ['Gemini_Furniture']],
    ['gemini_furn', ['Gemini_Furniture']],
    ['furniture', ['azure furniture 100%']],
    ['españa', ['España Distribución']],
    ['contact 4321', ['Contact 4321', 'Contact 43210']],
    ['deco, addict!', ['Deco Addict']],
    ['nothing like this', []],
  ])('q=%j', async (q, expected) => {
    expect(await titles(q)).toEqual({ titles: expected, total: expected.length });
  });

  it('answers common words by walking the newest rows, with the same rules', async () => {
    const all = await titles('ready mat');
    expect(all.total).toBe(300);
    expect(await titles('READY')).toEqual(all);
    expect((await titles('mat 14')).titles).toEqual([`${COMMON} 14`, ...Array.from({ length: 10 }, (_, i) => `${COMMON} ${140 + i}`)]);
    expect((await titles('ready 7')).titles).toEqual([`${COMMON} 7`, ...Array.from({ length: 10 }, (_, i) => `${COMMON} ${70 + i}`)]);
    expect((await titles('ma')).total).toBe(300);
    expect((await titles('at')).total).toBe(0);
  });

  it('pages and counts through the index like any other filter', async () => {
    const first = (await t.api().get('/api/change-log').query({ q: 'contact', limit: 1 }).expect(200)).body;
    expect(first).toMatchObject({ total: 3, totalIsEstimate: false, items: [{ title: 'Contact 14321' }] });
    const second = (await t.api().get('/api/change-log').query({ q: 'contact', limit: 1, beforeId: first.nextBeforeId }).expect(200)).body;
    expect(second.items.map((item: { title: string }) => item.title)).toEqual(['Contact 43210']);
    const csv = (await t.api().get('/api/change-log/export.csv').query({ q: 'azure furn' }).expect(200)).text;
    expect(csv.trim().split('\n')).toHaveLength(2);
  });

  it('keeps the index in step with new and purged rows', async () => {
    await record('Obsolete Walrus', Date.now() - 10 * 86_400_000);
    expect((await titles('walrus')).titles).toEqual(['Obsolete Walrus']);
    await t.api().put('/api/settings').send({ logRetentionDays: 1 }).expect(200);
    await t.api().post('/api/change-log/purge').expect(200);
    expect((await titles('walrus')).titles).toEqual([]);
    await record('Obsolete Walrus', Date.now());
    expect((await titles('walrus')).titles).toEqual(['Obsolete Walrus']);
    expect((await titles('azure')).titles).toEqual(['Azure Interior', 'azure furniture 100%']);
    if (t.db.kind === 'sqlite') {
      // FTS5 compares its index with the change_log rows it indexes; it throws when they differ.
      await t.app.get(DataSource).query("INSERT INTO change_log_fts(change_log_fts) VALUES ('integrity-check')");
    }
  });
});
