import { UnitOfWork } from '../../../src/database/unit-of-work';
import { isMysqlRun } from '../../support/test-database';
import { MediumDatabase, openMediumDatabase } from '../medium.factory';

describe('UnitOfWork transactions', () => {
  let db: MediumDatabase;
  let uow: UnitOfWork;
  let partners: () => import('typeorm').EntityTarget<object>;

  beforeAll(async () => {
    db = await openMediumDatabase();
    uow = db.uow;
    partners = () => db.registry.get('res.partner').entity;
  });
  afterAll(() => db?.close());

  const createPartner = async (name: string, street: string) =>
    (await uow.run((m) => m.insert(partners(), { name, street }))).identifiers[0].id as number;

  it('runs after-commit callbacks of a joined transaction outside it (work they start opens its own)', async () => {
    const seen: { inside: boolean; callback?: boolean; nested?: boolean } = { inside: false };
    await uow.run(async (own) => {
      await uow.outside(() =>
        uow.join(own, async () => {
          seen.inside = uow.activeManager === own;
          uow.afterCommit(() => {
            seen.callback = uow.activeManager !== undefined;
          });
        }),
      );
    });
    const joined = uow.manager();
    await uow.join(joined, async () => {
      uow.afterCommit(() => {
        void uow.run(async (m) => {
          seen.nested = m === joined;
        });
      });
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toEqual({ inside: true, callback: false, nested: false });
  });

  it('a read-committed transaction commits its work and rolls back on error', async () => {
    const id = await createPartner('Iso', 'Iso street');
    await uow.run((m) => m.update(partners(), { id }, { comment: 'kept' }), { readCommitted: true });
    await expect(
      uow.run(
        async (m) => {
          await m.update(partners(), { id }, { comment: 'lost' });
          throw new Error('late failure');
        },
        { readCommitted: true },
      ),
    ).rejects.toThrow('late failure');
    const row = await uow.manager().findOneByOrFail(partners(), { id });
    expect(row).toMatchObject({ comment: 'kept' });
  });

  (isMysqlRun() ? it : it.skip)('on MariaDB runs READ COMMITTED and does not wait for a writer’s uncommitted new record', async () => {
    await createPartner('Old', 'Bookkeeping street');
    let releaseWriter!: () => void;
    const writerMayCommit = new Promise<void>((resolve) => (releaseWriter = resolve));
    let writerInserted!: () => void;
    const inserted = new Promise<void>((resolve) => (writerInserted = resolve));
    // A live writer: a new record inserted, its transaction still open.
    const writer = uow.run(async (m) => {
      await m.insert(partners(), { name: 'Fresh', street: 'Elsewhere' });
      writerInserted();
      await writerMayCommit;
    });
    await inserted;
    // Bookkeeping that scans the table (street is not indexed). At REPEATABLE READ it would
    // lock every row it reads, the writer's new one included, and wait for the writer.
    const bookkeeping = uow.run(
      async (m) => {
        await m.query('UPDATE res_partner SET comment = ? WHERE street = ?', ['booked', 'Bookkeeping street']);
        const [trx] = await m.query(
          'SELECT trx_isolation_level AS level FROM information_schema.INNODB_TRX WHERE trx_mysql_thread_id = CONNECTION_ID()',
        );
        return trx?.level as string;
      },
      { readCommitted: true },
    );
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      bookkeeping,
      new Promise((resolve) => (timer = setTimeout(() => resolve('still waiting'), 3_000))),
    ]);
    clearTimeout(timer);
    releaseWriter();
    await Promise.all([writer, bookkeeping]);
    expect(outcome).toBe('READ COMMITTED');
  });
});
