/**
 * The console's operations pages in a real browser (SQLite, or MariaDB with DATABASE_URL): alerts that
 * follow a failing external system and its recovery, the web service's API inspector, and the outbox
 * retry with its preview. The Contact example is set up through the admin API (console.browser-spec.ts
 * already configures it through the UI); what is tested here is watched and acted on through the console.
 */
import { configureContactExample, EXTERNAL_KEY, signIn, Stack, startStack } from './harness';

describe('console operations (headless Chromium)', () => {
  let stack: Stack;
  const go = async (hash: string) => {
    await stack.page.goto(`${stack.url}/admin/#${hash}`);
  };
  const button = (name: string) => stack.page.getByRole('button', { name, exact: true });

  beforeAll(async () => {
    stack = await startStack();
    await configureContactExample(stack);
    await signIn(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows an alert when a run fails against the external system, and ok again after it recovers', async () => {
    const { page, fake } = stack;
    await go('/alerts');
    await page.getByText('No alerts: every sync object and web service is OK.').waitFor();
    fake.setFault({ type: 'http500', kind: 'receive' });
    await go('/sync-objects/1');
    await button('Run now').click();
    await page.getByText(/Run #\d+ finished: Failed/).waitFor();
    // The navigation counts it (read again on the page change).
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByTestId('alert-count').getByText('1').waitFor();
    const row = page.getByTestId('alerts-objects').getByRole('row', { name: /Contacto - ENT/ });
    await row.getByText('Warning', { exact: true }).waitFor();
    await row.getByText(/the last run failed/).waitFor();
    expect(await row.getByRole('cell').nth(3).innerText()).not.toBe('—');
    await page.getByText('Alerts: 0 critical, 1 warning.').waitFor();
    await stack.snapshot();
    await go('/');
    await page.getByTestId('overview-objects').getByText('Warning', { exact: true }).waitFor();
    await page.getByRole('link', { name: 'See the alerts' }).waitFor();

    fake.clearFault();
    fake.offer('CON', 'insert', { unique_id: 'C-1', name: 'Azure Interior', country: 'ES' });
    await go('/alerts');
    await page.getByTestId('alert-count').waitFor();
    await stack.api('POST', '/api/sync-objects/1/run');
    // The alerts page refreshes by itself; the navigation's count is read again on the next page change.
    await page.getByText('No alerts: every sync object and web service is OK.').waitFor();
    await page
      .getByTestId('alerts-objects')
      .getByRole('row', { name: /Contacto - ENT/ })
      .getByText('OK', { exact: true })
      .waitFor();
    await page.getByRole('link', { name: 'Overview' }).click();
    await page.getByTestId('overview-objects').getByText('OK', { exact: true }).waitFor();
    await page.getByTestId('alert-count').waitFor({ state: 'detached' });
  });

  it("shows the web service's calls with their bodies, and no secret in them", async () => {
    const { page } = stack;
    await go('/web-services/1');
    const calls = page.getByTestId('calls');
    await calls
      .getByRole('row', { name: /Receive/ })
      .first()
      .waitFor();
    // The failed receive of the test above, with its status.
    const failed = calls.getByRole('row', { name: /Receive .* 500/ }).first();
    await failed.waitFor();
    await button('Test connection').click();
    await page.getByText(/Reachable: HTTP 200/).waitFor();
    const test = calls.getByRole('row', { name: /Test/ }).first();
    await test.waitFor();
    await test.getByText(/^Show call #\d+$/).click();
    await test.getByText('Response body').waitFor();
    expect(await test.locator('pre').last().innerText()).toContain('"status": "success"');
    await stack.snapshot();
    expect(await page.content()).not.toContain(EXTERNAL_KEY);
  });

  it('retries every dead row after a preview that lists them', async () => {
    const { page, fake } = stack;
    fake.setFault({ type: 'http400', kind: 'send' });
    const partner = await stack.api<{ id: number }>('POST', '/api/records/res.partner', { name: 'Dead Letter', country_id: 1 });
    await stack.api('POST', '/api/sync-objects/1/run');
    fake.clearFault();
    const dead = await stack.api<{ items: { id: number; status: string }[] }>(
      'GET',
      `/api/outbox?model=res.partner&recordId=${partner.id}`,
    );
    expect(dead.items.map((row) => row.status)).toEqual(['dead']);
    await go('/errors');
    await button('Retry every dead row').click();
    await page.getByText('1 rows would move back to the queue:').waitFor();
    const preview = page.getByTestId('retry-preview');
    await preview.getByRole('cell', { name: `res.partner ${partner.id}` }).waitFor();
    // The preview moved nothing.
    const still = await stack.api<{ items: { status: string }[] }>('GET', `/api/outbox?model=res.partner&recordId=${partner.id}`);
    expect(still.items.map((row) => row.status)).toEqual(['dead']);
    await stack.snapshot();
    await button('Confirm').click();
    await page.getByText('1 rows back in the queue.').waitFor();
    const moved = await stack.api<{ items: { status: string }[] }>('GET', `/api/outbox?model=res.partner&recordId=${partner.id}`);
    expect(moved.items.map((row) => row.status)).not.toContain('dead');
  });

  it('says when the alerts paused an object and a notification failed (both set in settings)', async () => {
    const { page, fake } = stack;
    await go('/settings');
    await page.getByLabel('Pause an object after failed runs in a row', { exact: true }).fill('1');
    // The webhook URL is write-only like a secret; nothing listens on port 9, so the notification fails.
    await page.getByRole('button', { name: 'Replace Alert webhook URL' }).click();
    await page.getByLabel('Alert webhook URL: New value').fill('http://127.0.0.1:9/hook');
    await button('Save').click();
    await page.getByText('Saved.').waitFor();
    await page.getByTestId('f-alertWebhookUrl-state').getByText('set', { exact: true }).waitFor();
    const settings = await stack.api<{ pauseAfterFailedRuns: number | null; alertWebhookUrl: string | null }>('GET', '/api/settings');
    expect(settings.pauseAfterFailedRuns).toBe(1);
    expect(settings.alertWebhookUrl).not.toBeNull();
    fake.setFault({ type: 'http500', kind: 'receive' });
    await stack.api('POST', '/api/sync-objects/1/run');
    fake.clearFault();
    await go('/alerts');
    const row = page.getByTestId('alerts-objects').getByRole('row', { name: /Contacto - ENT/ });
    await row.getByText('Critical', { exact: true }).waitFor();
    await row.getByText(/Deactivated by the alerts after failed runs in a row/).waitFor();
    await row.getByText(/The notification was not delivered/).waitFor();
    await stack.snapshot();
  });

  it('saw no CSP violation or page error', () => {
    expect(stack.problems).toEqual([]);
  });
});
