/** Outbound delivery tuning (OUTBOX_* variables), registered as the `outbox` configuration. */
import { ConfigType, registerAs } from '@nestjs/config';
import { ConfigError, OnOff, PositiveNumber, readEnv, WholeNumber } from '../config/env';
import { OUTBOX_CONCURRENCY_RANGE } from '../web-services/web-services.config';

class OutboxEnv {
  @WholeNumber(10, 3_600_000)
  OUTBOX_POLL_MS = 1000;

  @WholeNumber(100, 86_400_000)
  OUTBOX_LEASE_MS = 30_000;

  /** 0 (the default): a third of the lease, at most 10 s. */
  @WholeNumber(0, 86_400_000)
  OUTBOX_HEARTBEAT_MS = 0;

  @WholeNumber(OUTBOX_CONCURRENCY_RANGE.min, OUTBOX_CONCURRENCY_RANGE.max)
  OUTBOX_CONCURRENCY = OUTBOX_CONCURRENCY_RANGE.default;

  @WholeNumber(1, 1000)
  OUTBOX_BREAKER_THRESHOLD = 5;

  @WholeNumber(10, 86_400_000)
  OUTBOX_BREAKER_COOLDOWN_MS = 30_000;

  @WholeNumber(10, 86_400_000)
  OUTBOX_PROBE_MIN_MS = 1000;

  @WholeNumber(10, 86_400_000)
  OUTBOX_PROBE_MAX_MS = 60_000;

  @PositiveNumber(100)
  OUTBOX_BACKOFF_SCALE = 1;

  @OnOff()
  OUTBOX_DISPATCHER = 'on';
}

export function loadOutboxConfig(env: NodeJS.ProcessEnv = process.env) {
  const vars = readEnv(OutboxEnv, env);
  const heartbeatMs = vars.OUTBOX_HEARTBEAT_MS || Math.max(50, Math.min(10_000, Math.floor(vars.OUTBOX_LEASE_MS / 3)));
  if (heartbeatMs >= vars.OUTBOX_LEASE_MS)
    throw new ConfigError('OUTBOX_HEARTBEAT_MS', `${heartbeatMs} must be shorter than OUTBOX_LEASE_MS (${vars.OUTBOX_LEASE_MS})`);
  return {
    /** How often the dispatcher looks for due rows besides in-process wake-ups. */
    pollMs: vars.OUTBOX_POLL_MS,
    /**
     * How long a claimed row stays reserved for its instance without a heartbeat; after that
     * (its holder crashed) another instance, or the restarted one, takes it.
     */
    leaseMs: vars.OUTBOX_LEASE_MS,
    /** How often an instance renews the leases of the rows it holds (deliveries in flight). */
    heartbeatMs,
    /** Deliveries in flight at once per instance. */
    concurrency: vars.OUTBOX_CONCURRENCY,
    /** Consecutive failures of one web service that pause its deliveries... */
    breakerThreshold: vars.OUTBOX_BREAKER_THRESHOLD,
    /** ...for this long. */
    breakerCooldownMs: vars.OUTBOX_BREAKER_COOLDOWN_MS,
    /**
     * A web service that answers "unavailable" (refused, timeout, 429/502/503/504) pauses for
     * probeMinMs, doubling up to probeMaxMs, between single probe calls (times backoffScale).
     */
    probeMinMs: vars.OUTBOX_PROBE_MIN_MS,
    probeMaxMs: Math.max(vars.OUTBOX_PROBE_MIN_MS, vars.OUTBOX_PROBE_MAX_MS),
    /** Multiplies the retry ladder (5 s, 30 s, 2 min, ...) and the probe intervals; tests use a small value. */
    backoffScale: vars.OUTBOX_BACKOFF_SCALE,
    /** Run the dispatcher in this instance (OUTBOX_DISPATCHER=off for API-only instances). */
    dispatcher: vars.OUTBOX_DISPATCHER === 'on',
  };
}

export const outboxConfig = registerAs('outbox', () => loadOutboxConfig(process.env));
export type OutboxConfig = ConfigType<typeof outboxConfig>;
