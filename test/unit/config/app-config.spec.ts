import * as path from 'node:path';
import { loadAppConfig, parseDatabaseUrl } from '../../../src/config/app.config';
import { ConfigError, parseWholeNumber } from '../../../src/config/env';
import { loadOutboxConfig } from '../../../src/outbox/outbox.config';
import { loadSchedulerConfig } from '../../../src/scheduler/scheduler.config';
import { loadSecretsConfig } from '../../../src/secrets/secrets.config';
import { loadWebServicesConfig } from '../../../src/web-services/web-services.config';

/** Every feature's loader: the variables a feature reads are validated by its own. */
const LOADERS = [loadAppConfig, loadSecretsConfig, loadOutboxConfig, loadSchedulerConfig, loadWebServicesConfig];
const loadAll = (env: NodeJS.ProcessEnv) => LOADERS.map((load) => load(env));

describe('loadAppConfig', () => {
  it('defaults to port 8071 and an embedded SQLite file under ./data', () => {
    const config = loadAppConfig({});
    expect(config.port).toBe(8071);
    expect(config.database).toEqual({ type: 'sqlite', path: path.resolve('./data/synchro.db'), busyTimeoutMs: 10_000 });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.adminToken).toBeUndefined();
    expect(config.maxBodyBytes).toBe(1024 * 1024);
    expect(config.publicUrl).toBe('http://localhost:8071');
  });

  it('takes the SQLite busy timeout from DATABASE_BUSY_TIMEOUT_MS, within bounds', () => {
    expect(loadAppConfig({ DATABASE_BUSY_TIMEOUT_MS: '300' }).database).toMatchObject({ busyTimeoutMs: 300 });
    expect(() => loadAppConfig({ DATABASE_BUSY_TIMEOUT_MS: '10' })).toThrow(/DATABASE_BUSY_TIMEOUT_MS/);
    expect(loadAppConfig({ DATABASE_URL: 'mysql://root@db/sync' }).database).not.toHaveProperty('busyTimeoutMs');
  });

  it('parses mysql:// URLs', () => {
    expect(parseDatabaseUrl('mysql://root@127.0.0.1:3306/test')).toEqual({
      type: 'mysql',
      host: '127.0.0.1',
      port: 3306,
      username: 'root',
      password: '',
      database: 'test',
    });
    expect(parseDatabaseUrl('mysql://u:p%40ss@db/sync')).toMatchObject({ username: 'u', password: 'p@ss', port: 3306, database: 'sync' });
    expect(loadAppConfig({ DATABASE_URL: 'mysql://root@db/sync', DATABASE_POOL_SIZE: '7' }).database).toMatchObject({ poolSize: 7 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'postgres://x/y' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://host' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'nonsense' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'sqlite:' }, 'DATABASE_URL'],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN'],
    [{ SYNC_MAX_BODY: '12kb' }, 'SYNC_MAX_BODY'],
    [{ SECRETS_KEY: 'too-short' }, 'SECRETS_KEY'],
    [{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
    [{ OUTBOX_CONCURRENCY: '0' }, 'OUTBOX_CONCURRENCY'],
    [{ OUTBOX_BACKOFF_SCALE: 'fast' }, 'OUTBOX_BACKOFF_SCALE'],
    [{ OUTBOX_BACKOFF_SCALE: '0' }, 'OUTBOX_BACKOFF_SCALE'],
    [{ OUTBOX_DISPATCHER: 'maybe' }, 'OUTBOX_DISPATCHER'],
    [{ OUTBOUND_MAX_ANSWER_BYTES: '10' }, 'OUTBOUND_MAX_ANSWER_BYTES'],
    [{ SCHEDULER_TICK_MS: '1' }, 'SCHEDULER_TICK_MS'],
  ])('rejects %p naming %s', (env, variable) => {
    expect(() => loadAll(env)).toThrow(ConfigError);
    try {
      loadAll(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(`Invalid ${variable}: `);
    }
  });
});

describe('one rule for whole numbers and durations, in every feature', () => {
  it.each([
    ['5000', 5000],
    [' 5000', 5000],
    ['5000 ', 5000],
    ['\t5000\n', 5000],
    ['007', 7],
    ['', undefined],
    ['   ', undefined],
    [undefined, undefined],
    ['5e3', 'invalid'],
    ['5000ms', 'invalid'],
    ['5 000', 'invalid'],
    ['-1', 'invalid'],
    ['+5', 'invalid'],
    ['5.0', 'invalid'],
    ['0x10', 'invalid'],
  ])('parseWholeNumber(%j) = %j', (raw, expected) => {
    expect(parseWholeNumber(raw)).toBe(expected);
  });

  it.each([
    ['SCHEDULER_TICK_MS', (v: string) => loadSchedulerConfig({ SCHEDULER_TICK_MS: v }).tickMs],
    ['OUTBOX_POLL_MS', (v: string) => loadOutboxConfig({ OUTBOX_POLL_MS: v }).pollMs],
    ['SYNC_MAX_BODY', (v: string) => loadAppConfig({ SYNC_MAX_BODY: v }).maxBodyBytes],
    ['OUTBOUND_MAX_ANSWER_BYTES', (v: string) => loadWebServicesConfig({ OUTBOUND_MAX_ANSWER_BYTES: v }).maxAnswerBytes],
  ])('%s: " 5000" is 5000, blank is the default, "5e3" names the variable', (variable, read) => {
    expect(read(' 5000')).toBe(5000);
    expect(read('5000 ')).toBe(5000);
    expect(read(' ')).toBe(read(''));
    expect(() => read('5e3')).toThrow(`Invalid ${variable}: "5e3" is not a whole number`);
  });

  it('outbox leases: 30 s by default, renewed every third of the lease (at most 10 s); a heartbeat as long as the lease is refused', () => {
    expect(loadOutboxConfig({})).toMatchObject({ leaseMs: 30_000, heartbeatMs: 10_000 });
    expect(loadOutboxConfig({ OUTBOX_LEASE_MS: '1500' })).toMatchObject({ leaseMs: 1500, heartbeatMs: 500 });
    expect(loadOutboxConfig({ OUTBOX_LEASE_MS: '120000', OUTBOX_HEARTBEAT_MS: '20000' })).toMatchObject({ heartbeatMs: 20_000 });
    expect(() => loadOutboxConfig({ OUTBOX_LEASE_MS: '1000', OUTBOX_HEARTBEAT_MS: '1000' })).toThrow(
      'Invalid OUTBOX_HEARTBEAT_MS: 1000 must be shorter than OUTBOX_LEASE_MS (1000)',
    );
  });

  it.each([
    [{ OUTBOX_BACKOFF_SCALE: ' 0.001 ' }, (env: NodeJS.ProcessEnv) => loadOutboxConfig(env).backoffScale, 0.001],
    [{ OUTBOX_DISPATCHER: ' OFF' }, (env: NodeJS.ProcessEnv) => loadOutboxConfig(env).dispatcher, false],
    [{ SCHEDULER: 'Off ' }, (env: NodeJS.ProcessEnv) => loadSchedulerConfig(env).enabled, false],
    [{ PUBLIC_URL: ' https://sync.example.com/ ' }, (env: NodeJS.ProcessEnv) => loadAppConfig(env).publicUrl, 'https://sync.example.com'],
  ])('%j is read with the same trimming', (env, read, expected) => {
    expect(read(env)).toBe(expected);
  });
});
