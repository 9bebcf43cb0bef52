/**
 * Secrets that Synchro generates for itself on first start (admin token, key for
 * encrypting outbound credentials) live in files in the data folder, mode 0600.
 * The values never reach the log: callers print the file's path only.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface LocalSecret {
  value: string;
  file: string;
  created: boolean;
}

export function readOrCreateSecret(dataDir: string, fileName: string, generate: () => string): LocalSecret {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, fileName);
  try {
    // 'wx' fails if the file exists, so two instances starting together keep one value.
    const value = generate();
    fs.writeFileSync(file, value + '\n', { flag: 'wx', mode: 0o600 });
    return { value, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const value = fs.readFileSync(file, 'utf8').trim();
  if (!value) throw new Error(`${file} is empty; delete it to have a new one generated`);
  return { value, file, created: false };
}

export function strongToken(): string {
  return randomBytes(32).toString('base64url');
}
