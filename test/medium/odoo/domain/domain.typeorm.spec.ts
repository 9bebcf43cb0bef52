/**
 * The compiled condition through TypeORM itself (`qb.andWhere(sql, params)`), so its
 * named / spread parameter expansion and alias handling are proven, not assumed.
 */
import 'reflect-metadata';
import { DataSource, DataSourceOptions } from 'typeorm';
import { domainToSql } from '../../../../src/odoo/domain/domain.compiler';
import { RES_PARTNER, ResPartner } from '../../../../src/odoo/models/res-partner.model';
import { ResCountry } from '../../../../src/odoo/models/res-country.model';
import { ResPartnerCategory } from '../../../../src/odoo/models/res-partner-category.model';
import { coreRegistry, seedStatements } from './domain-test-db';
import { spawnSync } from 'node:child_process';

const registry = coreRegistry();
const entities = [ResPartner, ResCountry, ResPartnerCategory];

const CASES: Array<[string, number[]]> = [
  [`[('name', 'like', 'Acme')]`, [1]],
  [`[('name', '=', 'acme corp')]`, []],
  [`[('name', 'in', ['Globex', 'jane doe'])]`, [3, 5]],
  [`['|', ('id', 'child_of', 2), ('category_id.name', '=', 'Supplier')]`, [2, 3, 4, 5]],
  [`[('country_id', '=', 'France'), ('active', '=', True)]`, [3, 5]],
  [`[('category_id', 'not in', [1, False])]`, [3, 7]],
];

async function seeded(options: DataSourceOptions, dialect: 'sqlite' | 'mysql'): Promise<DataSource> {
  const ds = new DataSource({ ...options, entities, synchronize: true, logging: false } as DataSourceOptions);
  await ds.initialize();
  const q = (n: string) => (dialect === 'mysql' ? `\`${n}\`` : `"${n}"`);
  await ds.query(
    `CREATE TABLE ${q('res_partner_res_partner_category_rel')} (${q('partner_id')} INTEGER NOT NULL, ${q('category_id')} INTEGER NOT NULL)`,
  );
  for (const { sql, values } of seedStatements(dialect, 0)) await ds.query(sql, values);
  return ds;
}

async function ids(ds: DataSource, dialect: 'sqlite' | 'mysql', domain: string): Promise<number[]> {
  const qb = ds.getRepository(ResPartner).createQueryBuilder('partner');
  const { sql, params } = domainToSql(domain, RES_PARTNER, registry, { dialect, alias: qb.alias });
  // A second condition with its own parameters, as the records API will combine them.
  const extra = domainToSql(`[('id', '!=', 99)]`, RES_PARTNER, registry, { dialect, alias: qb.alias });
  const rows = await qb.where(sql, params).andWhere(extra.sql, extra.params).orderBy('partner.id').getMany();
  return rows.map((row) => row.id);
}

describe('compiled domains through TypeORM QueryBuilder (better-sqlite3)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await seeded({ type: 'better-sqlite3', database: ':memory:' }, 'sqlite');
  });
  afterAll(async () => ds?.destroy());

  it.each(CASES)('%s', async (domain, expected) => {
    expect(await ids(ds, 'sqlite', domain)).toEqual(expected);
  });
});

const MYSQL = { host: '127.0.0.1', port: 3306, username: 'root', password: '' };
const TEST_DB = 'synchro_domain_test_orm';
const mysqlUp =
  spawnSync(
    process.execPath,
    [
      '-e',
      `require('mysql2/promise').createConnection({host:'127.0.0.1',port:3306,user:'root',password:'',connectTimeout:3000})` +
        `.then((c) => c.query('CREATE DATABASE IF NOT EXISTS ${TEST_DB} CHARACTER SET utf8mb4').then(() => c.end()))` +
        `.then(() => process.exit(0), () => process.exit(1))`,
    ],
    { timeout: 10_000 },
  ).status === 0;
if (!mysqlUp) console.warn('MariaDB/MySQL does not answer at 127.0.0.1:3306: skipping the TypeORM MySQL domain tests.');

(mysqlUp ? describe : describe.skip)('compiled domains through TypeORM QueryBuilder (MariaDB/MySQL)', () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await seeded({ type: 'mysql', ...MYSQL, database: TEST_DB, dropSchema: true } as DataSourceOptions, 'mysql');
  });
  afterAll(async () => {
    if (!ds) return;
    await ds.query(`DROP DATABASE IF EXISTS \`${TEST_DB}\``);
    await ds.destroy();
  });

  it.each(CASES)('%s', async (domain, expected) => {
    expect(await ids(ds, 'mysql', domain)).toEqual(expected);
  });
});
