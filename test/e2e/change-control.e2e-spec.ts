import { ChangeLogService } from '../../src/change-control/change-log.service';
import { NewChangeLogEntry } from '../../src/change-control/change-log.types';
import { UnitOfWork } from '../../src/database/unit-of-work';
import { startTestApp, TestApp } from '../support/test-app';
import { parseCsv } from '../unit/change-control/csv-reader';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const iso = (ms: number) => new Date(ms).toISOString();
type Item = Record<string, unknown> & { id: number; durationMs: number };

describe('change control (/api/change-log)', () => {
  let t: TestApp;
  let uow: UnitOfWork;
  let log: ChangeLogService;
  const record = (entry: NewChangeLogEntry) => uow.run(() => log.record(entry));
  const entry = (over: Partial<NewChangeLogEntry>): NewChangeLogEntry => ({
    direction: 'external_to_odoo',
    action: 'create',
    status: 'success',
    trigger: 'realtime',
    model: 'res.partner',
    ...over,
  });
  const list = async (query: Record<string, unknown>) => (await t.api().get('/api/change-log').query(query).expect(200)).body;

  // A day ago, so later tests' rows (stamped "now") stay out of the `to` window.
  const T0 = Date.now() - DAY;
  const WINDOW = { from: iso(T0), to: iso(T0 + 60 * MINUTE) };
  // Seeded rows, tagged through durationMs. F is written after the others but
  // synchronized first; G shares E's syncedAt but has a higher id.
  const A = 1,
    B = 2,
    C = 3,
    D = 4,
    E = 5,
    F = 6,
    G = 7;

  beforeAll(async () => {
    t = await startTestApp();
    uow = t.app.get(UnitOfWork);
    log = t.app.get(ChangeLogService);
    await record(
      entry({
        durationMs: A,
        syncObjectId: 1,
        externalId: 'E-1',
        odooId: 11,
        title: 'Azure Interior',
        syncedAt: new Date(T0 + 1 * MINUTE),
        modifiedAt: new Date(T0),
        originValues: { name: 'Azure Interior', unique_id: 'E-1' },
        destinationValues: { name: 'Azure Interior', x_sys_id: 'E-1' },
      }),
    );
    await record(
      entry({
        durationMs: B,
        syncObjectId: 1,
        externalId: 'E-2',
        odooId: 12,
        action: 'write',
        status: 'failed',
        trigger: 'cron',
        title: 'Deco, "Addict"\nSecond line',
        errorMessage: 'name: is required, "really"',
        syncedAt: new Date(T0 + 2 * MINUTE),
        originValues: { name: false, note: 'a,b "c"\r\nd' },
      }),
    );
    await record(
      entry({
        durationMs: C,
        syncObjectId: 2,
        direction: 'odoo_to_external',
        model: 'product.product',
        externalId: 'P-1',
        odooId: 21,
        title: 'Office Chair',
        syncedAt: new Date(T0 + 3 * MINUTE),
      }),
    );
    await record(
      entry({
        durationMs: D,
        syncObjectId: 2,
        direction: 'odoo_to_external',
        action: 'unlink',
        trigger: 'manual',
        externalId: 'E-1',
        odooId: 11,
        title: 'Azure Interior',
        syncedAt: new Date(T0 + 4 * MINUTE),
      }),
    );
    await record(
      entry({
        durationMs: E,
        syncObjectId: 3,
        action: 'write',
        trigger: 'cron',
        externalId: 'E-3',
        odooId: 13,
        title: 'azure furniture 100%',
        syncedAt: new Date(T0 + 5 * MINUTE),
      }),
    );
    await record(
      entry({
        durationMs: F,
        syncObjectId: 3,
        direction: 'odoo_to_external',
        action: 'write',
        status: 'failed',
        trigger: 'manual',
        externalId: 'E-4',
        odooId: 14,
        title: 'Gemini_Furniture',
        errorMessage: 'HTTP 503',
        syncedAt: new Date(T0 + MINUTE / 2),
      }),
    );
    await record(
      entry({
        durationMs: G,
        syncObjectId: 4,
        direction: 'odoo_to_external',
        model: 'res.country',
        externalId: 'ES',
        odooId: 1,
        title: 'Spain',
        syncedAt: new Date(T0 + 5 * MINUTE),
      }),
    );
  });
  afterAll(() => t.close());

  const tags = (body: { items: Item[] }) => body.items.map((item) => item.durationMs);

  it('lists newest first: syncedAt desc, then id desc', async () => {
    const body = await list(WINDOW);
    expect(tags(body)).toEqual([G, E, D, C, B, A, F]);
    expect(body).toMatchObject({ total: 7, totalIsEstimate: false, nextBeforeId: null });
  });

  it('answers every column under its API name, with a generated action name', async () => {
    const [a] = (await list({ ...WINDOW, syncObjectId: 1, status: 'success' })).items;
    expect(a).toEqual({
      id: expect.any(Number),
      direction: 'external_to_odoo',
      action: 'create',
      externalId: 'E-1',
      odooId: 11,
      name: 'Create Contact',
      title: 'Azure Interior',
      originValues: { name: 'Azure Interior', unique_id: 'E-1' },
      destinationValues: { name: 'Azure Interior', x_sys_id: 'E-1' },
      modifiedAt: iso(T0),
      syncedAt: iso(T0 + MINUTE),
      status: 'success',
      errorMessage: null,
      syncObjectId: 1,
      model: 'res.partner',
      trigger: 'realtime',
      durationMs: A,
    });
    expect((await t.api().get(`/api/change-log/${a.id}`).expect(200)).body).toEqual(a);
    const names = (await list(WINDOW)).items.map((item: Item) => [item.durationMs, item.name]);
    expect(names).toEqual(
      expect.arrayContaining([
        [C, 'Create Product'],
        [D, 'Delete Contact'],
        [E, 'Modify Contact'],
        [G, 'Create Country'],
      ]),
    );
  });

  it.each([
    [{ status: 'failed' }, [B, F]],
    [{ syncObjectId: 1 }, [B, A]],
    [{ direction: 'odoo_to_external' }, [G, D, C, F]],
    [{ action: 'unlink' }, [D]],
    [{ externalId: 'E-1' }, [D, A]],
    [{ odooId: 11 }, [D, A]],
    [{ model: 'product.product' }, [C]],
    [{ trigger: 'cron' }, [E, B]],
    [{ q: 'AZURE' }, [E, D, A]],
    [{ q: '100%' }, [E]],
    [{ q: '_' }, [F]],
    [{ q: 'nothing like this' }, []],
    [{ status: 'success', syncObjectId: 2 }, [D, C]],
    [{ trigger: 'manual', direction: 'odoo_to_external', action: 'write' }, [F]],
  ])('filters by %j', async (filter, expected) => {
    const body = await list({ ...WINDOW, ...filter });
    expect(tags(body)).toEqual(expected);
    expect(body.total).toBe(expected.length);
  });

  it('filters on syncedAt from/to, both inclusive', async () => {
    expect(tags(await list({ from: iso(T0 + 2 * MINUTE), to: iso(T0 + 4 * MINUTE) }))).toEqual([D, C, B]);
    expect(tags(await list({ ...WINDOW, from: iso(T0 + 5 * MINUTE) }))).toEqual([G, E]);
    // Without a zone a datetime is UTC.
    const noZone = iso(T0 + 4 * MINUTE).replace('Z', '');
    expect(tags(await list({ from: iso(T0 + 3 * MINUTE), to: noZone }))).toEqual([D, C]);
  });

  it('paginates by offset with a total', async () => {
    const first = await list({ ...WINDOW, limit: 2 });
    expect(tags(first)).toEqual([G, E]);
    expect(first).toMatchObject({ total: 7, totalIsEstimate: false });
    const middle = await list({ ...WINDOW, limit: 2, offset: 2 });
    expect(tags(middle)).toEqual([D, C]);
    expect(middle.total).toBe(7);
    const last = await list({ ...WINDOW, limit: 2, offset: 6 });
    expect(tags(last)).toEqual([F]);
    expect(last).toMatchObject({ total: 7, nextBeforeId: null });
    expect(await list({ ...WINDOW, offset: 50 })).toMatchObject({ items: [], total: 7 });
  });

  it('paginates by keyset (beforeId → nextBeforeId) in the same order, ties included', async () => {
    const seen: number[] = [];
    let beforeId: number | undefined;
    for (let page = 0; page < 10; page++) {
      const body = await list({ ...WINDOW, limit: 2, ...(beforeId ? { beforeId } : {}) });
      seen.push(...tags(body));
      expect(body.total).toBe(7);
      if (body.nextBeforeId === null) break;
      expect(body.nextBeforeId).toBe(body.items[body.items.length - 1].id);
      beforeId = body.nextBeforeId;
    }
    expect(seen).toEqual([G, E, D, C, B, A, F]);
    const failed = await list({ ...WINDOW, status: 'failed', limit: 1 });
    expect(tags(failed)).toEqual([B]);
    const next = await list({ ...WINDOW, status: 'failed', limit: 1, beforeId: failed.nextBeforeId });
    expect(tags(next)).toEqual([F]);
    expect(next.nextBeforeId).toBeNull();
  });

  it('exports the filtered log as CSV with proper quoting and JSON columns as JSON text', async () => {
    const res = await t
      .api()
      .get('/api/change-log/export.csv')
      .query({ ...WINDOW, syncObjectId: 1 })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="change-log\.csv"/);
    const text = res.text;
    const rows = parseCsv(text);
    const header =
      'id,direction,action,externalId,odooId,name,title,originValues,destinationValues,' +
      'modifiedAt,syncedAt,status,errorMessage,syncObjectId,model,trigger,durationMs';
    expect(text.startsWith(header + '\r\n')).toBe(true);
    expect(rows).toHaveLength(3);
    const json = (await list({ ...WINDOW, syncObjectId: 1 })).items as Item[];
    rows.slice(1).forEach((row, i) => {
      const record = Object.fromEntries(header.split(',').map((column, c) => [column, row[c]]));
      const item = json[i];
      expect(record).toMatchObject({
        id: String(item.id),
        title: item.title,
        errorMessage: item.errorMessage ?? '',
        syncedAt: item.syncedAt,
        durationMs: String(item.durationMs),
      });
      expect(record.originValues === '' ? null : JSON.parse(record.originValues)).toEqual(item.originValues);
    });
    expect(text).toContain('"Deco, ""Addict""\nSecond line"');
    expect(text).toContain('"name: is required, ""really"""');
  });

  it('neutralizes spreadsheet formulas in exported text', async () => {
    await record(entry({ syncObjectId: 7, title: '=HYPERLINK("http://evil.example")', externalId: '-42' }));
    const rows = parseCsv((await t.api().get('/api/change-log/export.csv').query({ syncObjectId: 7 }).expect(200)).text);
    expect(rows[1][6]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(rows[1][3]).toBe('-42');
  });

  it('exports only the header when nothing matches', async () => {
    const res = await t.api().get('/api/change-log/export.csv').query({ syncObjectId: 999 }).expect(200);
    expect(parseCsv(res.text)).toHaveLength(1);
  });

  it('with "Generate Logs" off writes failures but not successes', async () => {
    await t.api().put('/api/settings').send({ generateLogs: false }).expect(200);
    try {
      await record(entry({ syncObjectId: 200, title: 'skipped' }));
      await record(entry({ syncObjectId: 200, status: 'failed', title: 'kept', errorMessage: 'boom' }));
      await uow.run(() =>
        log.recordMany([
          entry({ syncObjectId: 200, title: 'skipped too' }),
          entry({ syncObjectId: 200, status: 'failed', title: 'kept too' }),
        ]),
      );
    } finally {
      await t.api().put('/api/settings').send({ generateLogs: true }).expect(200);
    }
    const body = await list({ syncObjectId: 200 });
    expect(body.items.map((item: Item) => item.title).sort()).toEqual(['kept', 'kept too']);
    await record(entry({ syncObjectId: 200, title: 'logged again' }));
    expect((await list({ syncObjectId: 200 })).total).toBe(3);
  });

  it("writes through the caller's transaction: a rollback leaves no log row", async () => {
    await expect(
      uow.run(async () => {
        await log.record(entry({ syncObjectId: 300, title: 'rolled back' }));
        await log.recordMany([entry({ syncObjectId: 300, status: 'failed' })]);
        throw new Error('the change failed after logging');
      }),
    ).rejects.toThrow('the change failed after logging');
    expect((await list({ syncObjectId: 300 })).total).toBe(0);
    await uow.run(() => log.record(entry({ syncObjectId: 300, title: 'committed' })));
    expect((await list({ syncObjectId: 300 })).items.map((item: Item) => item.title)).toEqual(['committed']);
  });

  it('stores any payload safely: huge values truncated with a marker, long text clipped, odd values serialized', async () => {
    const cyclic: Record<string, unknown> = { big: BigInt(2) ** BigInt(70) };
    cyclic.self = cyclic;
    await record(
      entry({
        syncObjectId: 400,
        status: 'failed',
        title: 'T'.repeat(300),
        externalId: 'X'.repeat(200),
        errorMessage: '😀'.repeat(20_000),
        originValues: { blob: 'é'.repeat(200_000) },
        destinationValues: cyclic,
      }),
    );
    const [item] = (await list({ syncObjectId: 400 })).items;
    expect(item.originValues).toEqual({
      _truncated: true,
      originalBytes: expect.any(Number),
      preview: expect.stringMatching(/^\{"blob":"éé/),
    });
    expect(item.originValues.originalBytes).toBeGreaterThan(400_000);
    expect(Buffer.byteLength(JSON.stringify(item.originValues))).toBeLessThanOrEqual(64 * 1024);
    expect(item.destinationValues).toEqual({ big: '1180591620717411303424', self: '[Circular]' });
    expect(item.title).toHaveLength(255);
    expect(item.externalId).toHaveLength(128);
    expect(item.errorMessage.length).toBeLessThanOrEqual(16_000);
  });

  describe('at volume', () => {
    const OLD = Date.now() - 400 * DAY;
    const COUNT = 10_050;

    beforeAll(async () => {
      const entries = Array.from({ length: COUNT }, (_, i) =>
        entry({ syncObjectId: 500, externalId: `V-${i}`, title: `bulk ${i}`, syncedAt: new Date(OLD) }),
      );
      await uow.run(() => log.recordMany(entries));
    });

    it('caps the total past 10,000 rows and says it is an estimate', async () => {
      const body = await list({ syncObjectId: 500, limit: 3 });
      expect(body).toMatchObject({ total: 10_000, totalIsEstimate: true });
      expect(body.items).toHaveLength(3);
      expect((await list({ syncObjectId: 500, externalId: 'V-7' })).total).toBe(1);
    });

    it('streams a large export in chunks, every row once, newest first', async () => {
      const res = await t.api().get('/api/change-log/export.csv').query({ syncObjectId: 500 }).expect(200);
      const ids = parseCsv(res.text)
        .slice(1)
        .map((row) => Number(row[0]));
      expect(ids).toHaveLength(COUNT);
      expect(new Set(ids).size).toBe(COUNT);
      // Same syncedAt everywhere: the id tie-break orders them.
      expect(ids).toEqual([...ids].sort((a, b) => b - a));
    });

    it('purges rows older than logRetentionDays in batches, and only those', async () => {
      await t.api().put('/api/settings').send({ logRetentionDays: 90 }).expect(200);
      await record(entry({ syncObjectId: 600, title: 'just expired', syncedAt: new Date(Date.now() - 91 * DAY) }));
      await record(entry({ syncObjectId: 600, title: 'still kept', syncedAt: new Date(Date.now() - 89 * DAY) }));
      const res = await t.api().post('/api/change-log/purge').expect(200);
      expect(res.body).toEqual({ deleted: COUNT + 1 });
      expect((await list({ syncObjectId: 500 })).total).toBe(0);
      expect((await list({ syncObjectId: 600 })).items.map((item: Item) => item.title)).toEqual(['still kept']);
      expect((await list({ ...WINDOW })).total).toBe(7);
      expect((await t.api().post('/api/change-log/purge').expect(200)).body).toEqual({ deleted: 0 });
    });
  });

  it.each([
    ['status', 'ok'],
    ['status', ''],
    ['syncObjectId', 'abc'],
    ['syncObjectId', '0'],
    ['direction', 'bidirectional'],
    ['action', 'delete'],
    ['trigger', 'cronjob'],
    ['odooId', '1.5'],
    ['from', 'yesterday'],
    ['from', '2026-W01'],
    ['to', '2026-13-01T00:00:00Z'],
    ['limit', '0'],
    ['limit', '501'],
    ['offset', '-1'],
    ['beforeId', 'x'],
    ['externalId', 'x'.repeat(129)],
    ['color', 'red'],
  ])('rejects %s=%j with a 400 naming the field', async (field, value) => {
    const res = await t
      .api()
      .get('/api/change-log')
      .query({ [field]: value })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'REQUEST.INVALID' });
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('rejects a from after to, naming to', async () => {
    const res = await t
      .api()
      .get('/api/change-log')
      .query({ from: iso(T0 + MINUTE), to: iso(T0) })
      .expect(400);
    expect(res.body).toMatchObject({ code: 'CHANGE_LOG.BAD_RANGE', details: [{ field: 'to' }] });
  });

  it('validates the export filters too (and takes no paging)', async () => {
    const bad = await t.api().get('/api/change-log/export.csv').query({ status: 'ok' }).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
    const paging = await t.api().get('/api/change-log/export.csv').query({ limit: 10 }).expect(400);
    expect(paging.body.details).toEqual([expect.objectContaining({ field: 'limit' })]);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const res = await t.api().get('/api/change-log/99999999').expect(404);
    expect(res.body.code).toBe('CHANGE_LOG.NOT_FOUND');
    await t.api().get('/api/change-log/abc').expect(400);
  });

  it.each([
    ['get', '/api/change-log'],
    ['get', '/api/change-log/1'],
    ['get', '/api/change-log/export.csv'],
    ['post', '/api/change-log/purge'],
  ] as const)('requires the admin token: %s %s', async (method, path) => {
    const res = await t.http()[method](path).expect(401);
    expect(res.body.code).toBe('AUTH.MISSING_TOKEN');
  });
});
