/**
 * Issue 15 point 3 / issue 13 "a test scans them": every log line and every answer (status, headers,
 * body) of the whole test run is captured into one folder, with every secret the tests used, and at
 * the end (test/support/global-teardown.ts) every captured line is searched for every secret.
 *
 * The folder is `SYNCHRO_TEST_CAPTURE_DIR` (made by test/support/global-setup.ts; every test process
 * and every child process inherits it):
 *   secrets/<pid>.txt    one JSON string a line: the secrets registered by that process
 *   logs/<name>-<pid>.log   log lines (in-process apps, child processes' stdout/stderr)
 *   answers/<pid>.jsonl  one answer a line: {"request": "POST /api/...", "status", "headers", "body"}
 * Without the variable (a tool calling these outside Jest's setup) nothing is captured.
 */
import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import * as path from 'node:path';

export const CAPTURE_DIR_ENV = 'SYNCHRO_TEST_CAPTURE_DIR';

/** Shorter values are not secrets anyone would set, and would match innocent text. */
export const MIN_SECRET_LENGTH = 8;

export function captureDir(): string | undefined {
  return process.env[CAPTURE_DIR_ENV] || undefined;
}

function ensured(dir: string, sub: string): string {
  const folder = path.join(dir, sub);
  mkdirSync(folder, { recursive: true });
  return folder;
}

/**
 * Registers values the tests use as secrets (API keys, passwords, signing secrets, tokens,
 * SECRETS_KEY): no captured log line or answer may contain one. Empty, absent and short values are
 * ignored. The factories, startTestApp and the api-key answers register theirs; a test that sends a
 * secret some other way registers it itself.
 */
export function registerSecret(...values: unknown[]): void {
  const dir = captureDir();
  if (!dir) return;
  const secrets = values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
  if (!secrets.length) return;
  appendFileSync(path.join(ensured(dir, 'secrets'), `${process.pid}.txt`), secrets.map((s) => `${JSON.stringify(s)}\n`).join(''));
}

/** An append-only file for log lines under the capture folder, written synchronously (a SIGKILL loses nothing). */
export class CaptureFile {
  private fd: number | null;

  constructor(file: string) {
    this.fd = openSync(file, 'a');
  }

  static log(name: string): CaptureFile | null {
    const dir = captureDir();
    return dir ? new CaptureFile(path.join(ensured(dir, 'logs'), `${name}-${process.pid}.log`)) : null;
  }

  static answers(): CaptureFile | null {
    const dir = captureDir();
    return dir ? new CaptureFile(path.join(ensured(dir, 'answers'), `${process.pid}.jsonl`)) : null;
  }

  write(text: string): void {
    if (this.fd !== null) writeSync(this.fd, text);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export interface Leak {
  /** The file, relative to the capture folder, and the line number in it. */
  where: string;
  /** The line with every secret replaced by a hint of it. */
  line: string;
  /** Hints of the secrets found (their first characters). */
  secrets: string[];
}

/** `sync-key-Secret-8c1e...` → `[secret sync…(29)]`: enough to find it in the test, not enough to use it. */
export function hint(secret: string): string {
  return `[secret ${secret.slice(0, 4)}…(${secret.length})]`;
}

/**
 * The secrets found in `lines` (pure). Secrets are indexed by their first MIN_SECRET_LENGTH
 * characters, so a line is read once whatever the number of secrets.
 */
export function findLeaks(lines: { where: string; text: string }[], secrets: Iterable<string>): Leak[] {
  const byPrefix = new Map<string, string[]>();
  for (const secret of new Set(secrets)) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    const prefix = secret.slice(0, MIN_SECRET_LENGTH);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), secret]);
  }
  const leaks: Leak[] = [];
  for (const { where, text } of lines) {
    const found = new Set<string>();
    for (let i = 0; i + MIN_SECRET_LENGTH <= text.length; i++) {
      const candidates = byPrefix.get(text.slice(i, i + MIN_SECRET_LENGTH));
      if (!candidates) continue;
      for (const secret of candidates) if (text.startsWith(secret, i)) found.add(secret);
    }
    if (!found.size) continue;
    let line = text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
    for (const secret of [...found].sort((a, b) => b.length - a.length)) line = line.split(secret).join(hint(secret));
    leaks.push({ where, line, secrets: [...found].map(hint) });
  }
  return leaks;
}

/** A secret and the other form it takes on the wire: percent-encoded (query strings). */
export function forms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return encoded === secret ? [secret] : [secret, encoded];
}

/** Every registered secret and every captured line of the folder, searched. */
export function scanCapture(dir: string): { leaks: Leak[]; secrets: number; lines: number; files: number } {
  const read = (sub: string): string[] => {
    try {
      return readdirSync(path.join(dir, sub)).map((name) => path.join(sub, name));
    } catch {
      return [];
    }
  };
  const secrets = new Set<string>();
  for (const file of read('secrets')) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      if (line) for (const form of forms(JSON.parse(line) as string)) secrets.add(form);
    }
  }
  const files = [...read('logs'), ...read('answers')];
  const leaks: Leak[] = [];
  let lines = 0;
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), 'utf8')
      .split('\n')
      .map((line, index) => ({ where: `${file}:${index + 1}`, text: line }))
      .filter((line) => line.text);
    lines += text.length;
    leaks.push(...findLeaks(text, secrets));
  }
  return { leaks, secrets: secrets.size, lines, files: files.length };
}
