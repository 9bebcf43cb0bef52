/**
 * Synchro as a real child process (test/support/run-app.ts) on a given database:
 * several instances sharing one database, or one killed with SIGKILL and restarted.
 */
import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import { CaptureFile } from './secret-capture';
import { TEST_ADMIN_TOKEN } from './test-app';
import { TestDatabase } from './test-database';

const ROOT = path.resolve(__dirname, '../..');

export interface AppProcess {
  child: ChildProcess;
  port: number;
  /** supertest on the instance; `auth` is the admin header. */
  api(): ReturnType<typeof request>;
  /** Sends `signal` (default SIGKILL) and waits until the process is gone (SIGKILL after 30 s of a gentler one). */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export const ADMIN_AUTH = { Authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

/**
 * A port for a child instance, below the kernel's ephemeral range (32768–60999 here): a port in that
 * range may be the local end of any outgoing connection (to MariaDB, to the fake external system)
 * at the moment the child listens, which failed CI with EADDRINUSE on a restart.
 */
export function freePort(): number {
  return 10000 + Math.floor(Math.random() * 22000);
}

export function startAppProcess(db: TestDatabase, port: number, env: Record<string, string> = {}): Promise<AppProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'test/support/run-app.ts'], {
    cwd: ROOT,
    // AUTH_FAILURE_LIMIT: off unless the test sets it (as in startTestApp).
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      PORT: String(port),
      AUTH_FAILURE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stderr still shown, and kept for the secret scan (the process logs its own lines there itself).
  const stderr = CaptureFile.log('child-stderr');
  child.stderr!.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    stderr?.write(chunk.toString());
  });
  child.once('exit', () => stderr?.close());
  const handle: AppProcess = {
    child,
    port,
    api: () => request(`http://127.0.0.1:${port}`),
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      const stubborn = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(stubborn);
    },
  };
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`Synchro exited early with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) {
        child.removeAllListeners('exit');
        resolve(handle);
      }
    });
  });
}
