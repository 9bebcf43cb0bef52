/**
 * TypeORM options for both drivers, shared by the Nest app and the TypeORM CLI
 * (`ormconfig.ts`). Entities and migrations are found by file name under src/
 * (or dist/src/), so a module that adds a model ships its entity and migration in
 * its own folder without touching this file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app.config';
import { registerSqliteFunctions } from './sqlite-functions';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** `.ts` under Jest (@swc/jest) or @swc-node/register, `.js` once compiled. */
const EXT = __filename.endsWith('.ts') ? 'ts' : 'js';
const SRC_ROOT = path.resolve(__dirname, '..');

export const ENTITY_GLOBS = [`${SRC_ROOT}/**/*.entity.${EXT}`, `${SRC_ROOT}/**/*.model.${EXT}`];
export const MIGRATION_GLOBS = [`${SRC_ROOT}/**/migrations/*[0-9]-*.${EXT}`];

export function buildDataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const common = {
    entities: ENTITY_GLOBS,
    migrations: MIGRATION_GLOBS,
    migrationsTableName: 'synchro_migrations',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    // Failed queries are thrown and handled; logging them would print their parameters.
    logging: ['warn', 'migration'] as ('warn' | 'migration')[],
  };
  if (database.type === 'sqlite') {
    const busyTimeoutMs = database.busyTimeoutMs ?? 10_000;
    if (database.path !== ':memory:') fs.mkdirSync(path.dirname(database.path), { recursive: true });
    return {
      ...common,
      type: 'better-sqlite3',
      database: database.path,
      // Wait for another process's write lock instead of failing at once (then 503 DATABASE.BUSY).
      timeout: busyTimeoutMs,
      prepareDatabase: (db: { pragma(source: string): unknown } & Parameters<typeof registerSqliteFunctions>[0]) => {
        db.pragma('journal_mode = WAL');
        db.pragma(`busy_timeout = ${busyTimeoutMs}`);
        db.pragma('synchronous = NORMAL');
        db.pragma('foreign_keys = ON');
        registerSqliteFunctions(db);
      },
    };
  }
  return {
    ...common,
    type: 'mysql',
    host: database.host,
    port: database.port,
    username: database.username,
    password: database.password,
    database: database.database,
    charset: 'utf8mb4_unicode_ci',
    // Datetimes are UTC end to end, whatever the server's time zone.
    timezone: 'Z',
    // More connections than outbound deliveries in flight, so delivery bookkeeping never queues for one.
    poolSize: database.poolSize ?? 20,
    supportBigNumbers: true,
    bigNumberStrings: false,
    // mysql2 captures a stack trace per query by default: measurable CPU on the hot paths (npm run bench).
    // Prepared statements (plain-sql.ts) kept per connection, well under the server's max_prepared_stmt_count.
    extra: { trace: false, maxPreparedStatements: 64 },
  };
}
