/**
 * The admin console in a real browser against a real, built Synchro and the fake external system
 * (SQLite, or MariaDB with DATABASE_URL): the seed's Contact example configured entirely through the UI,
 * then used and watched through it, in the order an integrator works.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { EXTERNAL_KEY, signIn, Stack, startStack } from './harness';

const run = promisify(execFile);
const SEED_KEY = 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16';
/** Page-side expressions as strings: this file is compiled without the DOM library. */
const TOKEN_IN_STORAGE = "sessionStorage.getItem('synchro.adminToken')";
const SIGNING_SECRET = 'console-signing-secret-0123456789';

describe('admin console (headless Chromium)', () => {
  let stack: Stack;
  let generatedKey = '';
  const go = async (hash: string) => {
    await stack.page.goto(`${stack.url}/admin/#${hash}`);
  };
  const byLabel = (label: string) => stack.page.getByLabel(label, { exact: true });
  const button = (name: string) => stack.page.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    stack = await startStack();
    await stack.api('POST', '/api/records/res.country', { name: 'Spain', code: 'ES' });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('is served at /admin under a strict CSP with no inline code', async () => {
    const answer = await fetch(`${stack.url}/admin/`);
    expect(answer.status).toBe(200);
    const csp = answer.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await answer.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style=/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('refuses a wrong token, signs in with the right one, and signs out', async () => {
    const { page } = stack;
    await page.goto(`${stack.url}/admin/`);
    await page.getByLabel('Admin token').fill('not-the-token-at-all');
    await button('Sign in').click();
    await page.getByText('This token is not valid.').waitFor();
    await signIn(stack);
    expect(await page.evaluate(TOKEN_IN_STORAGE)).toBe(stack.token);
    await button('Sign out').click();
    await page.getByLabel('Admin token').waitFor();
    expect(await page.evaluate(TOKEN_IN_STORAGE)).toBeNull();
  });

  it('returns to sign-in when the API answers 401', async () => {
    const { page } = stack;
    await signIn(stack);
    await page.evaluate("sessionStorage.setItem('synchro.adminToken', 'revoked-token-revoked-token')");
    // The next call answers 401: the one this click makes, or an overview refresh that gets there
    // first (then the link is already gone with the signed-in layout, which is the point).
    await page
      .getByRole('link', { name: 'Sync objects' })
      .click({ timeout: 3000 })
      .catch(() => undefined);
    await page.getByLabel('Admin token').waitFor();
    await signIn(stack);
  });

  it('generates an API key shown once, and imports the seed key', async () => {
    const { page } = stack;
    await go('/settings');
    await page.locator('#generate-name').fill('ERP');
    await button('Generate Api Secret Key').click();
    const shown = page.locator('.notice-warn code');
    await shown.waitFor();
    generatedKey = (await shown.textContent())!.trim();
    expect(generatedKey.length).toBeGreaterThanOrEqual(16);
    await page.locator('#import-name').fill('Seed');
    await page.locator('#import-key').fill(SEED_KEY);
    await button('Import an existing key').click();
    await page.getByTestId('api-keys').getByText('Seed').waitFor();
    await expect(
      page
        .getByTestId('api-keys')
        .getByText(`…${SEED_KEY.slice(-4)}`)
        .count(),
    ).resolves.toBe(1);
    await stack.snapshot();
    // Shown once: gone after a reload.
    await page.reload();
    await page.getByTestId('api-keys').getByText('ERP').waitFor();
    expect(await page.content()).not.toContain(generatedKey);
  });

  it('creates the web service: errors next to their field, input kept, secrets write-only', async () => {
    const { page, fake } = stack;
    const url = fake.urlFor('CON');
    await go('/web-services/new');
    await byLabel('Name').fill('apitmt-customers');
    await byLabel('URL').fill('not a url');
    await byLabel('Needs confirmation').check();
    await byLabel('Confirmation URL').fill(url);
    await byLabel('Shipping URL').fill(url);
    await byLabel('Needs authentication').check();
    await byLabel('Authentication mode').selectOption({ label: 'Api Key' });
    await page.getByRole('button', { name: 'Replace Api Key' }).click();
    await page.getByLabel('Api Key: New value').fill(EXTERNAL_KEY);
    await page.getByRole('button', { name: 'Replace Signing secret' }).click();
    await page.getByLabel('Signing secret: New value').fill(SIGNING_SECRET);
    await button('Save').click();
    await page.locator('#f-url-error').waitFor();
    expect(await page.locator('#f-url-error').textContent()).toMatch(/url/i);
    expect(await byLabel('Name').inputValue()).toBe('apitmt-customers');
    await byLabel('URL').fill(url);
    await button('Save').click();
    await page.waitForURL(/#\/web-services\/\d+$/);
    await page.getByTestId('f-apiKey-state').getByText('set', { exact: true }).waitFor();
    await page.getByTestId('f-signingSecret-state').getByText('set', { exact: true }).waitFor();
    await stack.snapshot();
    await button('Test connection').click();
    await page.getByText(/Reachable: HTTP 200/).waitFor();
    // Spanish, with the original module's words.
    await page.getByLabel('Language').first().selectOption('es');
    for (const label of ['Necesita confirmación', 'URL Confirmación', 'URL Envío', 'Modo de Autenticación'])
      await page.getByText(label, { exact: true }).waitFor();
    await stack.snapshot();
    await page.getByLabel('Idioma').first().selectOption('en');
  });

  it('guards unsaved changes when leaving a form', async () => {
    const { page } = stack;
    await byLabel('Timeout (ms)').fill('5000');
    stack.acceptDialogs = false;
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.waitForTimeout(300);
    expect(stack.dialogs.at(-1)).toMatch(/unsaved changes/);
    expect(await byLabel('Timeout (ms)').inputValue()).toBe('5000');
    stack.acceptDialogs = true;
    await button('Discard').click();
    expect(await byLabel('Timeout (ms)').inputValue()).toBe('10000');
  });

  it('creates the sync model with its fields', async () => {
    const { page } = stack;
    await go('/sync-models/new');
    await byLabel('Name').fill('Contact');
    await byLabel('Code').fill('CON');
    const names = ['name', 'unique_id', 'country'];
    for (const [i, name] of names.entries()) {
      await button('Add field').click();
      await page.getByLabel(`Name ${i + 1}`, { exact: true }).fill(name);
    }
    await page.getByLabel('Field type 2', { exact: true }).selectOption('char');
    await button('Save').click();
    await page.waitForURL(/#\/sync-models\/\d+$/);
    expect(await page.getByLabel('Code 3', { exact: true }).inputValue()).toBe('country');
  });

  it('creates the sync object with a country reference mapping', async () => {
    const { page } = stack;
    await go('/sync-objects/new');
    await byLabel('Name').fill('Contacto - ENT');
    await byLabel('Direction').selectOption('bidirectional');
    await byLabel('Web Service').selectOption({ label: 'apitmt-customers' });
    await byLabel('Synchronization mode').selectOption('cron');
    await byLabel('Odoo model').selectOption('res.partner');
    await byLabel('Odoo Ref. field').selectOption('x_sys_id');
    await byLabel('External model').selectOption({ label: 'Contact' });
    await byLabel('External Ref. field').selectOption('unique_id');
    const mappings: [string, string, string?][] = [
      ['name', 'name'],
      ['x_sys_id', 'unique_id'],
      ['country_id', 'country', 'code'],
    ];
    for (const [i, [odoo, external, reference]] of mappings.entries()) {
      await button('Add mapping').click();
      await page.getByLabel(`Odoo field ${i + 1}`, { exact: true }).selectOption(odoo);
      await page.getByLabel(`External field ${i + 1}`, { exact: true }).selectOption(external);
      if (reference) await page.getByLabel(`Reference field ${i + 1}`, { exact: true }).selectOption(reference);
      else expect(await page.getByLabel(`Reference field ${i + 1}`, { exact: true }).count()).toBe(0);
    }
    await button('Save').click();
    await page.waitForURL(/#\/sync-objects\/\d+$/);
    const [object] = await stack.api<{ fields: unknown[]; mode: string }[]>('GET', '/api/sync-objects');
    expect(object).toMatchObject({
      mode: 'cron',
      fields: expect.arrayContaining([
        expect.objectContaining({ odooField: 'country_id', externalField: 'country', referenceField: 'code' }),
      ]),
    });
  });

  it("runs the API tab's curl example for real", async () => {
    const { page } = stack;
    await page.getByRole('tab', { name: 'API' }).click();
    const endpoints = page.getByTestId('endpoints');
    await endpoints.getByText(`${stack.url}/sync/CON/create`).waitFor();
    await page.locator('#example-key').fill(generatedKey);
    await page.getByRole('button', { name: 'Copy: curl · CREATE' }).click();
    const curl = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(curl).toContain(`-H 'api_key: ${generatedKey}'`);
    const { stdout } = await run('sh', ['-c', curl]);
    expect(JSON.parse(stdout)).toMatchObject({ jsonrpc: '2.0', result: { status: 'success', external_id: '1231' } });
    const found = await stack.api<{ items: { name: string }[] }>(
      'GET',
      `/api/records/res.partner?domain=${encodeURIComponent("[('x_sys_id', '=', '1231')]")}`,
    );
    expect(found.items).toEqual([expect.objectContaining({ name: 'Name' })]);
    const python = await page.locator('figure', { hasText: 'python-requests · CREATE' }).locator('code').textContent();
    expect(python).toContain(`url = "${stack.url}/sync/CON/create"`);
    expect(python).toContain('response = requests.request("POST", url, headers=headers, data=payload)');
  });

  it('resyncs after confirming how many records it will queue', async () => {
    const { page } = stack;
    await button('Resync').click();
    await page.getByText('Queue up to 1 records of res.partner matching the domain for sending?').waitFor();
    await button('Confirm').click();
    await page.getByText(/^\d+ records queued\.$/).waitFor();
  });

  it('runs the object against the fake external system and shows the counts and rows', async () => {
    const { page, fake } = stack;
    fake.offer('CON', 'insert', { unique_id: 'C-1', name: 'Azure Interior', country: 'ES' });
    fake.offer('CON', 'insert', { unique_id: 'C-2', name: 'Broken Country', country: 'XX' });
    await button('Run now').click();
    await page.getByText(/Run #\d+ finished: Partial/).waitFor();
    await go('/runs');
    await page.getByTestId('runs').getByRole('link').first().click();
    const counts = page.getByTestId('run-counts');
    await counts.waitFor();
    const text = (await counts.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Received 2');
    expect(text).toContain('Applied 1');
    expect(text).toContain('Failed 1');
    await page.getByTestId('change-log').getByText('Azure Interior').first().waitFor();
    await stack.snapshot();
    await go('/change-log?status=failed');
    const failed = page.getByTestId('change-log');
    await failed.getByText('Broken Country').first().waitFor();
    await failed
      .getByText(/res\.country/)
      .first()
      .waitFor();
    await stack.snapshot();
  });

  it('finds the failed record through record tracking', async () => {
    const { page } = stack;
    await go('/tracking');
    await page.locator('#track-external-id').fill('C-2');
    await button('Show the trail').click();
    const rows = page.getByTestId('change-log');
    await rows.getByText('Broken Country').first().waitFor();
    await rows.getByText('Failed').first().waitFor();
    await page.getByText('No sync state: this record was never synchronized.').waitFor();
    await stack.snapshot();
  });

  it('retries a dead outbox row from the error inbox', async () => {
    const { page, fake } = stack;
    fake.setFault({ type: 'http400', kind: 'send' });
    const partner = await stack.api<{ id: number }>('POST', '/api/records/res.partner', { name: 'Dead Letter', country_id: 1 });
    await go('/sync-objects/1');
    await button('Run now').click();
    await page.getByText(/Run #\d+ finished/).waitFor();
    fake.clearFault();
    await go('/errors');
    await page.getByText(/Dead and retrying outbox rows/).waitFor();
    await button('Retry these').click();
    await page.getByText('Put 1 dead rows of “Contacto - ENT” back in the queue?').waitFor();
    await button('Confirm').click();
    await page.getByText('1 rows back in the queue.').waitFor();
    await go('/sync-objects/1');
    // The run sends the retried row (the fake still offers C-2, whose country is unknown: the run stays partial).
    await button('Run now').click();
    await page.getByText(/Run #\d+ finished/).waitFor();
    const rows = await stack.api<{ items: { status: string }[] }>('GET', `/api/outbox?model=res.partner&recordId=${partner.id}`);
    expect(rows.items.map((row) => row.status)).toEqual(['done']);
    expect([...fake.records('CON').values()].map((values) => values.name)).toContain('Dead Letter');
    await go(`/tracking?model=res.partner&odooId=${partner.id}`);
    await page.getByTestId('trail-outbox').getByText('Delivered').waitFor();
    await page.getByTestId('trail-state').waitFor();
    await stack.snapshot();
  });

  it('revokes a key after confirmation', async () => {
    const { page } = stack;
    await go('/settings');
    const row = page.getByTestId('api-keys').getByRole('row', { name: /Seed/ });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.getByText('Revoke the key “Seed”? Calls using it will be refused.').waitFor();
    await button('Confirm').click();
    await page.getByTestId('api-keys').getByRole('cell', { name: 'Seed', exact: true }).waitFor({ state: 'detached' });
    const answer = await fetch(`${stack.url}/sync/CON/create`, {
      method: 'POST',
      headers: { api_key: SEED_KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'x', unique_id: 'x' }),
    });
    expect(answer.status).toBe(401);
  });

  it('shows the audit trail of these writes in settings, filtered by resource', async () => {
    const { page } = stack;
    await page.reload();
    const audit = page.getByTestId('audit');
    await audit.getByRole('cell', { name: 'Revoke key', exact: true }).first().waitFor();
    await page.getByLabel('Resource', { exact: true }).selectOption({ label: 'Web service' });
    await audit
      .getByRole('cell', { name: /^Web service #\d+ · apitmt-customers$/ })
      .first()
      .waitFor();
    // The unfiltered list has web-service rows too: wait for the filtered answer to take the revoke rows away.
    await audit.getByRole('cell', { name: 'Revoke key', exact: true }).first().waitFor({ state: 'detached' });
    expect(await audit.getByRole('cell', { name: 'Revoke key', exact: true }).count()).toBe(0);
    await stack.snapshot();
  });

  it('never shows a stored secret: not in any page, not in any answer the console received', async () => {
    for (const hash of ['/', '/web-services', '/web-services/1', '/sync-objects/1', '/settings', '/errors', '/change-log']) {
      await go(hash);
      await stack.page.waitForLoadState('networkidle');
      await stack.snapshot();
    }
    expect(stack.pages.length).toBeGreaterThan(10);
    for (const secret of [EXTERNAL_KEY, SIGNING_SECRET, SEED_KEY]) {
      for (const html of stack.pages) expect(html).not.toContain(secret);
    }
    const answers = stack.received.filter((answer) => answer.url.includes('/api/'));
    expect(answers.length).toBeGreaterThan(20);
    for (const answer of answers) {
      expect(answer.body).not.toContain(EXTERNAL_KEY);
      expect(answer.body).not.toContain(SIGNING_SECRET);
    }
    // The generated key came back exactly once: in the answer that created it.
    expect(answers.filter((answer) => answer.body.includes(generatedKey))).toHaveLength(1);
  });

  it('is keyboard reachable with a visible focus, and usable at phone width', async () => {
    const { page } = stack;
    await go('/');
    await page.reload();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const focused = async () =>
      page.evaluate<{ text: string; outline: string }>(
        '({ text: document.activeElement.textContent.trim(), outline: getComputedStyle(document.activeElement).outlineStyle })',
      );
    let seen = { text: '', outline: '' };
    for (let i = 0; i < 40 && seen.text !== 'Web services'; i++) {
      await page.keyboard.press('Tab');
      seen = await focused();
    }
    expect(seen).toEqual({ text: 'Web services', outline: 'solid' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Web services' }).waitFor();
    await page.setViewportSize({ width: 390, height: 844 });
    await go('/');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await expect(page.getByRole('link', { name: 'Settings' }).isVisible()).resolves.toBe(false);
    await button('Menu').click();
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('saw no CSP violation or page error', () => {
    expect(stack.problems).toEqual([]);
  });
});
