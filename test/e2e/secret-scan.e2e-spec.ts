/**
 * The whole-suite secret scan can fail: a secret planted in a real log line and in a real answer's
 * header of a real app is caught by the same scan the run ends with (test/support/global-teardown.ts).
 * This file's app writes into a capture folder of its own, so the planted secret fails only here.
 */
import { Logger } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CAPTURE_DIR_ENV, hint, registerSecret, scanCapture } from '../support/secret-capture';
import { startTestApp, TestApp } from '../support/test-app';

describe('secret scan (self-test)', () => {
  const planted = mkdtempSync(path.join(os.tmpdir(), 'synchro-planted-'));
  const runs = process.env[CAPTURE_DIR_ENV];
  let t: TestApp;

  beforeAll(async () => {
    process.env[CAPTURE_DIR_ENV] = planted;
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
    process.env[CAPTURE_DIR_ENV] = runs;
    rmSync(planted, { recursive: true, force: true });
  });

  it('finds a registered secret in a log line and in an answer header, and shows it only as a hint', async () => {
    const secret = `planted-Secret-${Date.now()}`;
    registerSecret(secret);
    expect(scanCapture(planted).leaks).toEqual([]);

    new Logger('Planted').warn(`a careless line with ${secret} in it`);
    // A plain X-Request-Id is answered back as a header (and bound to the request's log line).
    await t.http().get('/health').set('X-Request-Id', secret).expect(200);

    const { leaks, secrets } = scanCapture(planted);
    expect(secrets).toBeGreaterThanOrEqual(2); // the planted one and the test admin token
    const where = leaks.map((leak) => leak.where);
    expect(where.some((w) => /^logs\/app-\d+\.log:\d+$/.test(w))).toBe(true);
    expect(where.some((w) => /^answers\/\d+\.jsonl:\d+$/.test(w))).toBe(true);
    expect(leaks.some((leak) => leak.line.includes('a careless line with'))).toBe(true);
    for (const leak of leaks) {
      expect(leak.secrets).toEqual([hint(secret)]);
      expect(leak.line).not.toContain(secret);
    }
  });
});
