/**
 * globalTeardown of every Jest config: the secret scan. Every log line and answer the run captured
 * is searched for every secret it registered (test/support/secret-capture.ts); one found fails the
 * run, listing where with the secret replaced by a hint. KEEP_TEST_CAPTURE=1 keeps the folder.
 */
import { rmSync } from 'node:fs';
import { CAPTURE_DIR_ENV, scanCapture } from './secret-capture';

export default function globalTeardown(): void {
  const dir = process.env[CAPTURE_DIR_ENV];
  if (!dir) return;
  const { leaks, secrets, lines, files } = scanCapture(dir);
  if (leaks.length) {
    const shown = leaks.slice(0, 50).map((leak) => `  ${leak.where}: ${leak.secrets.join(', ')}\n    ${leak.line}`);
    throw new Error(
      `Secret scan: ${leaks.length} captured line(s) carry a secret ` +
        `(${secrets} secrets, ${lines} lines in ${files} files; folder kept: ${dir})\n` +
        shown.join('\n'),
    );
  }
  process.stdout.write(`\nSecret scan: ${lines} log lines and answers in ${files} files, ${secrets} secrets, none found.\n`);
  if (!process.env.KEEP_TEST_CAPTURE) rmSync(dir, { recursive: true, force: true });
}
