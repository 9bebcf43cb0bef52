/**
 * The browser tier: a real, built Synchro (`node dist/src/main.js`, serving console/dist at /admin) on a
 * loopback port with a fresh database (SQLite, or MariaDB when DATABASE_URL says so), the fake external
 * system, and headless Chromium driven by playwright-core. Every answer the console receives is kept,
 * so tests can check that no secret ever reaches the browser.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { FakeExternalSystem } from '../fake-external/fake-external';
import { createTestDatabase, TestDatabase } from '../support/test-database';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Stack {
  url: string;
  token: string;
  fake: FakeExternalSystem;
  browser: Browser;
  page: Page;
  db: TestDatabase;
  /** Every response body the page received (HTML, scripts, API JSON), in order. */
  received: { url: string; body: string }[];
  /** CSP violations and page errors seen in the browser. */
  problems: string[];
  /** The HTML of every page state `snapshot()` recorded. */
  pages: string[];
  snapshot(): Promise<void>;
  /** Native dialogs (the unsaved-changes guard) are accepted unless this is set to false. */
  acceptDialogs: boolean;
  dialogs: string[];
  /** The admin API with the token, for setting up and checking. */
  api<T = unknown>(method: string, pathAndQuery: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Synchro exited (${child.exitCode}):\n${output()}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Synchro did not start:\n${output()}`);
}

export const EXTERNAL_KEY = 'ERP-SIDE-SECRET-KEY-0123456789';

export async function startStack(options: { viewport?: { width: number; height: number } } = {}): Promise<Stack> {
  const root = path.resolve(__dirname, '../..');
  const db = await createTestDatabase();
  const fake = new FakeExternalSystem({ idField: 'unique_id', auth: { mode: 'api_key', key: EXTERNAL_KEY } });
  await fake.start();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const token = randomBytes(24).toString('hex');
  let output = '';
  const child = spawn(process.execPath, [path.join(root, 'dist/src/main.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: db.url,
      DATA_DIR: db.dataDir,
      ADMIN_TOKEN: token,
      PUBLIC_URL: url,
      OUTBOX_POLL_MS: '200',
      OUTBOX_BACKOFF_SCALE: '0.001',
      SCHEDULER_TICK_MS: '1000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  await waitForHealth(url, child, () => output);

  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: 'en-US' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  const received: Stack['received'] = [];
  const problems: string[] = [];
  page.on('response', async (response) => {
    try {
      received.push({ url: response.url(), body: (await response.body()).toString('utf8') });
    } catch {
      // redirects and aborted requests have no body
    }
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text())) problems.push(message.text());
  });
  const pages: string[] = [];
  const dialogs: string[] = [];
  const stack = {} as Stack;
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void (stack.acceptDialogs ? dialog.accept() : dialog.dismiss());
  });

  const api = async <T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> => {
    const answer = await fetch(`${url}${pathAndQuery}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await answer.text();
    if (!answer.ok) throw new Error(`${method} ${pathAndQuery}: ${answer.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };

  return Object.assign(stack, {
    acceptDialogs: true,
    dialogs,
    pages,
    snapshot: async () => {
      pages.push(await page.content());
    },
    url,
    token,
    fake,
    browser,
    page,
    db,
    received,
    problems,
    api,
    stop: async () => {
      await browser.close();
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      await fake.stop();
      await db.drop();
    },
  });
}

/** Opens the console and signs in with the admin token, as a user would. */
export async function signIn(stack: Stack): Promise<void> {
  const { page } = stack;
  await page.goto(`${stack.url}/admin/`);
  await page.getByLabel('Admin token').fill(stack.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
}

/**
 * The seed's Contact example through the admin API: a country, the web service on the fake external
 * system (API key auth, confirmation), the Contact sync model and the bidirectional cron object 1 with
 * a country reference mapping. (console.browser-spec.ts configures the same through the UI.)
 */
export async function configureContactExample({ api, fake }: Stack): Promise<void> {
  await api('POST', '/api/records/res.country', { name: 'Spain', code: 'ES' });
  const url = fake.urlFor('CON');
  await api('POST', '/api/web-services', {
    name: 'apitmt-customers',
    url,
    needsConfirmation: true,
    confirmationUrl: url,
    shippingUrl: url,
    needsAuthentication: true,
    authMode: 'api_key',
    apiKey: EXTERNAL_KEY,
  });
  const fields = ['name', 'unique_id', 'country'].map((name) => ({ name, code: name, type: 'char' }));
  await api('POST', '/api/sync-models', { name: 'Contact', code: 'CON', fields });
  await api('POST', '/api/sync-objects', {
    name: 'Contacto - ENT',
    direction: 'bidirectional',
    mode: 'cron',
    webServiceId: 1,
    syncModelId: 1,
    odooModel: 'res.partner',
    odooRefField: 'x_sys_id',
    externalRefField: 'unique_id',
    fields: [
      { odooField: 'name', externalField: 'name' },
      { odooField: 'x_sys_id', externalField: 'unique_id' },
      { odooField: 'country_id', externalField: 'country', referenceField: 'code' },
    ],
  });
}
