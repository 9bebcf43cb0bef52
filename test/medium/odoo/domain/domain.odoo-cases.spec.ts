/**
 * Odoo's own domain semantics (the cases of odoo/addons/base/tests/test_expression.py, written
 * anew for this data): like-family wildcards, Unicode ilike, child_of / parent_of on the parent
 * field itself, any / not any, and search()'s active test — on SQLite and MariaDB/MySQL.
 */
import { QueryRunner } from 'typeorm';
import { domainToSql } from '../../../../src/odoo/domain/domain.compiler';
import { RES_PARTNER } from '../../../../src/odoo/models/res-partner.model';
import { Engine, MediumDatabase, mysqlAnswers, openMediumDatabase } from '../../medium.factory';
import { coreRegistry, Row, seedStatements, toPositional } from './domain-test-db';

const registry = coreRegistry();

function partner(id: number, name: string, parent_id: number | null, email: string | null, active: number): Row {
  return { id, name, parent_id, email, active, is_company: 0, customer: 0 };
}

/**
 * Ljósálfaheimr (1) → Svartálfaheimr (2) → Midgard (3, archived) → Asgard (4);
 * 5 and 6 exercise wildcards; 7 is upper case with an accent; 8 is archived; 10 is 9 with a trailing space.
 */
const REALMS: Record<string, Row[]> = {
  res_partner_category: [
    { id: 1, name: 'Realm' },
    { id: 2, name: 'Old' },
  ],
  res_partner: [
    partner(1, 'Ljósálfaheimr', null, 'elves@example.com', 1),
    partner(2, 'Svartálfaheimr', 1, 'dwarves@EXAMPLE.com', 1),
    partner(3, 'Midgard', 2, 'humans@example.org', 0),
    partner(4, 'Asgard', 3, 'gods@example.com', 1),
    partner(5, '50%_discount', null, 'sale@shop.com', 1),
    partner(6, '50 percent', null, null, 1),
    partner(7, 'ÉCOLE', null, null, 1),
    partner(8, 'Jötunheimr', null, 'giants@example.com', 0),
    partner(9, 'Belgium', null, 'be@example.net', 1),
    partner(10, 'Belgium ', null, 'be @example.net', 1),
  ],
  res_partner_res_partner_category_rel: [
    { partner_id: 1, category_id: 1 },
    { partner_id: 2, category_id: 1 },
    { partner_id: 3, category_id: 2 },
    { partner_id: 8, category_id: 2 },
  ],
};
const ALL = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const but = (...ids: number[]) => ALL.filter((id) => !ids.includes(id));

