import { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral, QueryFailedError } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * Hand-built SQL for the statements every synchronized record pays for (the
 * lookup by external id, the record's INSERT, the change-log INSERT). TypeORM's
 * query builder rebuilds and re-scans its SQL text on every call, which under load
 * cost Synchro more CPU than the database spent running these statements (see
 * bench/RESULTS.md, B1/B2). Here the text comes from entity metadata, once per
 * statement shape; identifiers are quoted by the driver and never come from input;
 * every value is a bound parameter converted by the driver's own
 * `preparePersistentValue` — so what is stored is exactly what the query builder
 * would have stored.
 */

interface InsertShape {
  prefix: string;
  tuple: string;
  columns: ColumnMetadata[];
}

const insertShapes = new WeakMap<EntityMetadata, Map<string, InsertShape>>();
/** SQL of small lookups by shape (driver, tables, columns, number of values). */
const lookupSql = new Map<string, string>();

/**
 * INSERT `rows` (entity property names → values) as multi-row statements, one per
 * set of supplied properties; columns not supplied take their database default.
 * Returns the id of the first row inserted (both drivers report it).
 */
export async function insertRows(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  rows: ObjectLiteral[],
): Promise<number | undefined> {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  let firstId: number | undefined;
  for (const group of groupByKeys(rows)) {
    const shape = insertShape(manager, metadata, Object.keys(group[0]));
    const params: unknown[] = [];
    // A batch's rows share their timestamps: a date equal to the previous row's in that column is not converted again.
    const lastTime: (number | undefined)[] = [];
    const lastValue: unknown[] = [];
    for (const row of group) {
      shape.columns.forEach((column, i) => {
        const value = row[column.propertyName];
        if (!(value instanceof Date)) {
          params.push(driver.preparePersistentValue(value, column));
          return;
        }
        if (lastTime[i] !== value.getTime()) {
          lastTime[i] = value.getTime();
          lastValue[i] = driver.preparePersistentValue(value, column);
        }
        params.push(lastValue[i]);
      });
    }
    const sql = shape.prefix + new Array<string>(group.length).fill(shape.tuple).join(', ');
    const raw = (await run(manager, sql, params)) as number | bigint | { insertId?: number };
    // better-sqlite3 answers lastInsertRowid of the LAST row; mysql2 the insertId of the FIRST.
    const id = typeof raw === 'object' ? Number(raw.insertId) : Number(raw) - group.length + 1;
    firstId ??= id;
  }
  return firstId;
}

/** `SELECT id, <field> AS value FROM <table> WHERE <field> IN (...)`, rows as `{id, value}`. */
export async function selectIdsWhere(
  manager: EntityManager,
  target: EntityTarget<ObjectLiteral>,
  field: string,
  values: unknown[],
): Promise<{ id: number; value: unknown }[]> {
  return (await selectIdsWhereEach(manager, [{ target, field, values }]))[0];
}

export interface IdLookup {
  target: EntityTarget<ObjectLiteral>;
  field: string;
  values: unknown[];
}

/**
 * Several `selectIdsWhere` lookups in ONE statement (UNION ALL): a round trip to
 * the database costs more than the lookups themselves. Each part has its own value
 * column (NULL in the other parts), so every value keeps its column's type and
 * collation. Answers the rows of each lookup, in order.
 */
export async function selectIdsWhereEach(manager: EntityManager, lookups: IdLookup[]): Promise<{ id: number; value: unknown }[][]> {
  const results = lookups.map((): { id: number; value: unknown }[] => []);
  const driver = manager.connection.driver;
  const asked = lookups
    .map((lookup, i) => {
      const metadata = manager.connection.getMetadata(lookup.target);
      return { lookup, i, metadata, column: columnOf(metadata, lookup.field) };
    })
    .filter(({ lookup }) => lookup.values.length);
  if (!asked.length) return results;
  const params: unknown[] = [];
  for (const { lookup, column } of asked) for (const value of lookup.values) params.push(driver.preparePersistentValue(value, column));
  const shapes = asked.map(
    ({ i, metadata, column, lookup }) => `${i}:${metadata.tableName}.${column.databaseName}:${lookup.values.length}`,
  );
  const signature = `${manager.connection.options.type}|${shapes.join('|')}`;
  let sql = lookupSql.get(signature);
  if (!sql) {
    const q = (name: string) => driver.escape(name);
    sql = asked
      .map(({ lookup, i, metadata, column }) => {
        const values = asked.map((other) => (other.i === i ? `${q(column.databaseName)} AS v${i}` : `NULL AS v${other.i}`)).join(', ');
        const marks = new Array<string>(lookup.values.length).fill('?').join(', ');
        const id = q(metadata.primaryColumns[0].databaseName);
        return `SELECT ${i} AS q, ${id} AS id, ${values} FROM ${q(metadata.tableName)} WHERE ${q(column.databaseName)} IN (${marks})`;
      })
      .join(' UNION ALL ');
    // Small lookups (one request's) recur with the same shape; big batch ones rarely do.
    if (params.length <= 32 && lookupSql.size < 1000) lookupSql.set(signature, sql);
  }
  const rows = (await run(manager, sql, params)) as Record<string, unknown>[];
  // Matches are exact on every engine: MySQL/MariaDB's *_ci collations also answer other cases
  // of a text (and PAD SPACE ones `'C7'` for `'C7 '`), so text values keep only those asked.
  const asText = new Map<number, Set<string>>();
  for (const { lookup, i } of asked) {
    if (lookup.values.every((value) => typeof value === 'string' || typeof value === 'number')) {
      asText.set(i, new Set(lookup.values.map((value) => String(value))));
    }
  }
  for (const row of rows) {
    const i = Number(row.q);
    const value = row[`v${i}`];
    if (typeof value === 'string' && asText.get(i)?.has(value) === false) continue;
    results[i].push({ id: Number(row.id), value });
  }
  return results;
}

function insertShape(manager: EntityManager, metadata: EntityMetadata, keys: string[]): InsertShape {
  let shapes = insertShapes.get(metadata);
  if (!shapes) insertShapes.set(metadata, (shapes = new Map()));
  const signature = keys.join(',');
  let shape = shapes.get(signature);
  if (!shape) {
    const q = (name: string) => manager.connection.driver.escape(name);
    const columns = keys.map((key) => columnOf(metadata, key));
    shape = {
      prefix: `INSERT INTO ${q(metadata.tableName)} (${columns.map((c) => q(c.databaseName)).join(', ')}) VALUES `,
      tuple: `(${columns.map(() => '?').join(', ')})`,
      columns,
    };
    shapes.set(signature, shape);
  }
  return shape;
}

function columnOf(metadata: EntityMetadata, property: string): ColumnMetadata {
  const column = metadata.findColumnWithPropertyName(property);
  // A programming error (a caller passed a name the entity does not have), never client input.
  if (!column) throw new Error(`${metadata.name} has no column for property "${property}"`);
  return column;
}

/** Rows grouped by their set of supplied properties (undefined = not supplied), in first-seen order. */
function groupByKeys(rows: ObjectLiteral[]): ObjectLiteral[][] {
  // The usual batch: every row supplies the same properties as the first one.
  const first = Object.keys(rows[0] ?? {});
  const uniform = rows.every((row) => Object.keys(row).length === first.length && first.every((key) => row[key] !== undefined));
  if (uniform) return rows.length ? [rows] : [];
  const groups = new Map<string, ObjectLiteral[]>();
  for (const row of rows) {
    const defined = Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
    const signature = Object.keys(defined).join(',');
    const group = groups.get(signature);
    if (group) group.push(defined);
    else groups.set(signature, [defined]);
  }
  return [...groups.values()];
}

/** Statements with more parameters than this are sent as text: their shapes are many and used once. */
const PREPARED_MAX_PARAMS = 64;

interface Mysql2Connection {
  execute(sql: string, params: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/**
 * Run a statement in the manager's transaction. On MySQL/MariaDB a small statement
 * is a server-side prepared statement (mysql2 keeps it per connection, bounded by
 * `maxPreparedStatements`): the server parses it once instead of on every call.
 */
async function run(manager: EntityManager, sql: string, params: unknown[]): Promise<unknown> {
  const runner = manager.queryRunner as { databaseConnection?: Mysql2Connection; isReleased?: boolean } | undefined;
  const connection = runner?.databaseConnection;
  if (!connection || runner!.isReleased || params.length > PREPARED_MAX_PARAMS || manager.connection.options.type !== 'mysql')
    return manager.query(sql, params);
  return new Promise((resolve, reject) =>
    connection.execute(sql, params, (error, result) => (error ? reject(new QueryFailedError(sql, params, error)) : resolve(result))),
  );
}
