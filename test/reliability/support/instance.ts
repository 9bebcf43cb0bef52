/**
 * One Synchro instance as a real process that a crash test kills and starts again on the same
 * database and port (test/support/app-process.ts does the spawning).
 */
import request from 'supertest';
import { ADMIN_AUTH, AppProcess, freePort, startAppProcess } from '../../support/app-process';
import { TestDatabase } from '../../support/test-database';

export class Instance {
  private process: AppProcess | null = null;
  readonly port = freePort();

  constructor(
    private readonly db: TestDatabase,
    private readonly env: Record<string, string> = {},
  ) {}

  /** The instance's base URL (http://127.0.0.1:<port>). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The process id while it runs (for /proc/<pid>/status). */
  get pid(): number | undefined {
    return this.process?.child.pid;
  }

  /** supertest on this instance with the admin token. */
  api(method: 'get' | 'post' | 'put' | 'patch' | 'delete', route: string): request.Test {
    return request(`http://127.0.0.1:${this.port}`)[method](route).set(ADMIN_AUTH);
  }

  async start(): Promise<void> {
    this.process = await startAppProcess(this.db, this.port, this.env);
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    await this.process?.kill(signal);
    this.process = null;
  }
}
