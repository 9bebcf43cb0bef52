/**
 * A real Synchro process (test/support/run-app.ts under @swc-node/register) on a given database and
 * port, for crash tests: start it, talk to it over HTTP, kill it with a signal, start it again.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import { TEST_ADMIN_TOKEN } from '../../support/test-app';
import { TestDatabase } from '../../support/test-database';

const ROOT = path.resolve(__dirname, '../../..');

export class Instance {
  private child: ChildProcess | null = null;
  readonly port = 20000 + Math.floor(Math.random() * 20000);

  constructor(
    private readonly db: TestDatabase,
    private readonly env: Record<string, string> = {},
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** supertest on this instance with the admin token. */
  api(method: 'get' | 'post' | 'put' | 'patch' | 'delete', route: string): request.Test {
    return request(this.url)[method](route).set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
  }

  async start(extra: Record<string, string> = {}): Promise<void> {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/run-app.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: this.db.url,
        DATA_DIR: this.db.dataDir,
        ADMIN_TOKEN: TEST_ADMIN_TOKEN,
        PORT: String(this.port),
        ...this.env,
        ...extra,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) => reject(new Error(`Synchro exited early with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('READY')) {
          child.removeAllListeners('exit');
          resolve();
        }
      });
    });
    this.child = child;
  }

  /** Sends `signal` and waits until the process is gone (SIGKILL after 30 s of a SIGTERM). */
  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = null;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