/** [domain, ids] with every record visible (active test off): the operators themselves. */
const OPERATORS: Array<[string, number[]]> = [
  // like / ilike: wrapped in %…%, the value's own % and _ are wildcards, a backslash escapes them
  [`[('email', 'ilike', '%@example.com')]`, [1, 2, 4, 8]],
  [`[('email', 'like', '%@example.com')]`, [1, 4, 8]],
  [`[('email', 'like', '@example.com')]`, [1, 4, 8]],
  [`[('email', 'ilike', 'example.___')]`, [1, 2, 3, 4, 8, 9, 10]],
  [`[('email', 'not ilike', '%@example.com')]`, [3, 5, 6, 7, 9, 10]],
  [`[('name', 'like', '50%')]`, [5, 6]],
  [`[('name', 'like', '50\\\\%')]`, [5]],
  [`[('name', 'like', '50\\\\%\\\\_d')]`, [5]],
  [`[('name', 'like', '50_p')]`, [6]],
  [`[('name', 'not like', '50%')]`, but(5, 6)],
  [`[('name', 'not like', '50\\\\%')]`, but(5)],
  [`[('name', '=like', '50%')]`, [5, 6]],
  [`[('name', '=like', '50')]`, []],
  [`[('name', '=like', '%heimr')]`, [1, 2, 8]],
  [`[('name', '=like', '%álfaheimr')]`, [1, 2]],
  [`[('name', '=ilike', '%HEIMR')]`, [1, 2, 8]],
  // ilike folds Unicode case as PostgreSQL does (accents still count)
  [`[('name', 'ilike', 'LJÓS')]`, [1]],
  [`[('name', 'ilike', 'ÁLFA')]`, [1, 2]],
  [`[('name', 'not ilike', 'ÁLFA')]`, but(1, 2)],
  [`[('name', 'ilike', 'école')]`, [7]],
  [`[('name', '=ilike', 'école')]`, [7]],
  [`[('name', 'ilike', 'ecole')]`, []],
  [`[('name', 'ilike', 'JÖTUN')]`, [8]],
  [`[('name', 'like', 'ljós')]`, []],
  // = / in / != are exact: trailing spaces count (MariaDB's PAD SPACE collations ignore them)
  [`[('name', '=', 'Belgium')]`, [9]],
  [`[('name', '=', 'Belgium ')]`, [10]],
  [`[('name', '!=', 'Belgium')]`, but(9)],
  [`[('name', 'in', ['Belgium', 'nowhere'])]`, [9]],
  [`[('name', 'not in', ['Belgium '])]`, but(10)],
  [`[('name', '=', 'belgium')]`, []],
  [`[('name', '=like', 'Belgium')]`, [9]],
  [`[('name', '=ilike', 'belgium_')]`, [10]],
  // child_of / parent_of on the parent field itself: ('id', op, ids) over that field, root included
  [`[('parent_id', 'child_of', 1)]`, [1, 2, 3, 4]],
  [`[('parent_id', 'child_of', 2)]`, [2, 3, 4]],
  [`[('parent_id', 'child_of', [3, 5])]`, [3, 4, 5]],
  [`[('parent_id', 'child_of', 6)]`, [6]],
  [`[('parent_id', 'child_of', [])]`, []],
  [`[('parent_id', 'child_of', 'Svart')]`, [2, 3, 4]],
  [`[('parent_id', 'parent_of', 4)]`, [1, 2, 3, 4]],
  [`[('parent_id', 'parent_of', 3)]`, [1, 2, 3]],
  [`[('parent_id', 'parent_of', 1)]`, [1]],
  [`[('id', 'child_of', 1)]`, [1, 2, 3, 4]],
  [`['!', ('parent_id', 'child_of', 2)]`, [1, 5, 6, 7, 8, 9, 10]],
  [`[('parent_id.parent_id', 'child_of', 1)]`, [2, 3, 4]],
  // any / not any (Odoo 17): on a many2one, a one2many, a many2many, nested, negated
  [`[('parent_id', 'any', [('name', 'ilike', 'svart')])]`, [3]],
  [`[('parent_id', 'not any', [('name', 'ilike', 'svart')])]`, but(3)],
  [`[('parent_id', 'any', [])]`, [2, 3, 4]],
  [`[('parent_id', 'not any', [])]`, [1, 5, 6, 7, 8, 9, 10]],
  [`[('child_ids', 'any', [('email', 'ilike', 'example.org')])]`, [2]],
  [`[('child_ids', 'any', [])]`, [1, 2, 3]],
  [`[('child_ids', 'not any', [])]`, [4, 5, 6, 7, 8, 9, 10]],
  [`[('child_ids', 'any', ['|', ('name', '=', 'Asgard'), ('name', '=', 'Midgard')])]`, [2, 3]],
  [`[('category_id', 'any', [('name', '=', 'Old')])]`, [3, 8]],
  [`[('category_id', 'not any', [('name', '=', 'Old')])]`, [1, 2, 4, 5, 6, 7, 9, 10]],
  [`['!', ('category_id', 'any', [('name', '=', 'Realm')])]`, [3, 4, 5, 6, 7, 8, 9, 10]],
  [`[('parent_id', 'any', [('parent_id', 'any', [('name', '=', 'Ljósálfaheimr')])])]`, [3]],
  [`[('parent_id.parent_id', 'any', [('name', 'like', 'Ljós')])]`, [3]],
  [`[('child_ids', 'any', [('category_id', 'any', [('name', '=', 'Old')])])]`, [2]],
];

