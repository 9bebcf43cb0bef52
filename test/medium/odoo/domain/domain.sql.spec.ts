/**
 * Runs compiled domains against real databases on the real migrations: SQLite always, and
 * MariaDB/MySQL (DATABASE_URL's, else 127.0.0.1:3306, root) when it answers, in its own database.
 */
import { QueryRunner } from 'typeorm';
import { domainToSql } from '../../../../src/odoo/domain/domain.compiler';
import { RES_PARTNER } from '../../../../src/odoo/models/res-partner.model';
import { Engine, mysqlAnswers, MediumDatabase, openMediumDatabase } from '../../medium.factory';
import { ALL_IDS, allBut, coreRegistry, INJECTION_NAME, seedStatements, toPositional } from './domain-test-db';

const registry = coreRegistry();
const py = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** [domain, expected partner ids]. See SEED in domain-test-db.ts for the data. */
const CASES: Array<[string, number[]]> = [
  // match all / constants / logic
  [`[]`, ALL_IDS],
  [`[(1, '=', 1)]`, ALL_IDS],
  [`[(0, '=', 1)]`, []],
  [`['!', (0, '=', 1)]`, ALL_IDS],
  [`['|', ('name', '=', 'Globex'), ('id', '=', 1)]`, [1, 5]],
  [`[('is_company', '=', True), ('country_id', '=', 1)]`, [1, 8]],
  [`['&', '!', ('is_company', '=', True), ('country_id.code', '=', 'ES')]`, [2]],
  [`['!', '|', ('id', '<', 3), ('id', '>', 8)]`, [3, 4, 5, 6, 7, 8]],
  // equality, NULLs, case sensitivity
  [`[('name', '=', 'Acme Corp')]`, [1]],
  [`[('name', '=', 'acme corp')]`, []],
  [`[('name', '!=', 'Acme Corp')]`, allBut(1)],
  [`[('name', 'in', ['Globex', 'acme corp'])]`, [5]],
  [`[('email', '=', False)]`, [3, 6, 7, 9, 10]],
  [`[('email', '!=', False)]`, [1, 2, 4, 5, 8]],
  [`[('email', '!=', 'info@acme.es')]`, allBut(1)],
  [`['!', ('email', '=', 'info@acme.es')]`, allBut(1)],
  [`[('email', 'in', ['info@acme.es', False])]`, [1, 3, 6, 7, 9, 10]],
  [`[('email', 'not in', ['info@acme.es'])]`, allBut(1)],
  [`[('email', 'not in', ['info@acme.es', None])]`, [2, 4, 5, 8]],
  // numbers and in
  [`[('id', '>', 8)]`, [9, 10]],
  [`[('id', '<=', '2')]`, [1, 2]],
  [`[('id', 'in', [1, 2, 99])]`, [1, 2]],
  [`[('id', 'in', [])]`, []],
  [`[('id', 'not in', [])]`, ALL_IDS],
  [`[('id', 'not in', (1, 2))]`, allBut(1, 2)],
  [`[('id', '=', [3, 4])]`, [3, 4]],
  [`[('parent_id', 'in', [1, False])]`, [1, 2, 3, 5, 7, 8]],
  [`[('parent_id', 'not in', [1])]`, [1, 4, 5, 6, 7, 8, 9, 10]],
  [`[('parent_id', 'not in', [1, False])]`, [4, 6, 9, 10]],
  // booleans (False also matches unset)
  [`[('active', '=', True)]`, [1, 2, 3, 5, 7, 8, 9, 10]],
  [`[('active', '=', False)]`, [4, 6]],
  [`[('active', '!=', False)]`, [1, 2, 3, 5, 7, 8, 9, 10]],
  [`[('active', '!=', True)]`, [4, 6]],
  [`['!', ('active', '=', True)]`, [4, 6]],
  [`[('customer', 'in', [False])]`, [2, 4, 6, 7, 8, 9, 10]],
  [`[('customer', 'not in', [False])]`, [1, 3, 5]],
  [`[('is_company', '=', True)]`, [1, 5, 8]],
  // like family: case sensitivity and escaping
  [`[('name', 'like', 'Acme')]`, [1]],
  [`[('name', 'like', 'acme')]`, []],
  [`[('name', 'ilike', 'acme')]`, [1, 8]],
  [`[('name', 'ilike', 'ACME')]`, [1, 8]],
  [`[('name', 'not like', 'Acme')]`, allBut(1)],
  [`[('name', 'not ilike', 'acme')]`, allBut(1, 8)],
  [`[('email', 'like', 'ACME')]`, [8]],
  [`[('email', 'ilike', 'acme')]`, [1, 2, 8]],
  [`[('email', 'not ilike', 'acme')]`, allBut(1, 2, 8)],
  [`[('email', 'ilike', '')]`, ALL_IDS],
  [`[('email', 'not ilike', False)]`, [3, 6, 7, 9, 10]],
  [`[('name', '=like', 'J%')]`, [2, 4]],
  [`[('name', '=ilike', 'j%')]`, [2, 3, 4]],
  [`[('name', '=like', 'jane doe')]`, [3]],
  [`[('name', '=like', 'Jane doe')]`, []],
  [`[('name', '=ilike', 'JANE DOE')]`, [3]],
  [`[('name', '=like', '_lobex')]`, [5]],
  // like / ilike: Odoo wraps the value in %…%; % and _ inside it are wildcards, \ escapes them
  [`[('name', 'like', '%')]`, ALL_IDS],
  [`[('name', 'like', '_')]`, ALL_IDS],
  [`[('name', 'like', ${py('\\%')})]`, [6]],
  [`[('name', 'like', ${py('\\_')})]`, [6, 7]], // 7: res_partner in the injection text
  [`[('name', 'ilike', '%_O')]`, allBut(8)], // an o after at least one character
  [`[('name', 'ilike', ${py('%\\_O')})]`, [6]],
  [`[('name', 'like', ${py('\\\\')})]`, [6]],
  [`[('name', 'like', ${py('\\')})]`, []], // a lone backslash escapes the closing %: "ends with %"
  [`[('name', 'like', 'J%Smith')]`, [2, 4]],
  [`[('name', 'ilike', 'j_hn')]`, [2]],
  [`[('email', 'ilike', '%@acme.es')]`, [1, 2, 8]],
  [`[('email', 'not like', '%@acme.es')]`, allBut(1, 2)],
  [`[('name', 'like', '*')]`, []],
  [`[('name', 'like', '[')]`, []],
  [`[('name', '=like', ${py('100\\%\\_%')})]`, [6]],
  [`[('name', '=like', ${py('100\\_%')})]`, []],
  [`[('name', '=like', ${py('100\\%\\_off \\\\ sale')})]`, [6]],
  // injection-looking values are data
  [`[('name', '=', ${py(INJECTION_NAME)})]`, [7]],
  [`[('name', 'ilike', '"; drop table')]`, [7]],
  [`[('name', 'like', "'; DROP TABLE res_partner; --")]`, []],
  [`[('email', 'in', ["x') OR 1=1 --", "' OR '1'='1"])]`, []],
  // datetimes (UTC text); a bare date on a datetime field spans that day
  [`[('create_date', '>=', '2024-01-31')]`, [2, 3, 4, 5]],
  [`[('create_date', '<=', '2024-01-31')]`, [1, 2, 3, 8]],
  [`[('create_date', '>', '2024-01-31')]`, [4, 5]],
  [`[('create_date', '<', '2024-02-01 00:00:00')]`, [1, 2, 3, 8]],
  [`[('create_date', '>=', '2024-01-31T10:00')]`, [2, 3, 4, 5]],
  [`[('create_date', '=', False)]`, [6, 7, 9, 10]],
  // many2one: ids, names, =?
  [`[('country_id', '=', 1)]`, [1, 2, 8]],
  [`[('country_id', '=', 'Spain')]`, [1, 2, 8]],
  [`[('country_id', '=', 'spain')]`, []],
  [`[('country_id', 'ilike', 'spa')]`, [1, 2, 8]],
  [`[('country_id', 'in', ['Spain', 'France'])]`, [1, 2, 3, 5, 6, 8]],
  [`[('country_id', '!=', 'Spain')]`, [3, 4, 5, 6, 7, 9, 10]],
  [`[('country_id', 'not ilike', 'spa')]`, [3, 4, 5, 6, 7, 9, 10]],
  [`[('country_id', '=', False)]`, [4, 7, 9, 10]],
  [`[('country_id', '!=', 2)]`, [1, 2, 4, 7, 8, 9, 10]],
  [`[('country_id', '=?', False)]`, ALL_IDS],
  [`[('country_id', '=?', 2)]`, [3, 5, 6]],
  // dotted paths
  [`[('country_id.code', '=', 'FR')]`, [3, 5, 6]],
  [`[('country_id.code', 'in', ['FR', 'DE'])]`, [3, 5, 6]],
  [`[('parent_id.name', '=', 'Acme Corp')]`, [2, 3]],
  [`[('parent_id.parent_id.name', '=', 'Acme Corp')]`, [4]],
  [`[('parent_id.country_id.code', '=', 'ES')]`, [2, 3, 4]],
  [`[('child_ids.name', 'ilike', 'smith')]`, [1, 2]],
  [`[('child_ids.country_id.code', '=', 'FR')]`, [1, 5]],
  [`[('category_id.name', '=', 'VIP')]`, [1, 5]],
  [`[('category_id.name', 'ilike', 'vip')]`, [1, 5, 7]],
  [`[('category_id.name', 'like', 'vip')]`, [7]],
  // x2many leaves
  [`[('category_id', 'in', [2])]`, [3, 5]],
  [`[('category_id', '=', 1)]`, [1, 5]],
  [`[('category_id', '=', False)]`, [2, 4, 6, 8, 9, 10]],
  [`[('category_id', '!=', False)]`, [1, 3, 5, 7]],
  [`[('category_id', 'not in', [1])]`, [2, 3, 4, 6, 7, 8, 9, 10]],
  [`[('category_id', 'in', [1, False])]`, [1, 2, 4, 5, 6, 8, 9, 10]],
  [`[('category_id', 'not in', [1, False])]`, [3, 7]],
  [`[('category_id', '=', 'Supplier')]`, [3, 5]],
  [`[('category_id', '!=', 'VIP')]`, [2, 3, 4, 6, 7, 8, 9, 10]],
  [`[('category_id', 'ilike', 'VIP')]`, [1, 5, 7]],
  [`[('child_ids', '=', 2)]`, [1]],
  [`[('child_ids', 'in', [4, 6])]`, [2, 5]],
  [`[('child_ids', '=', False)]`, [3, 4, 6, 7, 8]],
  [`[('child_ids', '!=', False)]`, [1, 2, 5, 9, 10]],
  [`[('child_ids', 'ilike', 'doe')]`, [1]],
  // hierarchy
  [`[('id', 'child_of', 1)]`, [1, 2, 3, 4]],
  [`[('id', 'child_of', [2, 5])]`, [2, 4, 5, 6]],
  [`[('id', 'child_of', 'globex')]`, [5, 6]],
  [`[('id', 'child_of', [])]`, []],
  [`[('id', 'child_of', 9)]`, [9, 10]],
  [`[('parent_id', 'child_of', 1)]`, [1, 2, 3, 4]], // Odoo: ('id', 'child_of', 1) over parent_id
  [`[('id', 'parent_of', 4)]`, [1, 2, 4]],
  [`[('id', 'parent_of', [6, 3])]`, [1, 3, 5, 6]],
  [`[('parent_id', 'parent_of', 4)]`, [1, 2, 4]],
  [`['!', ('id', 'child_of', 1)]`, [5, 6, 7, 8, 9, 10]],
  [`[('country_id', 'child_of', 1)]`, [1, 2, 8]],
  [`[('country_id', 'child_of', 'fra')]`, [3, 5, 6]],
  [`[('parent_id.country_id', 'child_of', 2)]`, [6]],
];

