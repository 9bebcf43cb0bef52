/**
 * globalSetup of every Jest config: the capture folder of this run (test/support/secret-capture.ts),
 * named in SYNCHRO_TEST_CAPTURE_DIR for the test files and every process they start.
 */
import { mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CAPTURE_DIR_ENV } from './secret-capture';

export default function globalSetup(): void {
  process.env[CAPTURE_DIR_ENV] ||= mkdtempSync(path.join(os.tmpdir(), 'synchro-capture-'));
}
