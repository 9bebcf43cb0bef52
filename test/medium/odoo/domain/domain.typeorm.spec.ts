/**
 * The compiled condition through TypeORM itself (`qb.andWhere(sql, params)`), so its
 * named / spread parameter expansion and alias handling are proven, not assumed.
 */
import { DataSource } from 'typeorm';
import { domainToSql } from '../../../../src/odoo/domain/domain.compiler';
import { RES_PARTNER, ResPartner } from '../../../../src/odoo/models/res-partner.model';
import { Engine, MediumDatabase, mysqlAnswers, openMediumDatabase } from '../../medium.factory';
import { coreRegistry, seedStatements } from './domain-test-db';

const registry = coreRegistry();

const CASES: Array<[string, number[]]> = [
  [`[('name', 'like', 'Acme')]`, [1]],
  [`[('name', '=', 'acme corp')]`, []],
  [`[('name', 'in', ['Globex', 'jane doe'])]`, [3, 5]],
  [`['|', ('id', 'child_of', 2), ('category_id.name', '=', 'Supplier')]`, [2, 3, 4, 5]],
  [`[('country_id', '=', 'France'), ('active', '=', True)]`, [3, 5]],
  [`[('category_id', 'not in', [1, False])]`, [3, 7]],
];

async function seeded(engine: Engine): Promise<MediumDatabase> {
  const medium = await openMediumDatabase(engine);
  for (const { sql, values } of seedStatements(engine)) await medium.dataSource.query(sql, values);
  return medium;
}

async function ids(ds: DataSource, dialect: 'sqlite' | 'mysql', domain: string): Promise<number[]> {
  const qb = ds.getRepository(ResPartner).createQueryBuilder('partner');
  const { sql, params } = domainToSql(domain, RES_PARTNER, registry, { dialect, alias: qb.alias });
  // A second condition with its own parameters, as the records API will combine them.
  const extra = domainToSql(`[('id', '!=', 99)]`, RES_PARTNER, registry, { dialect, alias: qb.alias });
  const rows = await qb.where(sql, params).andWhere(extra.sql, extra.params).orderBy('partner.id').getMany();
  return rows.map((row) => row.id);
}

const mysqlUp = mysqlAnswers();
if (!mysqlUp) console.warn('MariaDB/MySQL does not answer: skipping the TypeORM MySQL domain tests.');

describe.each([
  ['better-sqlite3', 'sqlite', true],
  ['MariaDB/MySQL', 'mysql', mysqlUp],
] as const)('compiled domains through TypeORM QueryBuilder (%s)', (_driver, engine, available) => {
  let db: MediumDatabase;
  beforeAll(async () => {
    if (available) db = await seeded(engine);
  });
  afterAll(async () => db?.close());

  (available ? it.each(CASES) : it.skip.each(CASES))('%s', async (domain, expected) => {
    expect(await ids(db.dataSource, engine, domain)).toEqual(expected);
  });
});
