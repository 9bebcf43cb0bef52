/**
 * The application's own settings (HTTP, database, data folder, admin token), read
 * once at start-up and validated so a bad value stops the service with an error
 * naming the variable. Each feature registers its own the same way (outbox.config.ts,
 * scheduler.config.ts, web-services.config.ts); all are listed in AppModule.
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { IsOptional, Matches, MinLength } from 'class-validator';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { ConfigError, readEnv, WholeNumber } from './env';
import { defaultInstanceName, INSTANCE_NAME_PATTERN } from './instance-name';

export type DatabaseConfig =
  | { type: 'sqlite'; path: string; busyTimeoutMs?: number }
  | { type: 'mysql'; host: string; port: number; username: string; password: string; database: string; poolSize?: number };

export const DEFAULT_DATABASE_URL = 'sqlite:./data/synchro.db';

class AppEnv {
  @WholeNumber(1, 65535)
  PORT = 8071;

  DATABASE_URL = DEFAULT_DATABASE_URL;

  @WholeNumber(1, 1000)
  DATABASE_POOL_SIZE = 20;

  /** SQLite: how long a write waits for another process's write lock before failing with 503 DATABASE.BUSY. */
  @WholeNumber(50, 600_000)
  DATABASE_BUSY_TIMEOUT_MS = 10_000;

  @IsOptional()
  DATA_DIR?: string = undefined;

  @IsOptional()
  @MinLength(16, { message: 'must be at least 16 characters long' })
  ADMIN_TOKEN?: string = undefined;

  @IsOptional()
  @Matches(/^https?:\/\/[^/\s]+/, { message: 'expected an http(s) URL' })
  PUBLIC_URL?: string = undefined;

  @WholeNumber(1024, 64 * 1024 * 1024)
  SYNC_MAX_BODY = 1024 * 1024;

  @WholeNumber(500, 600_000)
  REQUEST_TIMEOUT_MS = 30_000;

  @WholeNumber(500, 600_000)
  HEADERS_TIMEOUT_MS = 10_000;

  @IsOptional()
  @Matches(INSTANCE_NAME_PATTERN, { message: 'letters, digits, ".", "_" or "-" (starting with a letter or digit), at most 64' })
  INSTANCE_NAME?: string = undefined;
}

export function loadAppConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(AppEnv, env);
  const database = parseDatabaseUrl(vars.DATABASE_URL);
  if (database.type === 'mysql') database.poolSize = vars.DATABASE_POOL_SIZE;
  else database.busyTimeoutMs = vars.DATABASE_BUSY_TIMEOUT_MS;
  return {
    port: vars.PORT,
    /** Base URL the external system uses to reach Synchro, shown in sync objects' endpoint tables. */
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    database,
    /** Folder for the embedded database, the generated admin token and secrets key. */
    dataDir: path.resolve(vars.DATA_DIR ?? (database.type === 'sqlite' ? path.dirname(database.path) : './data')),
    /** Undefined means "generate one into dataDir". */
    adminToken: vars.ADMIN_TOKEN,
    /** Largest accepted request body, bytes. */
    maxBodyBytes: vars.SYNC_MAX_BODY,
    /** Whole request, headers and body; headers alone (slow clients hold a socket and a parser each). */
    requestTimeoutMs: vars.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: vars.HEADERS_TIMEOUT_MS,
    /** This instance in outbound calls' User-Agent (instance-name.ts). */
    instanceName: vars.INSTANCE_NAME ?? defaultInstanceName(hostname(), process.pid),
  };
}

export const appConfig = registerAs('app', () => loadAppConfig(process.env));
export type AppConfig = ConfigType<typeof appConfig>;

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
