/**
 * Start-up configuration, read once from the environment and validated so a
 * bad value stops the service with an error naming the variable.
 * Pure TypeScript: unit-tested without Nest.
 */
import * as path from 'node:path';
import { parseSecretsKey } from '../web-services/secrets.cipher';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string; poolSize?: number };

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
  /** Base URL the external system uses to reach Synchro (PUBLIC_URL), shown in sync objects' endpoint tables. */
  publicUrl: string;
  outbox: OutboxConfig;
  /** Largest answer accepted from a web service, bytes (OUTBOUND_MAX_ANSWER_BYTES, default 32 MB). */
  maxAnswerBytes: number;
}

/** Outbound delivery tuning (OUTBOX_* variables). */
export interface OutboxConfig {
  /** How often the dispatcher looks for due rows besides in-process wake-ups. */
  pollMs: number;
  /** How long a claimed row stays reserved for its instance; after that another may take it. */
  leaseMs: number;
  /** Deliveries in flight at once per instance. */
  concurrency: number;
  /** Consecutive failures of one web service that pause its deliveries... */
  breakerThreshold: number;
  /** ...for this long. */
  breakerCooldownMs: number;
  /** Multiplies the retry ladder (5 s, 30 s, 2 min, ...); tests use a small value. */
  backoffScale: number;
  /** Run the dispatcher in this instance (OUTBOX_DISPATCHER=off for API-only instances). */
  dispatcher: boolean;
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
  if (database.type === 'mysql') database.poolSize = integer('DATABASE_POOL_SIZE', env.DATABASE_POOL_SIZE, 20, 1, 1000);
  const dataDir = path.resolve(env.DATA_DIR || (database.type === 'sqlite' ? path.dirname(database.path) : './data'));
  const adminToken = optional(env.ADMIN_TOKEN);
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ADMIN_TOKEN', 'must be at least 16 characters long');
  }
  const port = integer('PORT', env.PORT, 8071, 1, 65535);
  const publicUrl = (optional(env.PUBLIC_URL) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s]+/.test(publicUrl)) throw new ConfigError('PUBLIC_URL', 'expected an http(s) URL');
  return {
    port,
    publicUrl,
    database,
    dataDir,
    adminToken,
    secretsKey: secretsKey(env.SECRETS_KEY),
    maxBodyBytes: integer('SYNC_MAX_BODY', env.SYNC_MAX_BODY, 1024 * 1024, 1024, 64 * 1024 * 1024),
    maxAnswerBytes: integer('OUTBOUND_MAX_ANSWER_BYTES', env.OUTBOUND_MAX_ANSWER_BYTES, 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    outbox: {
      pollMs: integer('OUTBOX_POLL_MS', env.OUTBOX_POLL_MS, 1000, 10, 3_600_000),
      leaseMs: integer('OUTBOX_LEASE_MS', env.OUTBOX_LEASE_MS, 300_000, 100, 86_400_000),
      concurrency: integer('OUTBOX_CONCURRENCY', env.OUTBOX_CONCURRENCY, 16, 1, 256),
      breakerThreshold: integer('OUTBOX_BREAKER_THRESHOLD', env.OUTBOX_BREAKER_THRESHOLD, 5, 1, 1000),
      breakerCooldownMs: integer('OUTBOX_BREAKER_COOLDOWN_MS', env.OUTBOX_BREAKER_COOLDOWN_MS, 30_000, 10, 86_400_000),
      backoffScale: fraction('OUTBOX_BACKOFF_SCALE', env.OUTBOX_BACKOFF_SCALE, 1),
      dispatcher: (env.OUTBOX_DISPATCHER ?? 'on') !== 'off',
    },
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

/** Checked here so a bad key stops start-up with the same clean error as any other variable. */
function secretsKey(raw: string | undefined): string | undefined {
  const value = optional(raw);
  if (value === undefined) return undefined;
  try {
    parseSecretsKey(value);
  } catch (error) {
    throw new ConfigError('SECRETS_KEY', (error as Error).message);
  }
  return value;
}

function optional(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function fraction(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value > 100) throw new ConfigError(name, `"${raw}" is not a number in (0, 100]`);
  return value;
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}
