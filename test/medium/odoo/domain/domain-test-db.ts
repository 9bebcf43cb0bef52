/**
 * Test support for the domain compiler: a registry of the core models, hand-written
 * DDL derived from their definitions, a small seed data set, and the expansion of
 * TypeORM-style named parameters for raw drivers.
 */
import { FieldDefinition, isStored, ModelDefinition } from '../../../../src/odoo/model-definition';
import { RES_COUNTRY } from '../../../../src/odoo/models/res-country.model';
import { RES_PARTNER } from '../../../../src/odoo/models/res-partner.model';
import { RES_PARTNER_CATEGORY } from '../../../../src/odoo/models/res-partner-category.model';

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

function columnType(field: FieldDefinition, dialect: Dialect): string {
  if (dialect === 'sqlite') {
    if (['integer', 'many2one', 'boolean'].includes(field.type)) return 'INTEGER';
    return field.type === 'float' ? 'REAL' : 'TEXT';
  }
  switch (field.type) {
    case 'char':
      return `VARCHAR(${field.size ?? 255})`;
    case 'selection':
      return 'VARCHAR(64)';
    case 'text':
      return 'TEXT';
    case 'integer':
    case 'many2one':
      return 'INT';
    case 'float':
      return 'DOUBLE';
    case 'boolean':
      return 'TINYINT(1)';
    case 'date':
      return 'DATE';
    default:
      return 'DATETIME(3)';
  }
}

/** CREATE TABLE statements for the given models and their many2many join tables. */
export function schemaStatements(models: ModelDefinition[], dialect: Dialect): string[] {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const statements: string[] = [];
  for (const model of models) {
    const columns = Object.values(model.fields)
      .filter(isStored)
      .map((field) =>
        field.name === 'id'
          ? `${q('id')} INTEGER PRIMARY KEY${dialect === 'mysql' ? ' AUTO_INCREMENT' : ''}`
          : `${q(field.name)} ${columnType(field, dialect)} NULL`,
      );
    statements.push(`CREATE TABLE ${q(model.table)} (${columns.join(', ')})`);
    for (const field of Object.values(model.fields)) {
      if (field.type !== 'many2many') continue;
      statements.push(
        `CREATE TABLE ${q(field.relationTable!)} (${q(field.column1!)} INTEGER NOT NULL, ${q(field.column2!)} INTEGER NOT NULL,` +
          ` PRIMARY KEY (${q(field.column1!)}, ${q(field.column2!)}))`,
      );
    }
  }
  return statements;
}

export const SQL_MODELS = [RES_COUNTRY, RES_PARTNER_CATEGORY, RES_PARTNER];

export const INJECTION_NAME = `O'Brien"; DROP TABLE res_partner; --`;

type Row = Record<string, string | number | null>;

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

/**
 * INSERT statements with positional parameters, in dependency order. `nullBooleansAs`
 * replaces unset booleans for schemas (TypeORM's) whose boolean columns are NOT NULL.
 */
export function seedStatements(dialect: Dialect, nullBooleansAs?: number): Array<{ sql: string; values: unknown[] }> {
  const q = (name: string) => (dialect === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const out: Array<{ sql: string; values: unknown[] }> = [];
  for (const [table, rows] of Object.entries(SEED)) {
    for (const row of rows) {
      const keys = Object.keys(row);
      out.push({
        sql: `INSERT INTO ${q(table)} (${keys.map(q).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`,
        values: keys.map((k) =>
          row[k] === null && nullBooleansAs !== undefined && ['is_company', 'customer', 'active'].includes(k) ? nullBooleansAs : row[k],
        ),
      });
    }
  }
  return out;
}

export const ALL_IDS = SEED.res_partner.map((row) => row.id as number);

export function allBut(...ids: number[]): number[] {
  return ALL_IDS.filter((id) => !ids.includes(id));
}
