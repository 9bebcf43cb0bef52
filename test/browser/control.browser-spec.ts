/**
 * Plans, guards and the records that need a decision, in a real browser (SQLite, or MariaDB with DATABASE_URL):
 * the dry run of the Contact example (counts, items, the guard's verdict, the 422 where receiving would drop
 * items), the guard set in the form (a field-named 400, a held run released from the runs page, a 409, a run
 * without the guard), schema drift after a run that carried an unknown key, and a record flapping between the
 * two sides resolved by pinning Odoo's value. Set up through the admin API, acted on through the console.
 */
import { configureContactExample, signIn, Stack, startStack } from './harness';

interface Partner {
  id: number;
  name: string;
  x_sys_id: string | null;
}

describe('plans, guards, drift and flapping in the console (headless Chromium)', () => {
  let stack: Stack;
  /** Opens a page afresh (reloaded when it is the one shown, so no tab or form state carries over). */
  const go = async (hash: string) => {
    const url = `${stack.url}/admin/#${hash}`;
    if (stack.page.url() === url) await stack.page.reload();
    else await stack.page.goto(url);
  };
  const byLabel = (label: string) => stack.page.getByLabel(label, { exact: true });
  const button = (name: string) => stack.page.getByRole('button', { name, exact: true });
  /** The dialog's Confirm (the one open modal). */
  const confirm = () => stack.page.locator('dialog[open]').getByRole('button', { name: 'Confirm', exact: true }).click();
  const partners = async (): Promise<Record<string, string>> => {
    const page = await stack.api<{ items: Partner[] }>('GET', `/api/records/res.partner?limit=1000`);
    return Object.fromEntries(page.items.filter((p) => p.x_sys_id).map((p) => [p.x_sys_id!, p.name]));
  };
  /** A `dl.facts` as {label: value}. */
  const facts = async (testId: string): Promise<Record<string, string>> => {
    const list = stack.page.getByTestId(testId);
    const labels = await list.locator('dt').allInnerTexts();
    const values = await list.locator('dd').allInnerTexts();
    return Object.fromEntries(labels.map((label, i) => [label, values[i]]));
  };
  const run = (body?: unknown) => stack.api<{ id: number; status: string }>('POST', '/api/sync-objects/1/run', body);

  beforeAll(async () => {
    stack = await startStack();
    await configureContactExample(stack);
    // C-1 and C-3 already synced; then the external system renames C-1, adds C-2 and deletes C-3.
    stack.fake.offer('CON', 'insert', { unique_id: 'C-1', name: 'Azure', country: 'ES' });
    stack.fake.offer('CON', 'insert', { unique_id: 'C-3', name: 'Gemini Furniture', country: 'ES' });
    expect((await run()).status).toBe('success');
    stack.fake.offer('CON', 'update', { unique_id: 'C-1', name: 'Azure Interior', country: 'ES' });
    stack.fake.offer('CON', 'insert', { unique_id: 'C-2', name: 'Deco Addict', country: 'ES' });
    stack.fake.offer('CON', 'delete', { unique_id: 'C-3' });
    await signIn(stack);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('shows the dry run: counts per action, the items with their changes, and writes nothing', async () => {
    const { page, fake } = stack;
    await go('/sync-objects/1');
    await page.getByRole('tab', { name: 'Dry run' }).click();
    await page.getByText(/Press “Dry run” to see the plan/).waitFor();
    await button('Dry run').click();
    await page.getByTestId('dry-receive-counts').waitFor();
    expect(await facts('dry-receive-counts')).toEqual({ Create: '1', Write: '1', Unlink: '1', Skip: '0', Fail: '0' });
    await page.getByText('No guard weighs this plan.').waitFor();
    await page.getByText(/received one batch without confirming it/).waitFor();
    const items = page.getByTestId('dry-items');
    await items.getByRole('row', { name: /Receive Write C-1 \d+ name: Azure → Azure Interior/ }).waitFor();
    await items.getByRole('row', { name: /Receive Create C-2 .*name: — → Deco Addict/ }).waitFor();
    await items.getByRole('row', { name: /Receive Unlink C-3 \d+/ }).waitFor();
    await page.getByText('3 in total').waitFor();
    await stack.snapshot();
    // Nothing written, nothing confirmed: the external system still offers the three items.
    expect(await partners()).toEqual({ 'C-1': 'Azure', 'C-3': 'Gemini Furniture' });
    expect(fake.pending('CON')).toHaveLength(3);

    // Where receiving would drop the items, the API's 422 is shown as its message; the sending can still be planned.
    await stack.api('PATCH', '/api/web-services/1', { needsConfirmation: false });
    try {
      await button('Dry run').click();
      await page.getByText(/does not need confirmation: the external system drops the items it hands out/).waitFor();
      await button('Plan only the sending').click();
      await page.getByText('Nothing was received.').waitFor();
    } finally {
      await stack.api('PATCH', '/api/web-services/1', { needsConfirmation: true });
    }
  });

  it('shows a 400 on the guard next to its field and keeps what was typed', async () => {
    const { page } = stack;
    await go('/sync-objects/1');
    await byLabel('Max. deletes (% of records)').fill('150');
    await button('Save').click();
    const error = page.locator('#f-deletesPercent-error');
    await error.waitFor();
    expect(await error.innerText()).toMatch(/percent/i);
    expect(await byLabel('Max. deletes (% of records)').inputValue()).toBe('150');
    await stack.snapshot();
    await button('Discard').click();
    expect((await stack.api<{ guard: unknown }>('GET', '/api/sync-objects/1')).guard).toBeNull();
  });

  it('holds a run over the guard set in the form, lists it as held and releases it after a confirmation', async () => {
    const { page } = stack;
    await go('/sync-objects/1');
    await byLabel('Max. deletes per run').fill('0');
    await button('Save').click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.api<{ guard: unknown }>('GET', '/api/sync-objects/1')).guard).toEqual({ maxDeletes: { count: 0 } });
    // The dry run says what the guard would do.
    await button('Dry run').click();
    await page.getByText(/^The guard would hold this run: maxDeletes\.count 0 exceeded: 1 \w+ planned$/).waitFor();
    await button('Run now').click();
    await page.getByText(/Run #\d+ finished: Held\. maxDeletes\.count 0 exceeded/).waitFor();
    expect(await partners()).toEqual({ 'C-1': 'Azure', 'C-3': 'Gemini Furniture' });

    await go('/runs');
    await byLabel('Status').selectOption({ label: 'Held' });
    await button('Filter').click();
    await page.waitForURL(/status=held/);
    const rows = page.getByTestId('runs');
    const held = rows.getByRole('row', { name: /Held/ });
    await held.getByText(/^maxDeletes\.count 0 exceeded: 1 \w+ planned$/).waitFor();
    // The unfiltered list showed the held run too: wait for the filtered answer to take the successful one away.
    await rows
      .getByRole('row', { name: /Successful/ })
      .first()
      .waitFor({ state: 'detached' });
    expect(await rows.getByRole('row').count()).toBe(2); // the header and the held run
    await stack.snapshot();
    await held.getByRole('button', { name: 'Release' }).click();
    await page
      .locator('dialog[open]')
      .getByText(/Release run #\d+\? The items it kept are applied now/)
      .waitFor();
    await confirm();
    await page.getByText(/Run #\d+ released: Successful\./).waitFor();
    const runs = await stack.api<{ items: { status: string; hold: { releasedAt: string | null } | null }[] }>(
      'GET',
      '/api/sync-runs?syncObjectId=1&limit=1',
    );
    expect(runs.items[0]).toMatchObject({ status: 'success', hold: { releasedAt: expect.any(String) } });
    expect(await partners()).toEqual({ 'C-1': 'Azure Interior', 'C-2': 'Deco Addict' });
  });

  it('says 409 when the held run was released meanwhile, and runs once without the guard after a confirmation', async () => {
    const { page, fake } = stack;
    fake.offer('CON', 'delete', { unique_id: 'C-1' });
    const held = await run();
    expect(held.status).toBe('held');
    await go(`/runs/${held.id}`);
    await page
      .getByTestId('run-hold')
      .getByText(/maxDeletes\.count 0 exceeded/)
      .waitFor();
    await stack.api('POST', `/api/sync-runs/${held.id}/release`);
    await button('Release').click();
    await confirm();
    await page.getByText(new RegExp(`sync run ${held.id} was released already`)).waitFor();
    await page
      .getByTestId('run-hold')
      .getByText(/released .* by /)
      .waitFor();

    fake.offer('CON', 'delete', { unique_id: 'C-2' });
    await go('/sync-objects/1');
    await button('Run without guard').click();
    await page
      .locator('dialog[open]')
      .getByText(/Run once without the mass-change guard/)
      .waitFor();
    await confirm();
    await page.getByText(/Run #\d+ finished: Successful\./).waitFor();
    expect(await partners()).toEqual({});
    const last = await stack.api<{ items: { guardBypassed: boolean }[] }>('GET', '/api/sync-runs?syncObjectId=1&limit=1');
    expect(last.items[0].guardBypassed).toBe(true);
  });

  it('shows schema drift after a run that carried a key the sync model does not define', async () => {
    const { page, fake } = stack;
    fake.offer('CON', 'insert', { unique_id: 'C-4', name: 'Lumber Inc', country: 'ES', fax: '555-0100' });
    expect((await run()).status).toBe('success');
    await go('/sync-objects/1');
    await page.getByRole('tab', { name: 'Schema drift' }).click();
    await page.getByTestId('drift-policy').getByText('Policy: Warn (count it)').waitFor();
    const drift = page.getByTestId('drift');
    await drift.getByRole('row', { name: /fax Unknown key .* 1 "555-0100"/ }).waitFor();
    await stack.snapshot();
    await byLabel('Kind').selectOption({ label: 'Missing field' });
    await drift.getByText('Nothing here yet.').waitFor();
    await byLabel('Kind').selectOption({ label: 'Unknown key' });
    await drift.getByRole('row', { name: /fax/ }).waitFor();
  });

  it('lists a record flapping between the two sides and pins Odoo’s value after a confirmation', async () => {
    const { page, fake } = stack;
    await go('/sync-objects/1');
    await byLabel('Flapping: changes').fill('3');
    await byLabel('Flapping: window (seconds)').fill('600');
    await button('Save').click();
    await page.getByText('Saved.').waitFor();
    expect((await stack.api<{ flapping: unknown }>('GET', '/api/sync-objects/1')).flapping).toEqual({ changes: 3, windowSeconds: 600 });

    // The external system and Odoo's side set the name back and forth, each delivered by a run.
    fake.offer('CON', 'insert', { unique_id: 'C-F', name: 'Flap ext', country: 'ES' });
    await run();
    const id = (await stack.api<{ items: Partner[] }>('GET', `/api/records/res.partner?limit=1000`)).items.find(
      (p) => p.x_sys_id === 'C-F',
    )!.id;
    const fromOdoo = async () => {
      await stack.api('PUT', `/api/records/res.partner/${id}`, { name: 'Flap odoo' });
      await run();
    };
    await fromOdoo();
    fake.offer('CON', 'update', { unique_id: 'C-F', name: 'Flap ext', country: 'ES' });
    await run();
    await fromOdoo();
    // Flagged: a further inbound change is held.
    fake.offer('CON', 'update', { unique_id: 'C-F', name: 'Flap ext again', country: 'ES' });
    await run();
    expect((await partners())['C-F']).toBe('Flap odoo');

    await page.reload();
    await page.getByRole('tab', { name: 'Flapping records' }).click();
    const row = page.getByTestId('flapping').getByRole('row', { name: /C-F/ });
    await row
      .getByText(/name: External "Flap ext" → Odoo "Flap odoo"/)
      .first()
      .waitFor();
    await row
      .getByText(/^Write \(1\): /)
      .first()
      .waitFor();
    await stack.snapshot();
    await row.getByRole('button', { name: 'Pin Odoo' }).click();
    await page
      .locator('dialog[open]')
      .getByText(new RegExp(`Keep the Odoo value of record ${id} \\(C-F\\)\\?`))
      .waitFor();
    await confirm();
    await page.getByText(new RegExp(`Record ${id} released\\. Inbound change applied: No`)).waitFor();
    await page.getByTestId('flapping').getByText('Nothing here yet.').waitFor();
    expect((await stack.api<{ total: number }>('GET', '/api/sync-objects/1/flapping')).total).toBe(0);
    // Odoo's value stays and is sent (once more) at the next run.
    const sends = fake.sends('CON').length;
    await run();
    expect(fake.sends('CON').length).toBe(sends + 1);
    expect((await partners())['C-F']).toBe('Flap odoo');
    expect(fake.record('CON', 'C-F')).toMatchObject({ name: 'Flap odoo' });
  });

  it('saw no CSP violation or page error', () => {
    expect(stack.problems).toEqual([]);
  });
});
