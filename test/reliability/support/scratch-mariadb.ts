/**
 * A MariaDB server of the test's own — own data directory, port and socket — that a test may kill
 * and start again (a database restarted mid-run) without touching the server the rest of the suite
 * uses. Needs the Debian `mariadb-server` binaries (mariadb-install-db, mariadbd), as CI has.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort } from '../../support/app-process';
import { TestDatabase } from '../../support/test-database';

const run = promisify(execFile);

export class ScratchMariaDb {
  readonly port = freePort();
  private readonly dir = mkdtempSync(path.join(os.tmpdir(), 'synchro-mariadb-'));
  private server: ChildProcess | null = null;

  /** `options`: extra mariadbd options, e.g. `--innodb-lock-wait-timeout=1`. */
  constructor(private readonly options: string[] = []) {}

  /** A TestDatabase (database `synchro`) on this server, for startAppProcess. */
  database(): TestDatabase {
    return {
      url: `mysql://root@127.0.0.1:${this.port}/synchro`,
      dataDir: path.join(this.dir, 'synchro-data'),
      kind: 'mysql',
      drop: async () => undefined,
    };
  }

  /** Creates the data directory and the `synchro` database, and leaves the server running. */
  async create(): Promise<void> {
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${path.join(this.dir, 'data')}`,
      '--user=root',
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    await this.start();
    const admin = await this.connect();
    await admin.query('CREATE DATABASE synchro CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci');
    await admin.end();
  }

  /** Starts the server on its data directory (InnoDB recovers what a kill left) and waits until it answers. */
  async start(): Promise<void> {
    this.server = spawn(
      '/usr/sbin/mariadbd',
      [
        '--no-defaults',
        `--datadir=${path.join(this.dir, 'data')}`,
        `--port=${this.port}`,
        '--bind-address=127.0.0.1',
        `--socket=${path.join(this.dir, 'mysqld.sock')}`,
        `--pid-file=${path.join(this.dir, 'mysqld.pid')}`,
        `--log-error=${path.join(this.dir, 'error.log')}`,
        '--user=root',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        ...this.options,
      ],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        await (await this.connect()).end();
        return;
      } catch (error) {
        if (Date.now() > deadline || this.server.exitCode !== null) throw new Error(`scratch MariaDB did not start: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }

  /** Kills the server (SIGKILL: a crash, connections cut mid-query) and waits until it is gone. */
  async kill(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const gone = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await gone;
  }

  /** A connection to the `synchro` database (or to the server before it exists). */
  connect(database?: string) {
    return createConnection({ host: '127.0.0.1', port: this.port, user: 'root', database, timezone: 'Z' });
  }

  async destroy(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
