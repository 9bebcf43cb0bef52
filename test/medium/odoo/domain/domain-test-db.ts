/**
 * Test support for the domain compiler: a small seed data set for the migrated core tables
 * (see medium.factory.ts) and the expansion of TypeORM-style named parameters into positional ones.
 */
export { coreRegistry } from '../../../support/core-registry';

export type Dialect = 'sqlite' | 'mysql';

/**
 * Expands `:name` and `(:...name)` the way TypeORM does (same pattern) into `?` positional
 * parameters. Fails on a missing parameter so a typo cannot pass silently.
 */
export function toPositional(sql: string, params: Record<string, unknown>): { sql: string; values: unknown[] } {
  const values: unknown[] = [];
  const expanded = sql.replace(/:(\.\.\.)?([A-Za-z0-9_.]+)/g, (_full, spread: string | undefined, key: string) => {
    if (!Object.prototype.hasOwnProperty.call(params, key)) throw new Error(`missing parameter ${key} in ${sql}`);
    const value = params[key];
    if (spread) {
      if (!Array.isArray(value) || value.length === 0) throw new Error(`parameter ${key} must be a non-empty list`);
      values.push(...value);
      return value.map(() => '?').join(', ');
    }
    values.push(value);
    return '?';
  });
  return { sql: expanded, values };
}

export const INJECTION_NAME = `O'Brien"; DROP TABLE res_partner; --`;

export type Row = Record<string, string | number | null>;

/**
 * Acme (1) → John (2) → Junior (4); Acme → jane (3); Globex (5) → "100%_off \ sale" (6);
 * 9 and 10 are each other's parent (a cycle); 7 carries an injection-looking name.
 */
export const SEED: Record<string, Row[]> = {
  res_country: [
    { id: 1, name: 'Spain', code: 'ES' },
    { id: 2, name: 'France', code: 'FR' },
    { id: 3, name: 'Germany', code: 'DE' },
  ],
  res_partner_category: [
    { id: 1, name: 'VIP' },
    { id: 2, name: 'Supplier' },
    { id: 3, name: 'vip-lite' },
  ],
  res_partner: [
    p(1, 'Acme Corp', null, 1, 1, 1, 1, 'info@acme.es', '2024-01-01 09:00:00.000'),
    p(2, 'John Smith', 1, 1, 0, 0, 1, 'john@acme.es', '2024-01-31 10:00:00.000'),
    p(3, 'jane doe', 1, 2, 0, 1, 1, null, '2024-01-31 23:00:00.000'),
    p(4, 'Junior Smith', 2, null, 0, null, null, 'junior@example.com', '2024-02-01 00:00:00.000'),
    p(5, 'Globex', null, 2, 1, 1, 1, 'info@globex.fr', '2024-02-15 12:00:00.000'),
    p(6, '100%_off \\ sale', 5, 2, 0, 0, 0, null, null),
    p(7, INJECTION_NAME, null, null, 0, 0, 1, null, null),
    p(8, 'ACME Labs', null, 1, 1, 0, 1, 'labs@ACME.es', '2023-12-31 23:59:59.000'),
    p(9, 'Loop A', 10, null, 0, 0, 1, null, null),
    p(10, 'Loop B', 9, null, 0, 0, 1, null, null),
  ],
  res_partner_res_partner_category_rel: [
    { partner_id: 1, category_id: 1 },
    { partner_id: 3, category_id: 2 },
    { partner_id: 5, category_id: 1 },
    { partner_id: 5, category_id: 2 },
    { partner_id: 7, category_id: 3 },
  ],
};

function p(
  id: number,
  name: string,
  parent_id: number | null,
  country_id: number | null,
  is_company: number,
  customer: number | null,
  active: number | null,
  email: string | null,
  create_date: string | null,
): Row {
  return { id, name, parent_id, country_id, is_company, customer, active, email, create_date };
}

const BOOLEANS = ['is_company', 'customer', 'active'];

/**
 * INSERT statements with positional parameters, in dependency order, then the parents as UPDATEs
 * (9 and 10 are each other's parent, and the migrated schema has foreign keys). The migrated
 * boolean columns are NOT NULL with a default: an unset boolean is stored as false.
 */
export function seedStatements(dialect: Dialect, seed: Record<string, Row[]> = SEED): Array<{ sql: string; values: unknown[] }> {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const inserts: Array<{ sql: string; values: unknown[] }> = [];
  const parents: Array<{ sql: string; values: unknown[] }> = [];
  for (const [table, rows] of Object.entries(seed)) {
    for (const row of rows) {
      const keys = Object.keys(row).filter((k) => k !== 'parent_id');
      inserts.push({
        sql: `INSERT INTO ${q(table)} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
        values: keys.map((k) => (row[k] === null && BOOLEANS.includes(k) ? 0 : row[k])),
      });
      if (row.parent_id != null) {
        parents.push({ sql: `UPDATE ${q(table)} SET ${q('parent_id')} = ? WHERE ${q('id')} = ?`, values: [row.parent_id, row.id] });
      }
    }
  }
  return [...inserts, ...parents];
}

export const ALL_IDS = SEED.res_partner.map((row) => row.id as number);

export function allBut(...ids: number[]): number[] {
  return ALL_IDS.filter((id) => !ids.includes(id));
}
