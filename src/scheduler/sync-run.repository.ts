import { Injectable } from '@nestjs/common';
import { IsNull, LessThan, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { MetricsService } from '../metrics/metrics.service';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { SyncRunEntity } from './sync-run.entity';
import { RunCounts, RunDrift, RunProgress, RunStatus, RunTrigger, ZERO_COUNTS } from './sync-run.types';

export interface SyncRunFilter {
  syncObjectId?: number;
  status?: RunStatus;
  trigger?: RunTrigger;
  limit: number;
  offset: number;
}

/** The sync_run table: starting (claiming), heartbeats, finishing, sweeping abandoned runs, listing. */
@Injectable()
export class SyncRunRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly metrics: MetricsService,
  ) {}

  private repo(): Repository<SyncRunEntity> {
    return this.unitOfWork.manager().getRepository(SyncRunEntity);
  }

  /**
   * Inserts a running run holding the object (unique running_object_id): a second
   * concurrent start fails with a duplicate key, whichever instance makes it.
   */
  async start(run: {
    syncObjectId: number;
    trigger: RunTrigger;
    plannedAt: Date | null;
    owner: string;
    leaseUntil: Date;
    now: Date;
    guardBypassed?: boolean;
  }): Promise<SyncRunEntity> {
    const entity = this.repo().create({
      syncObjectId: run.syncObjectId,
      trigger: run.trigger,
      status: 'running',
      plannedAt: run.plannedAt,
      startedAt: run.now,
      finishedAt: null,
      ...ZERO_COUNTS,
      error: null,
      holdReason: null,
      releasedAt: null,
      releasedBy: null,
      guardBypassed: run.guardBypassed ?? false,
      progress: { phase: 'starting', batches: 0, message: 'started' },
      leaseOwner: run.owner,
      leaseUntil: run.leaseUntil,
      runningObjectId: run.syncObjectId,
    });
    return this.repo().save(entity);
  }

  /** A run that is held from its start (real-time deletes past the burst rule): finished, nothing applied, awaiting release. */
  async insertHeld(run: {
    syncObjectId: number;
    trigger: RunTrigger;
    reason: string;
    now: Date;
    received: number;
  }): Promise<SyncRunEntity> {
    const entity = this.repo().create({
      syncObjectId: run.syncObjectId,
      trigger: run.trigger,
      status: 'held',
      plannedAt: null,
      startedAt: run.now,
      finishedAt: run.now,
      ...ZERO_COUNTS,
      received: run.received,
      error: null,
      holdReason: run.reason,
      releasedAt: null,
      releasedBy: null,
      guardBypassed: false,
      progress: { phase: 'receive', batches: 0, message: `held: ${run.reason}` },
      leaseOwner: null,
      leaseUntil: null,
      runningObjectId: null,
    });
    return this.repo().save(entity);
  }

  /** The object's held real-time run not released yet (the one further held deletes join), if any. */
  openRealtimeHold(syncObjectId: number): Promise<SyncRunEntity | null> {
    return this.repo().findOne({
      where: { syncObjectId, trigger: 'realtime', status: 'held', releasedAt: IsNull() },
      order: { id: 'DESC' },
    });
  }

  /**
   * One more item for a held run, while it is still held and not released: the row lock this takes
   * orders it with a release's claim (which reads the kept items after). False when it is no longer open.
   */
  async addHeldItem(id: number): Promise<boolean> {
    const result = await this.repo()
      .createQueryBuilder()
      .update()
      .set({ received: () => 'received + 1' })
      .where({ id, status: 'held', releasedAt: IsNull() })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Progress and a renewed lease, while the run is still ours and running. */
  async heartbeat(id: number, owner: string, leaseUntil: Date, counts?: RunCounts, progress?: RunProgress): Promise<void> {
    const changes: QueryDeepPartialEntity<SyncRunEntity> = { leaseUntil, ...(counts ?? {}) };
    if (progress) changes.progress = progress as never;
    await this.repo().update({ id, leaseOwner: owner, status: 'running' }, changes);
  }

  async finish(
    id: number,
    outcome: {
      status: RunStatus;
      counts: RunCounts;
      drift?: RunDrift;
      error: string | null;
      holdReason?: string | null;
      progress: RunProgress;
      finishedAt: Date;
    },
  ): Promise<void> {
    await this.repo().update(
      { id },
      {
        ...outcome.counts,
        status: outcome.status,
        error: outcome.error,
        ...(outcome.holdReason !== undefined ? { holdReason: outcome.holdReason } : {}),
        progress: outcome.progress as never,
        ...(outcome.drift ? { drift: outcome.drift as never } : {}),
        finishedAt: outcome.finishedAt,
        leaseOwner: null,
        leaseUntil: null,
        runningObjectId: null,
      },
    );
  }

  /**
   * Takes a held run for its release, once: it runs again (holding the object, leased to `owner`),
   * recorded as released. False when it is not held or was released already; a duplicate key when
   * another run of the object is in progress.
   */
  async claimRelease(
    id: number,
    release: { syncObjectId: number; owner: string; leaseUntil: Date; at: Date; by: string },
  ): Promise<boolean> {
    const result = await this.repo().update(
      { id, status: 'held', releasedAt: IsNull() },
      {
        status: 'running',
        releasedAt: release.at,
        releasedBy: release.by.slice(0, 128),
        runningObjectId: release.syncObjectId,
        leaseOwner: release.owner,
        leaseUntil: release.leaseUntil,
        finishedAt: null,
      },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Runs whose holder stopped renewing its lease (crashed): closed as failed, freeing their objects. */
  async closeAbandoned(now: Date): Promise<number> {
    const result = await this.repo().update(
      { status: 'running', leaseUntil: LessThan(now) },
      {
        status: 'failed',
        error: 'abandoned: the instance running it stopped renewing its lease',
        finishedAt: now,
        leaseOwner: null,
        leaseUntil: null,
        runningObjectId: null,
      },
    );
    this.metrics.leasesReclaimed('run', result.affected ?? 0);
    return result.affected ?? 0;
  }

  runningFor(syncObjectId: number): Promise<SyncRunEntity | null> {
    return this.repo().findOneBy({ runningObjectId: syncObjectId });
  }

  findById(id: number): Promise<SyncRunEntity | null> {
    return this.repo().findOneBy({ id });
  }

  async list(filter: SyncRunFilter): Promise<{ items: SyncRunEntity[]; total: number }> {
    const where = {
      ...(filter.syncObjectId ? { syncObjectId: filter.syncObjectId } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.trigger ? { trigger: filter.trigger } : {}),
    };
    const [items, total] = await this.repo().findAndCount({ where, order: { id: 'DESC' }, take: filter.limit, skip: filter.offset });
    return { items, total };
  }
}
