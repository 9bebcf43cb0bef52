/**
 * `npm run screenshots`: every console page, regenerated into docs/screenshots/ from a fresh Synchro with the
 * seed's Contact example (configured through the admin API, then run against the fake external system).
 * Run by Jest (for its TypeScript transform) with its own name pattern, so `npm run test:browser` skips it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { configureContactExample, signIn, startStack } from './harness';

const OUT = path.resolve(__dirname, '../../docs/screenshots');

async function main(): Promise<void> {
  const stack = await startStack();
  const { api, fake, page } = stack;
  try {
    await configureContactExample(stack);
    await api('POST', '/api/settings/api-keys', { name: 'ERP', key: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16' });
    fake.offer('CON', 'insert', { unique_id: 'C-1', name: 'Azure Interior', country: 'ES' });
    fake.offer('CON', 'insert', { unique_id: 'C-2', name: 'Deco Addict', country: 'XX' });
    fake.offer('CON', 'insert', { unique_id: 'C-3', name: 'Gemini Furniture', country: 'ES' });
    await api('POST', '/api/sync-objects/1/run');
    fake.setFault({ type: 'http400', kind: 'send' });
    await api('POST', '/api/records/res.partner', { name: 'Lumber Inc', country_id: 1 });
    await api('POST', '/api/sync-objects/1/run');
    fake.clearFault();

    fs.mkdirSync(OUT, { recursive: true });
    const shoot = async (name: string, hash: string, prepare?: () => Promise<void>) => {
      await page.goto(`${stack.url}/admin/#${hash}`);
      await page.waitForLoadState('networkidle');
      await prepare?.();
      await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
      console.log(`docs/screenshots/${name}.png`);
    };
    await page.goto(`${stack.url}/admin/`);
    await page.screenshot({ path: path.join(OUT, 'sign-in.png') });
    await signIn(stack);
    await shoot('overview', '/');
    await shoot('alerts', '/alerts');
    await shoot('sync-object', '/sync-objects/1');
    await shoot('sync-object-api', '/sync-objects/1', async () => {
      await page.getByRole('tab', { name: 'API' }).click();
    });
    await shoot('web-service', '/web-services/1');
    await shoot('sync-model', '/sync-models/1');
    await shoot('settings', '/settings');
    await shoot('runs', '/runs');
    await shoot('run', '/runs/1');
    await shoot('change-log', '/change-log');
    await shoot('tracking', '/tracking?model=res.partner&externalId=C-2');
    await shoot('errors', '/errors');
    await shoot('errors-retry-preview', '/errors', async () => {
      await page.getByRole('button', { name: 'Retry every dead row', exact: true }).click();
      await page.getByTestId('retry-preview').waitFor();
    });
    await page.getByLabel('Language').first().selectOption('es');
    await shoot('web-service-es', '/web-services/1');
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot('overview-phone', '/');
    if (stack.problems.length) throw new Error(stack.problems.join('\n'));
  } finally {
    await stack.stop();
  }
}

it('regenerates docs/screenshots', main, 240_000);
