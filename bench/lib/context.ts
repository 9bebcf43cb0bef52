/** What every bench case gets, and what it reports. */
import * as path from 'node:path';
import { Admin } from './admin';
import { Child } from './proc';
import { ScratchDatabase } from './scratch-db';

export interface Options {
  kind: 'mysql' | 'sqlite';
  quick: boolean;
  only?: Set<string>;
  /** Node flags for the Synchro child (e.g. --cpu-prof). */
  synchroNodeArgs: string[];
  /** Rounds per project/baseline pair (median counts). */
  rounds: number;
  profileDir?: string;
}

export interface Measurement {
  id: string;
  name: string;
  unit: string;
  project: number | null;
  baseline: number | null;
  ratio: number | null;
  target: number | null;
  higherIsBetter: boolean;
}

/** A measurement plus the per-round detail and notes shown in RESULTS.md. */
export interface Reported extends Measurement {
  rounds?: { project: number[]; baseline: number[] };
  note?: string;
}

export interface Context {
  options: Options;
  db: ScratchDatabase;
  synchro: Child;
  admin: Admin;
  /** Absolute path of a compiled bench child script (dist/bench/servers/NAME.js). */
  script(name: string): string;
  env(): Record<string, string>;
  report(measurement: Reported): void;
  notes: string[];
  log(message: string): void;
  /** GET /health answers within 5 s. */
  isHealthy(): Promise<boolean>;
  /** Replace a hung Synchro by a fresh process on the same database (noted in the report). */
  restart(reason: string): Promise<void>;
}

let scriptsRoot = path.resolve(__dirname, '..');

/** Children start from this compiled tree (a snapshot of dist/, see snapshot.ts). */
export function useScriptsFrom(distRoot: string): void {
  scriptsRoot = path.join(distRoot, 'bench');
}

export function scriptPath(name: string): string {
  return path.join(scriptsRoot, 'servers', `${name}.js`);
}

export function measurement(m: Omit<Reported, 'ratio'> & { ratio?: number | null }): Reported {
  const ratio =
    m.ratio !== undefined ? m.ratio : m.project !== null && m.baseline !== null && m.baseline !== 0 ? m.project / m.baseline : null;
  return { ...m, ratio };
}

export function passes(m: Measurement): boolean | null {
  if (m.target === null || m.ratio === null || !Number.isFinite(m.ratio)) return m.target === null ? null : false;
  return m.higherIsBetter ? m.ratio >= m.target : m.ratio <= m.target;
}
