import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A datetime as the drivers return it: a Date (mysql2, timezone Z) or SQLite's UTC text. */
function toMs(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime();
  const text = String(value);
  const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : null;
}

export interface QueueFacts {
  webServiceId: number;
  pending: number;
  dead: number;
  /** Seconds since the oldest undelivered (pending or in flight) row was written; 0 when there is none. */
  oldestPendingAgeSeconds: number;
}

export interface CircuitFacts {
  webServiceId: number;
  /** 0 ok, 1 degraded (failures in a row), 2 paused (the breaker is open). */
  state: 0 | 1 | 2;
}

export interface RunFacts {
  running: number;
  /** Runs in progress for longer than 3 × their object's average of the last 20 finished runs (at least 10 min; 1 h without history). */
  unusuallyLong: number;
}

/** Below this a run is never "unusually long", whatever its object's history. */
const LONG_RUN_FLOOR_MS = 10 * 60_000;
/** Without any finished run to compare with. */
const LONG_RUN_NO_HISTORY_MS = 60 * 60_000;

/**
 * The gauges read from the shared database at scrape time, so every instance reports the same
 * queue depth, circuit state and runs in progress. A handful of grouped reads over indexed
 * columns (ix_outbox_web_service, ix_sync_run_status).
 */
@Injectable()
export class DatabaseGauges {
  constructor(private readonly dataSource: DataSource) {}

  async queues(now: number): Promise<QueueFacts[]> {
    const services = (await this.dataSource.query('SELECT id FROM web_service')) as { id: number | string }[];
    const rows = (await this.dataSource.query(
      'SELECT web_service_id AS ws, status, COUNT(*) AS n, MIN(created_at) AS oldest FROM sync_outbox' +
        " WHERE status IN ('pending', 'inflight', 'dead') GROUP BY web_service_id, status",
    )) as { ws: number | string; status: string; n: number | string; oldest: unknown }[];
    const facts = new Map<number, QueueFacts>(
      services.map((s) => [Number(s.id), { webServiceId: Number(s.id), pending: 0, dead: 0, oldestPendingAgeSeconds: 0 }]),
    );
    for (const row of rows) {
      const id = Number(row.ws);
      const fact = facts.get(id) ?? { webServiceId: id, pending: 0, dead: 0, oldestPendingAgeSeconds: 0 };
      facts.set(id, fact);
      if (row.status === 'dead') {
        fact.dead += Number(row.n);
        continue;
      }
      fact.pending += Number(row.n);
      const oldest = toMs(row.oldest);
      if (oldest !== null) fact.oldestPendingAgeSeconds = Math.max(fact.oldestPendingAgeSeconds, Math.max(0, (now - oldest) / 1000));
    }
    return [...facts.values()];
  }

  async circuits(now: number): Promise<CircuitFacts[]> {
    const rows = (await this.dataSource.query(
      'SELECT w.id AS ws, h.consecutive_failures AS failures, h.paused_until AS paused' +
        ' FROM web_service w LEFT JOIN delivery_health h ON h.web_service_id = w.id',
    )) as { ws: number | string; failures: number | string | null; paused: unknown }[];
    return rows.map((row) => {
      const paused = toMs(row.paused);
      const state = paused !== null && paused > now ? 2 : Number(row.failures ?? 0) > 0 ? 1 : 0;
      return { webServiceId: Number(row.ws), state };
    });
  }

  async runs(now: number): Promise<RunFacts> {
    const running = (await this.dataSource.query(
      "SELECT sync_object_id AS so, started_at AS started FROM sync_run WHERE status = 'running'",
    )) as {
      so: number | string;
      started: unknown;
    }[];
    let unusuallyLong = 0;
    const usual = new Map<number, number | null>();
    for (const run of running) {
      const objectId = Number(run.so);
      if (!usual.has(objectId)) usual.set(objectId, await this.averageMs(objectId));
      const average = usual.get(objectId) ?? null;
      const limit = average === null ? LONG_RUN_NO_HISTORY_MS : Math.max(LONG_RUN_FLOOR_MS, 3 * average);
      const started = toMs(run.started);
      if (started !== null && now - started > limit) unusuallyLong += 1;
    }
    return { running: running.length, unusuallyLong };
  }

  /** Average duration of the object's last 20 finished runs, or null without any. */
  private async averageMs(syncObjectId: number): Promise<number | null> {
    const rows = (await this.dataSource.query(
      "SELECT started_at AS started, finished_at AS finished FROM sync_run WHERE sync_object_id = ? AND status <> 'running'" +
        ' AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 20',
      [syncObjectId],
    )) as { started: unknown; finished: unknown }[];
    const durations = rows.flatMap((row) => {
      const started = toMs(row.started);
      const finished = toMs(row.finished);
      return started !== null && finished !== null ? [finished - started] : [];
    });
    return durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : null;
  }
}
