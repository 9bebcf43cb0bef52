import { EntityTarget, ObjectLiteral } from 'typeorm';
import { ChangeLog } from '../../../src/change-control/change-log.entity';
import { insertRows, selectIdsWhere, selectIdsWhereEach } from '../../../src/database/plain-sql';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { MediumDatabase, openMediumDatabase } from '../medium.factory';

/** The hand-built hot-path statements must store and find exactly what TypeORM's query builder does. */
describe('plain SQL for the hot paths', () => {
  let db: MediumDatabase;
  let uow: UnitOfWork;
  let partner: EntityTarget<ObjectLiteral>;

  beforeAll(async () => {
    db = await openMediumDatabase();
    uow = db.uow;
    partner = db.registry.get('res.partner').entity as EntityTarget<ObjectLiteral>;
  });
  afterAll(() => db?.close());

  const stamp = new Date('2026-03-04T05:06:07.089Z');
  const values = (name: string, ref: string) => ({
    name,
    x_sys_id: ref,
    is_company: true,
    customer: false,
    active: true,
    comment: "naïve “quotes” ' ; --",
    create_date: stamp,
    write_date: stamp,
  });
  const read = (id: number) => uow.manager().createQueryBuilder(partner, 'r').select('r').where('r.id = :id', { id }).getRawOne();
  const strip = (row: Record<string, unknown>) =>
    Object.fromEntries(Object.entries(row).filter(([key]) => !/_(id|name|x_sys_id)$/.test(key)));

  it('inserts a record exactly as the query builder does and returns its id', async () => {
    const built = await uow.run(
      async (m) =>
        (await m.createQueryBuilder().insert().into(partner).values(values('Built', 'PS-1')).execute()).identifiers[0].id as number,
    );
    const plain = await uow.run((m) => insertRows(m, partner, [values('Plain', 'PS-2')]));
    expect(plain).toBeGreaterThan(built);
    const [a, b] = [await read(built), await read(plain!)];
    expect(b).toMatchObject({ r_name: 'Plain', r_x_sys_id: 'PS-2' });
    expect(strip(b)).toEqual(strip(a));
    const entity = await uow.manager().findOneByOrFail(partner, { id: plain });
    expect(entity).toMatchObject({ is_company: true, customer: false, comment: values('', '').comment });
    expect(new Date(entity.create_date).toISOString()).toBe(stamp.toISOString());
  });

  it('inserts many rows, grouping rows by the properties they supply (the rest take defaults)', async () => {
    const rows = [
      values('Many 1', 'PS-10'),
      { name: 'Many 2', x_sys_id: 'PS-11', create_date: stamp, write_date: stamp },
      values('Many 3', 'PS-12'),
    ];
    await uow.run((m) => insertRows(m, partner, rows));
    const found = await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['PS-10', 'PS-11', 'PS-12', 'PS-none']);
    expect(found.map((row) => row.value).sort()).toEqual(['PS-10', 'PS-11', 'PS-12']);
    const defaulted = await uow.manager().findOneByOrFail(partner, { x_sys_id: 'PS-11' });
    expect(defaulted).toMatchObject({ name: 'Many 2', comment: null });
  });

  it('stores each row its own dates when a batch mixes equal and different timestamps', async () => {
    const later = new Date(stamp.getTime() + 1234);
    const row = (name: string, ref: string, at: Date) => ({ ...values(name, ref), create_date: at, write_date: at });
    await uow.run((m) =>
      insertRows(m, partner, [row('D1', 'PS-D1', stamp), row('D2', 'PS-D2', stamp), row('D3', 'PS-D3', later), row('D4', 'PS-D4', stamp)]),
    );
    for (const [ref, at] of [
      ['PS-D1', stamp],
      ['PS-D2', stamp],
      ['PS-D3', later],
      ['PS-D4', stamp],
    ] as const) {
      const stored = await uow.manager().findOneByOrFail(partner, { x_sys_id: ref });
      expect(new Date(stored.write_date).toISOString()).toBe(at.toISOString());
    }
  });

  it('rolls back with the transaction it runs in', async () => {
    await expect(
      uow.run(async (m) => {
        await insertRows(m, partner, [values('Gone', 'PS-20')]);
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['PS-20'])).toEqual([]);
  });

  it("finds external ids exactly: 'C7 ' and 'c7' are not 'C7' (MariaDB's PAD SPACE and *_ci collations would say so)", async () => {
    await uow.run((m) => insertRows(m, partner, [values('Exact', 'PS-C7'), values('Padded', 'PS-C7 ')]));
    const [exact] = await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['PS-C7']);
    const [padded] = await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['PS-C7 ']);
    expect(exact.value).toBe('PS-C7');
    expect(padded.value).toBe('PS-C7 ');
    expect(padded.id).not.toBe(exact.id);
    expect(await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['ps-c7', 'PS-C7  '])).toEqual([]);
  });

  it('binds lookup values as parameters (input is never SQL)', async () => {
    const hostile = ["PS-1' OR '1'='1", 'PS-1) OR (1=1', 'PS-1"; DROP TABLE res_partner; --'];
    expect(await selectIdsWhere(uow.manager(), partner, 'x_sys_id', hostile)).toEqual([]);
    expect(await selectIdsWhere(uow.manager(), partner, 'x_sys_id', ['PS-1'])).toHaveLength(1);
  });

  it('converts column types through the driver (change-log datetimes, nulls, long text)', async () => {
    const row = {
      direction: 'external_to_odoo',
      action: 'create',
      status: 'success',
      trigger: 'realtime',
      model: 'res.partner',
      syncObjectId: null,
      externalId: 'PS-LOG',
      odooId: 7,
      name: 'Create Contact',
      title: null,
      originValues: JSON.stringify({ x: 'é'.repeat(5000) }),
      destinationValues: null,
      modifiedAt: null,
      syncedAt: stamp,
      errorMessage: null,
      durationMs: 3,
    };
    await uow.run((m) => insertRows(m, ChangeLog, [row]));
    const stored = await uow.manager().findOneByOrFail(ChangeLog, { externalId: 'PS-LOG' });
    expect(stored).toMatchObject({ odooId: 7, title: null, modifiedAt: null, durationMs: 3, originValues: row.originValues });
    expect(stored.syncedAt.toISOString()).toBe(stamp.toISOString());
  });

  it('answers several lookups in one statement, each value typed as its own column', async () => {
    const country = db.registry.get('res.country').entity as EntityTarget<ObjectLiteral>;
    await uow.run((m) => insertRows(m, country, [{ name: 'Portugal', code: 'PT', create_date: stamp, write_date: stamp }]));
    const [byRef, byCode, none, byFlag] = await selectIdsWhereEach(uow.manager(), [
      { target: partner, field: 'x_sys_id', values: ['PS-1', 'PS-2', 'PS-missing'] },
      { target: country, field: 'code', values: ['PT'] },
      { target: country, field: 'code', values: [] },
      { target: partner, field: 'is_company', values: [true] },
    ]);
    expect(byRef.map((row) => row.value).sort()).toEqual(['PS-1', 'PS-2']);
    expect(byCode).toEqual([{ id: expect.any(Number), value: 'PT' }]);
    expect(none).toEqual([]);
    expect(byFlag.length).toBeGreaterThanOrEqual(2);
    for (const row of byFlag) expect(Number(row.value)).toBe(1);
    expect(await selectIdsWhereEach(uow.manager(), [{ target: country, field: 'code', values: [] }])).toEqual([[]]);
  });

  it('names the entity and property when a caller passes a property the entity lacks', async () => {
    await expect(uow.run((m) => insertRows(m, partner, [{ name: 'X', no_such: 1 }]))).rejects.toThrow(/no column for property "no_such"/);
  });
});
