import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PeriodicJobs } from '../common/periodic-jobs';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxConfig, outboxConfig } from './outbox.config';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { WebServicesService } from '../web-services/web-services.service';
import { DeliveryOutcome, DeliveryService, DeliveryTrigger } from './delivery.service';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { ClaimPartition, OutboxRepository } from '../sync-state/outbox.repository';
import { OutboxSignal } from './outbox.signal';
import { DeliveryHealthRepository } from './delivery-health.repository';

const POLL_JOB = 'outbox.poll';
const HEARTBEAT_JOB = 'outbox.heartbeat';

/** Galera: how long a row written through another node waits for that node's instances (see galeraPartition). */
const PARTITION_GRACE_MS = 2000;

export interface DrainResult {
  sent: number;
  failed: number;
  dead: number;
  skipped: number;
}

/**
 * Claims due outbox rows and delivers them. Real-time objects' rows go out right
 * after commit (in-process wake-up) with a polling fallback (job `outbox.poll`) that also picks up
 * rows left by a crash or another instance; cron objects' rows wait for their
 * object's run (`drainObject`). Claims are short leases in the database (OUTBOX_LEASE_MS),
 * renewed by a heartbeat (job `outbox.heartbeat`) while this instance holds rows, so several
 * instances share the work without delivering a row twice, and the rows of an instance that
 * died (SIGKILL, a lost host) are taken over by another, or the restarted one, within a lease.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  /** Identifies this instance's leases. */
  readonly owner = `synchro-${process.pid}-${randomUUID().slice(0, 8)}`;
  private running?: Promise<void>;
  private again = false;
  private stopping = false;
  private readonly inFlight = new Set<Promise<unknown>>();
  /** Rows claimed by this instance and not yet finished: the heartbeat renews their leases. */
  private held = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly delivery: DeliveryService,
    private readonly catalog: SyncObjectCatalog,
    private readonly webServices: WebServicesService,
    private readonly unitOfWork: UnitOfWork,
    private readonly signal: OutboxSignal,
    private readonly jobs: PeriodicJobs,
    private readonly health: DeliveryHealthRepository,
    @Inject(outboxConfig.KEY) private readonly config: OutboxConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    // Cron drains claim rows too (scheduler), so the heartbeat runs even with the dispatcher off.
    this.jobs.every(HEARTBEAT_JOB, this.config.heartbeatMs, () => this.heartbeat());
    if (!this.config.dispatcher) return;
    this.signal.onWake(() => this.wake());
    this.jobs.every(POLL_JOB, this.config.pollMs, () => this.wake(), { immediately: true });
  }

  /** Renew the leases of the rows this instance holds (one statement; nothing when it holds none). */
  async heartbeat(): Promise<void> {
    if (this.held <= 0) return;
    await this.unitOfWork.run(() => this.outbox.renewLeases(this.owner, new Date(Date.now() + this.config.leaseMs)), {
      readCommitted: true,
    });
  }

  /** Stop claiming, let in-flight deliveries finish (bounded), give back what was not started. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.jobs.stop(POLL_JOB);
    const deadline = new Promise((resolve) => setTimeout(resolve, 10_000).unref());
    await Promise.race([Promise.allSettled([this.running, ...this.inFlight]), deadline]);
    this.jobs.stop(HEARTBEAT_JOB);
    await this.outbox.releaseLeases(this.owner).catch(() => undefined);
  }

  /** Look for due real-time rows now (coalesces concurrent wake-ups into one pass). */
  wake(): void {
    if (this.stopping) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => (this.running = undefined));
  }

  /** Deliver up to `limit` pending rows of one (cron) object now, oldest first, ignoring backoff. */
  async drainObject(syncObjectId: number, limit: number, trigger: DeliveryTrigger): Promise<DrainResult> {
    const result: DrainResult = { sent: 0, failed: 0, dead: 0, skipped: 0 };
    let remaining = limit;
    while (remaining > 0 && !this.stopping) {
      const rows = await this.claim({ syncObjectIds: [syncObjectId], limit: Math.min(remaining, 100), ignoreBackoff: true });
      if (!rows.length) break;
      remaining -= rows.length;
      for (const outcome of await this.deliverAll(rows, trigger)) {
        result[outcome] += 1;
      }
    }
    return result;
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        const objectIds = (await this.catalog.all()).filter((r) => r.object.mode === 'realtime').map((r) => r.object.id);
        if (!objectIds.length) return;
        // Several sends per worker per batch: claiming and recording cost one transaction each per batch.
        const batch = this.config.concurrency * 8;
        const first = await this.claim({ syncObjectIds: objectIds, limit: batch, ignoreBackoff: false });
        if (!first.length) continue;
        // A backlog: a second lane, so one batch's sends keep the send slots busy while the
        // other batch is being claimed, prepared or recorded (DeliveryService bounds the sends).
        const lanes = [this.lane(objectIds, batch, first)];
        if (first.length === batch) lanes.push(this.lane(objectIds, batch));
        // Both lanes end before the pass does (allSettled), so a failing one never leaves the other orphaned.
        const failed = (await Promise.allSettled(lanes)).find((lane) => lane.status === 'rejected');
        if (failed) throw failed.reason;
      } while (this.again && !this.stopping);
    } catch (error) {
      this.logger.error(`dispatcher pass failed: ${(error as Error).stack ?? String(error)}`);
    }
  }

  /** Deliver `initial` (if any), then claim and deliver batches until a claim comes back short. */
  private async lane(objectIds: number[], batch: number, initial?: OutboxEntity[]): Promise<void> {
    let rows = initial ?? (await this.claim({ syncObjectIds: objectIds, limit: batch, ignoreBackoff: false }));
    while (rows.length) {
      await this.deliverAll(rows, 'realtime');
      if (rows.length < batch || this.stopping) return;
      rows = await this.claim({ syncObjectIds: objectIds, limit: batch, ignoreBackoff: false });
    }
  }

  private claim(options: { syncObjectIds: number[]; limit: number; ignoreBackoff: boolean }): Promise<OutboxEntity[]> {
    const now = new Date();
    return this.unitOfWork
      .run(
        async () => {
          // A cron object's drain is one run on one instance: it takes all the object's rows.
          const partition = options.ignoreBackoff ? undefined : await this.galeraPartition(now);
          const skipLocked = this.unitOfWork.dialect === 'mysql';
          // Web services in an outage whose pause is over get one probe call each, oldest row first;
          // their other rows wait (no attempts spent) until a probe succeeds.
          const probes = await this.health.takeProbes(now, new Date(now.getTime() + this.config.leaseMs));
          const rows = await this.outbox.claimable({ ...options, now, partition, skipLocked });
          for (const webServiceId of probes) {
            const probe = await this.outbox.claimable({ ...options, limit: 1, now, skipLocked, probeOf: webServiceId });
            // Nothing of this claim's objects to probe with: the probe stays due for another claim.
            if (!probe.length) await this.health.releaseProbe(webServiceId, now);
            rows.push(...probe);
            // A probe that succeeds lets the backlog flow at once: look again right after this pass.
            if (probe.length) this.again = true;
          }
          await this.outbox.lease(
            rows.map((row) => row.id),
            this.owner,
            new Date(now.getTime() + this.config.leaseMs),
          );
          return rows;
        },
        { readCommitted: true },
      )
      .then((rows) => {
        this.held += rows.length;
        this.metrics.leasesReclaimed('outbox', rows.filter((row) => row.status === 'inflight').length);
        return rows;
      });
  }

  /**
   * Galera: SKIP LOCKED does not see other nodes' claims, so instances on different nodes
   * claiming at once would pick the same oldest rows and all but one lose certification
   * (a conflict, the claim re-run). Galera gives each node its own auto-increment offset
   * (id ≡ offset mod cluster size), so the rows written through a node are recognisable:
   * an instance claims those, and other nodes' rows only once they have waited
   * PARTITION_GRACE_MS (their node or instance is gone, or slower), so nothing waits for
   * long. Read per claim: the offsets change when nodes join or leave.
   */
  private async galeraPartition(now: Date): Promise<ClaimPartition | undefined> {
    if (!(await this.unitOfWork.onGalera())) return undefined;
    const [row] = (await this.unitOfWork
      .manager()
      .query('SELECT @@auto_increment_increment AS modulo, @@auto_increment_offset AS remainder')) as {
      modulo: number | string;
      remainder: number | string;
    }[];
    const modulo = Number(row?.modulo ?? 1);
    if (modulo <= 1) return undefined;
    return { modulo, remainder: Number(row.remainder) % modulo, othersDueBefore: new Date(now.getTime() - PARTITION_GRACE_MS) };
  }

  /** Deliver claimed rows, grouped by sync object (each row is the head of its record, so order holds). */
  private async deliverAll(rows: OutboxEntity[], trigger: DeliveryTrigger): Promise<DeliveryOutcome[]> {
    const groups = new Map<number, OutboxEntity[]>();
    for (const row of rows) groups.set(row.syncObjectId, [...(groups.get(row.syncObjectId) ?? []), row]);
    const outcomes: DeliveryOutcome[] = [];
    for (const group of groups.values()) {
      const task = this.deliverGroup(group, trigger);
      this.inFlight.add(task);
      try {
        outcomes.push(...(await task));
      } finally {
        this.inFlight.delete(task);
        this.held -= group.length;
      }
    }
    return outcomes;
  }

  private async deliverGroup(rows: OutboxEntity[], trigger: DeliveryTrigger): Promise<DeliveryOutcome[]> {
    try {
      const target = await this.catalog.byId(rows[0].syncObjectId);
      const webService = await this.webServices.getEntity(rows[0].webServiceId).catch(() => null);
      if (!target || !webService || !webService.active) {
        // Object deactivated or web service switched off: the rows wait, visibly pending.
        for (const row of rows) {
          await this.outbox.update(row.id, {
            status: 'pending',
            leaseOwner: null,
            leaseUntil: null,
            nextAttemptAt: new Date(Date.now() + 60_000),
            lastError: 'sync object or web service inactive',
          });
        }
        return rows.map(() => 'skipped' as const);
      }
      return await this.delivery.deliverMany(rows, target, webService, trigger);
    } catch (error) {
      this.logger.error(
        `delivering ${rows.length} outbox rows of sync object ${rows[0].syncObjectId} failed: ${(error as Error).stack ?? String(error)}`,
      );
      // Visible at once (row error, attempt, change-log row); only if even that fails (the database
      // is down) do the rows stay leased, to be picked up again when the lease expires.
      const target = await this.catalog.byId(rows[0].syncObjectId).catch(() => undefined);
      await this.delivery.recordUnexpectedFailure(rows, target, error).catch((recordError: unknown) => {
        this.logger.error(`could not record the failed delivery: ${(recordError as Error).message}`);
      });
      return rows.map(() => 'failed' as const);
    }
  }
}
