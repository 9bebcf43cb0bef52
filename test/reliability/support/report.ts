/**
 * The suite's published figures: each area's numbers per database in docs/reliability/results.json,
 * and docs/RELIABILITY.md rewritten from them after every area (so a run on SQLite and one on
 * MariaDB fill one document).
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { isMysqlRun } from '../../support/test-database';

export interface AreaFigures {
  /** What was tried, in words (e.g. "property-based requests per route"). */
  what: string;
  /** Inputs sent / faults injected / crashes caused: whichever the area counts. */
  tried: number;
  faults?: number;
  crashes?: number;
  rowsChecked?: number;
  lost: number;
  duplicated: number;
  /** Anything that failed a guarantee (must be empty), or notes. */
  notes?: string[];
}

interface Stored extends AreaFigures {
  at: string;
}

type Results = Record<string, Record<string, Stored>>;

const ROOT = path.resolve(__dirname, '../../..');
const RESULTS = path.join(ROOT, 'docs/reliability/results.json');
const DOCUMENT = path.join(ROOT, 'docs/RELIABILITY.md');

export const engineName = (): string => (isMysqlRun() ? 'MariaDB' : 'SQLite');

function read(): Results {
  try {
    return JSON.parse(readFileSync(RESULTS, 'utf8')) as Results;
  } catch {
    return {};
  }
}

/** Writes `text` to `file` whole (a reader never sees it half written). */
function writeWhole(file: string, text: string): void {
  writeFileSync(`${file}.${process.pid}.tmp`, text);
  renameSync(`${file}.${process.pid}.tmp`, file);
}

/** Runs `fn` holding a lock file, so two suites running at once (one per database) both keep their figures. */
function locked(fn: () => void): void {
  const lock = `${RESULTS}.lock`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    let fd: number;
    try {
      fd = openSync(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // A lock older than the deadline was left by a killed run: take it over.
      if (Date.now() > deadline) rmSync(lock, { force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      continue;
    }
    try {
      return fn();
    } finally {
      closeSync(fd);
      unlinkSync(lock);
    }
  }
}

export function publish(area: string, figures: AreaFigures): void {
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  locked(() => {
    const results = read();
    results[area] = { ...results[area], [engineName()]: { ...figures, at: new Date().toISOString() } };
    writeWhole(RESULTS, JSON.stringify(results, null, 2) + '\n');
    writeWhole(DOCUMENT, render(results));
  });
}

const cell = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString('en-US'));

export function render(results: Results): string {
  const lines = [
    '# Reliability figures',
    '',
    'Written by `npm run test:reliability` (test/reliability); do not edit by hand. Each area is a',
    'guarantee of DESIGN.md tried under attack or failure, on each database; "lost" and "duplicated"',
    'must be 0, and a run that finds otherwise fails.',
    '',
    '```bash',
    'env -u DATABASE_URL npm run test:reliability                           # SQLite',
    'DATABASE_URL=mysql://root@127.0.0.1:3306/test npm run test:reliability # MariaDB',
    'SOAK_SECONDS=600 npm run test:reliability                               # the soak as .ci/run runs it (60 s by default)',
    '```',
    '',
  ];
  for (const [area, byEngine] of Object.entries(results).sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`## ${area}`, '', '| database | what | tried | faults | crashes | rows checked | lost | duplicated | when |');
    lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const [engine, f] of Object.entries(byEngine).sort(([a], [b]) => a.localeCompare(b))) {
      const counts = [f.tried, f.faults, f.crashes, f.rowsChecked].map(cell).join(' | ');
      lines.push(`| ${engine} | ${f.what} | ${counts} | ${f.lost} | ${f.duplicated} | ${f.at.slice(0, 10)} |`);
    }
    const notes = Object.entries(byEngine).flatMap(([engine, f]) => (f.notes ?? []).map((n) => `- ${engine}: ${n}`));
    if (notes.length) lines.push('', ...notes);
    lines.push('');
  }
  return lines.join('\n');
}
