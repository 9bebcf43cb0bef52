import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { packageVersion } from '../config/package-version';
import { DatabaseGauges } from './database-gauges';
import { MetricLabels } from './metric-labels';
import { MetricsConfig, metricsConfig } from './metrics.config';

export type RecordResult = 'applied' | 'failed' | 'skipped';
export type SyncStep = 'receive' | 'confirm' | 'send';
export type LeaseKind = 'run' | 'outbox';

/** A received item's outcome (status and the action done). */
export interface ReceivedOutcome {
  status: 'success' | 'failed';
  action: string;
}

const SECONDS_BUCKETS_SHORT = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SECONDS_BUCKETS_LAG = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];
const SECONDS_BUCKETS_RUN = [0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 1800, 3600];

/**
 * The Prometheus metrics of this instance (prom-client, one Registry per application so several
 * apps in one process never share one). Counters and histograms count what this instance did;
 * the queue, circuit and run gauges are read from the database at scrape time (DatabaseGauges),
 * the same from every instance. Callers pass ids; label values are the configured names
 * (MetricLabels). With METRICS=off every call returns at once and nothing is kept.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  readonly enabled: boolean;
  /** Label lookups still running: a scrape waits for them, so what happened before it is in it. */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly lastSuccess = new Map<string, { syncObject: string; step: SyncStep; at: number }>();

  private readonly records: Counter<'sync_object' | 'direction' | 'action' | 'result'>;
  private readonly conflicts: Counter<'sync_object' | 'resolution'>;
  private readonly outboxPending: Gauge<'web_service'>;
  private readonly outboxDead: Gauge<'web_service'>;
  private readonly outboxOldest: Gauge<'web_service'>;
  private readonly deliveryDuration: Histogram<'web_service' | 'status_class'>;
  private readonly deliveryAttempts: Counter<'web_service' | 'outcome'>;
  private readonly commitToDelivery: Histogram<'web_service'>;
  private readonly sinceSuccess: Gauge<'sync_object' | 'step'>;
  private readonly heartbeat: Gauge<'sync_object'>;
  private readonly runDuration: Histogram<'sync_object' | 'status'>;
  private readonly runsRunning: Gauge;
  private readonly longRuns: Gauge;
  private readonly leases: Counter<'kind'>;
  private readonly http: Histogram<'route' | 'method' | 'status'>;
  private readonly circuit: Gauge<'web_service'>;

  constructor(
    @Inject(metricsConfig.KEY) config: MetricsConfig,
    private readonly labels: MetricLabels,
    private readonly database: DatabaseGauges,
  ) {
    this.enabled = config.enabled;
    const registers = [this.registry];
    this.records = new Counter({
      name: 'synchro_records_total',
      help: 'Records processed by this instance (applied, failed, skipped), per sync object, direction and action',
      labelNames: ['sync_object', 'direction', 'action', 'result'],
      registers,
    });
    this.conflicts = new Counter({
      name: 'synchro_conflicts_total',
      help: 'Bidirectional merges that met a conflicting field, by the side whose priority won',
      labelNames: ['sync_object', 'resolution'],
      registers,
    });
    this.outboxPending = new Gauge({
      name: 'synchro_outbox_pending',
      help: 'Outbox rows not delivered yet (pending or in flight), from the database',
      labelNames: ['web_service'],
      registers,
    });
    this.outboxDead = new Gauge({
      name: 'synchro_outbox_dead',
      help: 'Outbox rows given up on (dead), from the database',
      labelNames: ['web_service'],
      registers,
    });
    this.outboxOldest = new Gauge({
      name: 'synchro_outbox_oldest_pending_age_seconds',
      help: 'Age of the oldest undelivered outbox row (0 when none), from the database',
      labelNames: ['web_service'],
      registers,
    });
    this.deliveryDuration = new Histogram({
      name: 'synchro_delivery_duration_seconds',
      help: 'One delivery call to the external system, by status class (2xx, 4xx, 5xx, timeout, network, ...)',
      labelNames: ['web_service', 'status_class'],
      buckets: SECONDS_BUCKETS_SHORT,
      registers,
    });
    this.deliveryAttempts = new Counter({
      name: 'synchro_delivery_attempts_total',
      help: 'Outbox rows handled by this instance, by outcome (sent, failed, dead, skipped)',
      labelNames: ['web_service', 'outcome'],
      registers,
    });
    this.commitToDelivery = new Histogram({
      name: 'synchro_commit_to_delivery_seconds',
      help: 'From the local commit of a change to the 2xx of the external system',
      labelNames: ['web_service'],
      buckets: SECONDS_BUCKETS_LAG,
      registers,
    });
    this.sinceSuccess = new Gauge({
      name: 'synchro_seconds_since_last_success',
      help: 'Seconds since this instance last completed the step (receive, confirm, send) of the sync object',
      labelNames: ['sync_object', 'step'],
      registers,
    });
    this.heartbeat = new Gauge({
      name: 'synchro_last_heartbeat_timestamp_seconds',
      help: 'When this instance last worked on the sync object (a run ended, a real-time call, a delivery), Unix seconds',
      labelNames: ['sync_object'],
      registers,
    });
    this.runDuration = new Histogram({
      name: 'synchro_run_duration_seconds',
      help: 'Runs of a sync object by this instance, by final status',
      labelNames: ['sync_object', 'status'],
      buckets: SECONDS_BUCKETS_RUN,
      registers,
    });
    this.runsRunning = new Gauge({ name: 'synchro_runs_running', help: 'Runs in progress (every instance), from the database', registers });
    this.longRuns = new Gauge({
      name: 'synchro_unusually_long_runs',
      help: "Runs in progress for longer than 3x their object's recent average (at least 10 min; 1 h without history)",
      registers,
    });
    this.leases = new Counter({
      name: 'synchro_leases_reclaimed_total',
      help: 'Expired leases this instance took over (run: an abandoned run closed; outbox: a row re-claimed)',
      labelNames: ['kind'],
      registers,
    });
    this.http = new Histogram({
      name: 'synchro_http_request_duration_seconds',
      help: 'Inbound HTTP requests by route template, method and status',
      labelNames: ['route', 'method', 'status'],
      buckets: SECONDS_BUCKETS_SHORT,
      registers,
    });
    this.circuit = new Gauge({
      name: 'synchro_circuit_state',
      help: 'Delivery circuit per web service: 0 ok, 1 degraded (failures in a row), 2 paused, from the database',
      labelNames: ['web_service'],
      registers,
    });
    new Gauge({ name: 'synchro_build_info', help: 'The running version', labelNames: ['version'], registers }).set(
      { version: packageVersion() },
      1,
    );
  }

  /** Items received from the external system (a cron batch or a real-time call), once applied or failed. */
  recordsReceived(syncObjectId: number, outcomes: readonly ReceivedOutcome[]): void {
    if (!this.enabled || !outcomes.length) return;
    this.bySyncObject(syncObjectId, (sync_object) => {
      for (const { status, action } of outcomes) {
        const result: RecordResult = status === 'success' ? 'applied' : 'failed';
        this.records.inc({ sync_object, direction: 'external_to_odoo', action, result });
      }
    });
  }

  /**
   * A delivered batch of one sync object: each call's duration and status class, each row's
   * outcome, the commit-to-2xx lag of the sent rows, skipped rows as skipped records, and the send
   * step's success when something went out.
   */
  batchDelivered(batch: {
    webServiceId: number;
    syncObjectId: number;
    rows: readonly { createdAt: Date; kind: string; externalId: string | null }[];
    answers: readonly ({ httpStatus?: number; errorKind?: string; latencyMs: number } | undefined)[];
    outcomes: readonly string[];
  }): void {
    if (!this.enabled) return;
    const { webServiceId, syncObjectId, rows, answers, outcomes } = batch;
    for (const answer of answers) if (answer) this.deliveryCall(webServiceId, answer, answer.latencyMs / 1000);
    this.deliveryOutcomes(webServiceId, outcomes);
    this.committedToDelivered(
      webServiceId,
      rows.filter((_, i) => outcomes[i] === 'sent').map((row) => row.createdAt),
    );
    this.bySyncObject(syncObjectId, (sync_object) =>
      rows.forEach((row, i) => {
        const result: RecordResult = outcomes[i] === 'sent' ? 'applied' : outcomes[i] === 'skipped' ? 'skipped' : 'failed';
        const action = row.kind === 'delete' ? 'unlink' : row.externalId ? 'write' : 'create';
        this.records.inc({ sync_object, direction: 'odoo_to_external', action, result });
      }),
    );
    if (outcomes.includes('sent')) this.stepSucceeded(syncObjectId, 'send');
    else this.beat(syncObjectId);
  }

  conflict(syncObjectId: number, resolution: string): void {
    if (!this.enabled) return;
    this.bySyncObject(syncObjectId, (sync_object) => this.conflicts.inc({ sync_object, resolution }));
  }

  /** One delivery call: its answer's status (or the failure kind without one) and how long it took. */
  deliveryCall(webServiceId: number, answer: { httpStatus?: number; errorKind?: string }, seconds: number): void {
    if (!this.enabled) return;
    const status_class = answer.httpStatus ? `${Math.floor(answer.httpStatus / 100)}xx` : (answer.errorKind ?? 'error');
    this.byWebService(webServiceId, (web_service) => this.deliveryDuration.observe({ web_service, status_class }, seconds));
  }

  deliveryOutcomes(webServiceId: number, outcomes: readonly string[]): void {
    if (!this.enabled || !outcomes.length) return;
    const counts = new Map<string, number>();
    for (const outcome of outcomes) counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.byWebService(webServiceId, (web_service) => {
      for (const [outcome, n] of counts) this.deliveryAttempts.inc({ web_service, outcome }, n);
    });
  }

  /** Local commits (the outbox rows' creation) of changes the external system just accepted. */
  committedToDelivered(webServiceId: number, committedAt: readonly Date[], deliveredAt = Date.now()): void {
    if (!this.enabled || !committedAt.length) return;
    this.byWebService(webServiceId, (web_service) => {
      for (const at of committedAt) this.commitToDelivery.observe({ web_service }, Math.max(0, (deliveredAt - at.getTime()) / 1000));
    });
  }

  /** The step talked to the external system successfully (an empty batch counts); also a heartbeat. */
  stepSucceeded(syncObjectId: number, step: SyncStep): void {
    if (!this.enabled) return;
    const at = Date.now();
    this.bySyncObject(syncObjectId, (syncObject) => {
      this.lastSuccess.set(`${syncObject}\u0000${step}`, { syncObject, step, at });
      this.heartbeat.set({ sync_object: syncObject }, at / 1000);
    });
  }

  /** This instance worked on the object (idle is not stuck). */
  beat(syncObjectId: number): void {
    if (!this.enabled) return;
    const at = Date.now();
    this.bySyncObject(syncObjectId, (sync_object) => this.heartbeat.set({ sync_object }, at / 1000));
  }

  runFinished(syncObjectId: number, status: string, seconds: number): void {
    if (!this.enabled) return;
    const at = Date.now();
    this.bySyncObject(syncObjectId, (sync_object) => {
      this.runDuration.observe({ sync_object, status }, seconds);
      this.heartbeat.set({ sync_object }, at / 1000);
    });
  }

  leasesReclaimed(kind: LeaseKind, count: number): void {
    if (this.enabled && count > 0) this.leases.inc({ kind }, count);
  }

  httpRequest(route: string, method: string, status: number, seconds: number): void {
    if (this.enabled) this.http.observe({ route, method, status: String(status) }, seconds);
  }

  /** The Prometheus text: fresh names and database gauges, after the label lookups still running. */
  async scrape(): Promise<string> {
    await Promise.allSettled([...this.pending]);
    const now = Date.now();
    await this.labels.reload();
    const [queues, circuits, runs] = await Promise.all([this.database.queues(now), this.database.circuits(now), this.database.runs(now)]);
    for (const gauge of [this.outboxPending, this.outboxDead, this.outboxOldest, this.circuit, this.sinceSuccess]) gauge.reset();
    for (const q of queues) {
      const web_service = await this.labels.webService(q.webServiceId);
      this.outboxPending.set({ web_service }, q.pending);
      this.outboxDead.set({ web_service }, q.dead);
      this.outboxOldest.set({ web_service }, q.oldestPendingAgeSeconds);
    }
    for (const c of circuits) this.circuit.set({ web_service: await this.labels.webService(c.webServiceId) }, c.state);
    this.runsRunning.set(runs.running);
    this.longRuns.set(runs.unusuallyLong);
    for (const { syncObject, step, at } of this.lastSuccess.values()) {
      this.sinceSuccess.set({ sync_object: syncObject, step }, Math.max(0, (now - at) / 1000));
    }
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private bySyncObject(id: number | null | undefined, use: (name: string) => void): void {
    const known = this.labels.cached('sync_object', id);
    if (known !== undefined) use(known);
    else this.track(this.labels.syncObject(id).then(use));
  }

  private byWebService(id: number, use: (name: string) => void): void {
    const known = this.labels.cached('web_service', id);
    if (known !== undefined) use(known);
    else this.track(this.labels.webService(id).then(use));
  }

  private track(task: Promise<unknown>): void {
    const tracked = task.catch(() => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }
}
