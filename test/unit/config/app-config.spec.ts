import * as path from 'node:path';
import { ConfigError, loadConfig, parseDatabaseUrl } from '../../../src/config/app-config';

describe('loadConfig', () => {
  it('defaults to port 8071 and an embedded SQLite file under ./data', () => {
    const config = loadConfig({});
    expect(config.port).toBe(8071);
    expect(config.database).toEqual({ type: 'sqlite', path: path.resolve('./data/synchro.db') });
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.adminToken).toBeUndefined();
    expect(config.maxBodyBytes).toBe(1024 * 1024);
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
  ])('rejects %p naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).variable).toBe(variable);
      expect((error as Error).message).toContain(variable);
    }
  });
});
