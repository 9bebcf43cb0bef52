/**
 * Scheduler settings (SCHEDULER_* variables), registered as the `scheduler` configuration.
 *
 * - SCHEDULER: `on` (default) or `off` (API-only instances run no cron objects).
 * - SCHEDULER_TICK_MS: how often due objects are looked for (default 5000).
 * - SCHEDULER_LEASE_MS: how long a run's claim lasts without a heartbeat; after that
 *   another instance may take the object over (a crashed holder). Default 300000.
 * - SCHEDULER_CONCURRENCY: runs in progress at once per instance (default 4).
 */
import { ConfigType, registerAs } from '@nestjs/config';
import { OnOff, readEnv, WholeNumber } from '../config/env';

class SchedulerEnv {
  @OnOff()
  SCHEDULER = 'on';

  @WholeNumber(10, 3_600_000)
  SCHEDULER_TICK_MS = 5000;

  @WholeNumber(1000, 86_400_000)
  SCHEDULER_LEASE_MS = 300_000;

  @WholeNumber(1, 64)
  SCHEDULER_CONCURRENCY = 4;
}

export function loadSchedulerConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(SchedulerEnv, env);
  return {
    enabled: vars.SCHEDULER === 'on',
    tickMs: vars.SCHEDULER_TICK_MS,
    leaseMs: vars.SCHEDULER_LEASE_MS,
    concurrency: vars.SCHEDULER_CONCURRENCY,
  };
}

export const schedulerConfig = registerAs('scheduler', () => loadSchedulerConfig(process.env));
export type SchedulerConfig = ConfigType<typeof schedulerConfig>;
