/**
 * Plumbing for the demo (scripts/demo.ts): an isolated Synchro instance on a temporary
 * SQLite file and a free port, a small admin-API client, and polling. Nothing here is
 * part of Synchro itself.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createApp } from '../src/bootstrap';

export type Json = Record<string, unknown>;

export interface DemoSynchro {
  url: string;
  api: ApiClient;
  stop(): Promise<void>;
}

/** Starts the real application (same bootstrap as `npm start`) in this process. */
export async function startSynchro(extraEnv: Record<string, string> = {}): Promise<DemoSynchro> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synchro-demo-'));
  const token = randomBytes(24).toString('hex');
  const env: Record<string, string> = {
    DATABASE_URL: `sqlite:${path.join(dir, 'synchro.db')}`,
    DATA_DIR: dir,
    ADMIN_TOKEN: token,
    OUTBOX_POLL_MS: '200',
    SCHEDULER_TICK_MS: '1000',
    ...extraEnv,
  };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let app: INestApplication | undefined;
  try {
    app = await createApp({ logger: ['error'] });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    restore(saved);
    throw error;
  }
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    url,
    api: new ApiClient(url, token),
    stop: async () => {
      await app!.close();
      restore(saved);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

function restore(saved: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The admin API with the bearer token; any non-2xx answer throws with its body. */
export class ApiClient {
  constructor(
    readonly url: string,
    private readonly token: string,
  ) {}

  get<T = Json>(pathAndQuery: string): Promise<T> {
    return this.call<T>('GET', pathAndQuery);
  }

  post<T = Json>(pathAndQuery: string, body: unknown = {}): Promise<T> {
    return this.call<T>('POST', pathAndQuery, body);
  }

  put<T = Json>(pathAndQuery: string, body: unknown): Promise<T> {
    return this.call<T>('PUT', pathAndQuery, body);
  }

  private async call<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${pathAndQuery} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

/** Polls until `check` returns something truthy (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const json = (value: unknown): string => JSON.stringify(value);
