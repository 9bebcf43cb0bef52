import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

let cached: string | undefined;

/** package.json's version (src/ under Jest, dist/src/ once built), read once. */
export function packageVersion(): string {
  if (cached) return cached;
  cached = 'unknown';
  for (const candidate of [resolve(__dirname, '../../package.json'), resolve(__dirname, '../../../package.json')]) {
    if (!existsSync(candidate)) continue;
    const parsed = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'synchro' && parsed.version) {
      cached = parsed.version;
      break;
    }
  }
  return cached;
}
