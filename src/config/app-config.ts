/**
 * Start-up configuration, read once from the environment and validated so a
 * bad value stops the service with an error naming the variable.
 * Pure TypeScript: unit-tested without Nest.
 */
import * as path from 'node:path';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string };

export interface AppConfig {
  port: number;
  database: DatabaseConfig;
  /** Folder for the embedded database, the generated admin token and secrets key. */
  dataDir: string;
  /** From ADMIN_TOKEN; undefined means "generate one into dataDir". */
  adminToken?: string;
  /** From SECRETS_KEY (64 hex chars or base64 of 32 bytes); undefined means "generate". */
  secretsKey?: string;
  /** Largest accepted request body, bytes (SYNC_MAX_BODY, default 1 MB). */
  maxBodyBytes: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/synchro.db';

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const database = parseDatabaseUrl(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  const dataDir = path.resolve(env.DATA_DIR || (database.type === 'sqlite' ? path.dirname(database.path) : './data'));
  const adminToken = optional(env.ADMIN_TOKEN);
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  }
  return {
    port: integer('PORT', env.PORT, 8071, 1, 65535),
    database,
    dataDir,
    adminToken,
    secretsKey: optional(env.SECRETS_KEY),
    maxBodyBytes: integer('SYNC_MAX_BODY', env.SYNC_MAX_BODY, 1024 * 1024, 1024, 64 * 1024 * 1024),
  };
}

export function parseDatabaseUrl(url: string): DatabaseConfig {
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    if (!file) throw new ConfigError('DATABASE_URL', 'sqlite: needs a file path, e.g. sqlite:./data/synchro.db');
    return { type: 'sqlite', path: file === ':memory:' ? file : path.resolve(file) };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DATABASE_URL', 'expected sqlite:<path> or mysql://user:pass@host:port/db');
  }
  if (parsed.protocol !== 'mysql:' && parsed.protocol !== 'mariadb:') {
    throw new ConfigError('DATABASE_URL', `unsupported scheme "${parsed.protocol}", use sqlite: or mysql://`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!database) throw new ConfigError('DATABASE_URL', 'mysql:// URL needs a database name, e.g. /synchro');
  if (!parsed.hostname) throw new ConfigError('DATABASE_URL', 'mysql:// URL needs a host');
  return {
    type: 'mysql',
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}
