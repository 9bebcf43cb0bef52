import { ConfigError } from '../../../src/config/env';
import { loadSchedulerConfig } from '../../../src/scheduler/scheduler.config';
import { BatchFacts, finalStatus, keepDraining, ZERO_COUNTS } from '../../../src/scheduler/sync-run.types';
import { nextRunAfter } from '../../../src/sync-objects/schedule';

describe('loadSchedulerConfig', () => {
  it('defaults: on, 5 s ticks, 5 min lease, 4 runs at once', () => {
    expect(loadSchedulerConfig({})).toEqual({ enabled: true, tickMs: 5000, leaseMs: 300_000, concurrency: 4 });
  });

  it.each([
    [{ SCHEDULER: 'off' }, { enabled: false }],
    [{ SCHEDULER: 'ON' }, { enabled: true }],
    [{ SCHEDULER_TICK_MS: '100' }, { tickMs: 100 }],
    [
      { SCHEDULER_LEASE_MS: '60000', SCHEDULER_CONCURRENCY: '1' },
      { leaseMs: 60000, concurrency: 1 },
    ],
  ])('%j', (env, expected) => {
    expect(loadSchedulerConfig(env)).toMatchObject(expected);
  });

  it.each([
    [{ SCHEDULER: 'maybe' }, 'SCHEDULER'],
    [{ SCHEDULER_TICK_MS: 'fast' }, 'SCHEDULER_TICK_MS'],
    [{ SCHEDULER_TICK_MS: '1' }, 'SCHEDULER_TICK_MS'],
    [{ SCHEDULER_LEASE_MS: '10' }, 'SCHEDULER_LEASE_MS'],
    [{ SCHEDULER_CONCURRENCY: '0' }, 'SCHEDULER_CONCURRENCY'],
  ])('%j is refused naming %s', (env, variable) => {
    expect(() => loadSchedulerConfig(env)).toThrow(ConfigError);
    expect(() => loadSchedulerConfig(env)).toThrow(`Invalid ${variable}`);
  });
});

describe('finalStatus', () => {
  it.each([
    [{}, [], 'success'],
    [{ failed: 1, applied: 3 }, [], 'partial'],
    [{ applied: 3 }, ['confirm: refused'], 'failed'],
    [{}, ['receive: HTTP 500'], 'failed'],
  ])('%j with step errors %j → %s', (counts, errors, status) => {
    expect(finalStatus({ ...ZERO_COUNTS, ...counts }, errors)).toBe(status);
  });

  it.each([
    [{ received: 30 }, [], 'held'],
    [{ received: 30, failed: 2 }, [], 'held'],
    [{ received: 30 }, ['confirm: refused'], 'failed'],
  ])('held: %j with step errors %j → %s', (counts, errors, status) => {
    expect(finalStatus({ ...ZERO_COUNTS, ...counts }, errors, true)).toBe(status);
  });
});

describe('keepDraining', () => {
  const full: BatchFacts = { drain: true, limit: 10, size: 10, fresh: 10, applied: 10, batches: 1, elapsedMs: 100, stopping: false };
  it.each([
    ['a full batch with drain on', {}, true],
    ['drain off', { drain: false }, false],
    ['a short batch', { size: 9 }, false],
    ['nothing new (unconfirmed items handed out again)', { fresh: 0 }, false],
    ['nothing applied (failing items would come again)', { applied: 0 }, false],
    ['the batch bound', { batches: 100 }, false],
    ['the time budget', { elapsedMs: 120_000 }, false],
    ['shutting down', { stopping: true }, false],
  ])('%s', (_case, facts, expected) => {
    expect(keepDraining({ ...full, ...facts })).toBe(expected);
  });
});

describe('nextRunAfter (as the scheduler uses it)', () => {
  const planned = new Date('2026-01-01T10:00:00.000Z');
  it.each([
    ['run on time: one interval after the planned time', '2026-01-01T10:00:03.000Z', '2026-01-01T10:05:00.000Z'],
    ['run late: still from the planned time, no drift', '2026-01-01T10:04:59.000Z', '2026-01-01T10:05:00.000Z'],
    ['after downtime: the next future slot, not a burst of catch-up runs', '2026-01-01T10:27:00.000Z', '2026-01-01T10:30:00.000Z'],
  ])('%s', (_case, now, next) => {
    expect(nextRunAfter(planned, { kind: 'interval', interval: 5, unit: 'minutes' }, new Date(now)).toISOString()).toBe(next);
  });
});