/** [domain, ids] as search() answers them: archived records out unless the domain names active. */
const ACTIVE_TEST: Array<[string, number[]]> = [
  [`[]`, [1, 2, 4, 5, 6, 7, 9, 10]],
  [`[('name', 'ilike', 'heimr')]`, [1, 2]],
  [`[('active', '=', False)]`, [3, 8]],
  [`[('active', '=', True)]`, [1, 2, 4, 5, 6, 7, 9, 10]],
  [`[('active', 'in', [True, False])]`, ALL],
  [`['|', ('active', '=', True), ('active', '=', False)]`, ALL],
  [`['!', ('active', '=', True)]`, [3, 8]],
  [`[('name', 'ilike', 'heimr'), ('active', 'in', [True, False])]`, [1, 2, 8]],
  // related records are followed whatever their active; only the searched ones are filtered
  [`[('parent_id', 'child_of', 1)]`, [1, 2, 4]],
  [`[('parent_id.active', '=', False)]`, [4]],
  [`[('child_ids', 'any', [('active', '=', False)])]`, [2]],
  [`[('category_id', 'any', [('name', '=', 'Old')])]`, []],
];

type Query = (sql: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

async function seeded(engine: Engine): Promise<{ medium: MediumDatabase; runner: QueryRunner; query: Query }> {
  const medium = await openMediumDatabase(engine);
  const runner = medium.dataSource.createQueryRunner();
  await runner.connect();
  const query: Query = (sql, values) => runner.query(sql, values);
  for (const { sql, values } of seedStatements(engine, REALMS)) await query(sql, values);
  return { medium, runner, query };
}

async function run(query: Query, dialect: Engine, domain: string, activeTest: boolean): Promise<number[]> {
  const compiled = domainToSql(domain, RES_PARTNER, registry, { dialect, alias: 'p', activeTest });
  const { sql, values } = toPositional(compiled.sql, compiled.params);
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const rows = await query(
    `SELECT ${q('p')}.${q('id')} FROM ${q('res_partner')} AS ${q('p')} WHERE ${sql} ORDER BY ${q('p')}.${q('id')}`,
    values,
  );
  return rows.map((row) => Number(row.id));
}

function suite(engine: Engine): void {
  let db: Awaited<ReturnType<typeof seeded>>;

  beforeAll(async () => {
    db = await seeded(engine);
  });

  afterAll(async () => {
    await db?.runner.release();
    await db?.medium.close();
  });

  it.each(OPERATORS)('%s', async (domain, expected) => {
    expect(await run(db.query, engine, domain, false)).toEqual(expected);
  });

  it.each(ACTIVE_TEST)('with the active test: %s', async (domain, expected) => {
    expect(await run(db.query, engine, domain, true)).toEqual(expected);
  });
}

describe('Odoo domain cases on SQLite', () => suite('sqlite'));

const mysqlUp = mysqlAnswers();
(mysqlUp ? describe : describe.skip)('Odoo domain cases on MariaDB/MySQL', () => {
  suite('mysql');

  it('runs on NO PAD collations after the migrations (external ids binary), so the cases above mean something', async () => {
    const medium = await openMediumDatabase('mysql');
    try {
      const rows = (await medium.dataSource.query(
        `SELECT COLUMN_NAME AS name, COLLATION_NAME AS collation FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'res_partner' AND COLUMN_NAME IN ('name', 'x_sys_id') ORDER BY COLUMN_NAME`,
      )) as { name: string; collation: string }[];
      expect(rows).toEqual([
        { name: 'name', collation: expect.stringMatching(/^utf8mb4_(unicode_nopad_ci|0900_ai_ci)$/) },
        { name: 'x_sys_id', collation: expect.stringMatching(/^utf8mb4_(nopad_bin|0900_bin)$/) },
      ]);
      const [padded] = (await medium.dataSource.query(
        "SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_COLLATION = 'utf8mb4_unicode_ci'",
      )) as { n: number }[];
      expect(Number(padded.n)).toBe(2); // the migration bookkeeping tables only
    } finally {
      await medium.close();
    }
  });
});
