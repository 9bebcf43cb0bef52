/**
 * Scheduler settings from the environment, validated so a bad value stops start-up
 * with an error naming the variable. Pure.
 *
 * - SCHEDULER: `on` (default) or `off` (API-only instances run no cron objects).
 * - SCHEDULER_TICK_MS: how often due objects are looked for (default 5000).
 * - SCHEDULER_LEASE_MS: how long a run's claim lasts without a heartbeat; after that
 *   another instance may take the object over (a crashed holder). Default 300000.
 * - SCHEDULER_CONCURRENCY: runs in progress at once per instance (default 4).
 */
import { ConfigError } from '../config/app-config';

export interface SchedulerConfig {
  enabled: boolean;
  tickMs: number;
  leaseMs: number;
  concurrency: number;
}

export function loadSchedulerConfig(env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const mode = (env.SCHEDULER ?? '').trim().toLowerCase() || 'on';
  if (mode !== 'on' && mode !== 'off') throw new ConfigError('SCHEDULER', `"${env.SCHEDULER}" is neither on nor off`);
  return {
    enabled: mode === 'on',
    tickMs: integer('SCHEDULER_TICK_MS', env.SCHEDULER_TICK_MS, 5000, 10, 3_600_000),
    leaseMs: integer('SCHEDULER_LEASE_MS', env.SCHEDULER_LEASE_MS, 300_000, 1000, 86_400_000),
    concurrency: integer('SCHEDULER_CONCURRENCY', env.SCHEDULER_CONCURRENCY, 4, 1, 64),
  };
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `"${raw}" is not a whole number`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `${value} is outside ${min}..${max}`);
  return value;
}
