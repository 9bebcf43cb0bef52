/**
 * Starts the real application (same bootstrap as production) on a fresh test
 * database and a loopback port, and hands out authenticated supertest agents.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createApp } from '../../src/bootstrap';
import { createTestDatabase, TestDatabase } from './test-database';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  /** Base URL of the listening server, e.g. http://127.0.0.1:43567 */
  url: string;
  /** supertest bound to the server, with the admin token set. */
  api(): AdminAgent;
  /** supertest without any auth header. */
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type AdminAgent = Record<Method, (path: string) => request.Test>;

export async function startTestApp(env: Record<string, string> = {}, options: { logLines?: string[] } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  // The auth failure limit is off unless a test sets AUTH_FAILURE_LIMIT (one loopback address sends every test's 401s).
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    DATA_DIR: db.dataDir,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    AUTH_FAILURE_LIMIT: '0',
    ...env,
  });
  // logLines: every line, at every level, is captured there (and not printed).
  const capture = options.logLines;
  const app = capture
    ? await createApp({
        logger: ['verbose'],
        logDestination: { write: (chunk: string) => void capture.push(...chunk.split('\n').filter(Boolean)) },
      })
    : await createApp({ logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : ['error'] });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  const server = app.getHttpServer();
  const api = (): AdminAgent => {
    const agent = request(server);
    const auth = (test: request.Test) => test.set('Authorization', `Bearer ${TEST_ADMIN_TOKEN}`);
    return {
      get: (path) => auth(agent.get(path)),
      post: (path) => auth(agent.post(path)),
      put: (path) => auth(agent.put(path)),
      patch: (path) => auth(agent.patch(path)),
      delete: (path) => auth(agent.delete(path)),
    };
  };
  return {
    app,
    db,
    url,
    api,
    http: () => request(server),
    close: async () => {
      await app.close();
      await db.drop();
      for (const key of Object.keys(env)) delete process.env[key];
    },
  };
}