type Query = (sql: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** A migrated, seeded database and one connection to it (session settings stay on it). */
async function seeded(engine: Engine): Promise<{ medium: MediumDatabase; runner: QueryRunner; query: Query }> {
  const medium = await openMediumDatabase(engine);
  const runner = medium.dataSource.createQueryRunner();
  await runner.connect();
  const query: Query = (sql, values) => runner.query(sql, values);
  for (const { sql, values } of seedStatements(engine)) await query(sql, values);
  return { medium, runner, query };
}

async function run(query: Query, dialect: Engine, domain: string): Promise<number[]> {
  const compiled = domainToSql(domain, RES_PARTNER, registry, { dialect, alias: 'p' });
  const { sql, values } = toPositional(compiled.sql, compiled.params);
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  // On MySQL, TypeORM's driver interpolates client-side (query()), as it does for the app.
  const rows = await query(
    `SELECT ${q('p')}.${q('id')} FROM ${q('res_partner')} AS ${q('p')} WHERE ${sql} ORDER BY ${q('p')}.${q('id')}`,
    values,
  );
  return rows.map((row) => Number(row.id));
}

describe('domain SQL on SQLite (better-sqlite3, migrated schema)', () => {
  let db: Awaited<ReturnType<typeof seeded>>;
  const query: Query = (sql, values) => db.query(sql, values);

  beforeAll(async () => {
    db = await seeded('sqlite');
  });

  afterAll(async () => {
    await db?.runner.release();
    await db?.medium.close();
  });

  it.each(CASES)('%s', async (domain, expected) => {
    expect(await run(query, 'sqlite', domain)).toEqual(expected);
  });

  it('stays case-sensitive for like even with PRAGMA case_sensitive_like off (the default)', async () => {
    await query('PRAGMA case_sensitive_like = OFF');
    expect(await run(query, 'sqlite', `[('name', 'like', 'acme')]`)).toEqual([]);
  });

  it('combines two compiled domains in one query without parameter clashes', async () => {
    const a = domainToSql(`[('name', 'ilike', 'smith')]`, RES_PARTNER, registry, { dialect: 'sqlite', alias: 'p' });
    const b = domainToSql(`[('country_id.code', '=', 'ES')]`, RES_PARTNER, registry, { dialect: 'sqlite', alias: 'p' });
    expect(Object.keys(a.params).some((k) => k in b.params)).toBe(false);
    const { sql, values } = toPositional(`${a.sql} AND ${b.sql}`, { ...a.params, ...b.params });
    const rows = await query(`SELECT "p"."id" FROM "res_partner" AS "p" WHERE ${sql} ORDER BY "p"."id"`, values);
    expect(rows.map((r) => Number(r.id))).toEqual([2]);
  });

  it('left the tables intact after the injection-looking cases', async () => {
    expect(Number((await query('SELECT COUNT(*) AS n FROM "res_partner"'))[0].n)).toBe(ALL_IDS.length);
  });
});

const mysqlUp = mysqlAnswers();
if (!mysqlUp) console.warn('MariaDB/MySQL does not answer: skipping the MySQL domain SQL tests.');

(mysqlUp ? describe : describe.skip)('domain SQL on MariaDB/MySQL (migrated schema, utf8mb4)', () => {
  let db: Awaited<ReturnType<typeof seeded>>;
  const query: Query = (sql, values) => db.query(sql, values);

  beforeAll(async () => {
    db = await seeded('mysql');
  });

  afterAll(async () => {
    await db?.runner.release();
    await db?.medium.close();
  });

  it('uses a case-insensitive collation (so the case tests mean something)', async () => {
    const rows = await query(`SELECT 'Acme' = 'acme' AS same, 'Acme' LIKE 'acme' AS alike`);
    expect(rows).toEqual([{ same: 1, alike: 1 }]);
  });

  it.each(CASES)('%s', async (domain, expected) => {
    expect(await run(query, 'mysql', domain)).toEqual(expected);
  });

  it('works under NO_BACKSLASH_ESCAPES too (the generated SQL has no backslash)', async () => {
    const domain = `[('name', 'like', ${py('\\%\\_')})]`;
    const compiled = domainToSql(domain, RES_PARTNER, registry, { dialect: 'mysql', alias: 'p' });
    expect(compiled.sql).not.toContain('\\');
    await query(`SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')`);
    try {
      expect(await run(query, 'mysql', domain)).toEqual([6]);
      expect(await run(query, 'mysql', `[('name', '=ilike', 'j%')]`)).toEqual([2, 3, 4]);
    } finally {
      await query(`SET SESSION sql_mode = REPLACE(@@sql_mode, 'NO_BACKSLASH_ESCAPES', '')`);
    }
  });

  it('left the tables intact after the injection-looking cases', async () => {
    expect(Number((await query('SELECT COUNT(*) AS n FROM `res_partner`'))[0].n)).toBe(ALL_IDS.length);
  });
});
