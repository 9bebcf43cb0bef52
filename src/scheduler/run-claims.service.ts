import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConflictError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { nextRunAfter, scheduleOf } from '../sync-objects/schedule';
import { CronScheduleRepository, DueObject } from './cron-schedule.repository';
import { SchedulerConfig, schedulerConfig } from './scheduler.config';
import { SyncRunEntity } from './sync-run.entity';
import { SyncRunRepository } from './sync-run.repository';

/**
 * Claiming a sync object for a run, through the database only, so several
 * instances sharing it never run one object twice for one due time nor at once:
 *
 * - a due (cron) claim advances next_run_at from the planned time with a conditional
 *   UPDATE (`WHERE next_run_at = :planned`: one instance wins) and inserts the running
 *   run, in one transaction;
 * - every run, cron or manual, holds the object through sync_run's unique
 *   running_object_id: a second concurrent start is a duplicate key, and a cron
 *   claim that meets one rolls back entirely (its due time stays; it runs later);
 * - a unique (sync_object_id, planned_at) makes a second run of one due time a
 *   duplicate key too, on every node of a cluster.
 */
@Injectable()
export class RunClaims {
  /** Identifies this instance's runs (lease owner). */
  readonly owner = `synchro-${process.pid}-${randomUUID().slice(0, 8)}`;

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: SyncRunRepository,
    private readonly schedule: CronScheduleRepository,
    @Inject(schedulerConfig.KEY) private readonly config: SchedulerConfig,
  ) {}

  leaseEnd(from: Date = new Date()): Date {
    return new Date(from.getTime() + this.config.leaseMs);
  }

  /** The run for this due time, or null when another instance (or a running run) has it. */
  async claimDue(object: DueObject, now: Date): Promise<SyncRunEntity | null> {
    // No drift, no burst: from the planned time, skipping slots already past.
    const next = nextRunAfter(object.nextRunAt, scheduleOf(object), now);
    try {
      return await this.unitOfWork.run(async () => {
        if (!(await this.schedule.advance(object.id, object.nextRunAt, next))) return null;
        return this.runs.start({
          syncObjectId: object.id,
          trigger: 'cron',
          plannedAt: object.nextRunAt,
          owner: this.owner,
          leaseUntil: this.leaseEnd(now),
          now,
        });
      });
    } catch (error) {
      if (isDuplicate(error)) return null;
      throw error;
    }
  }

  /** A run started by hand (`guardBypassed`: without the mass-change guard); 409 naming the run in progress if there is one. */
  async claimManual(
    syncObjectId: number,
    now: Date,
    options: { guardBypassed?: boolean; audit?: () => Promise<void> } = {},
  ): Promise<SyncRunEntity> {
    await this.runs.closeAbandoned(now);
    try {
      return await this.unitOfWork.run(async () => {
        const run = await this.runs.start({
          syncObjectId,
          trigger: 'manual',
          plannedAt: null,
          owner: this.owner,
          leaseUntil: this.leaseEnd(now),
          now,
          guardBypassed: options.guardBypassed,
        });
        await options.audit?.();
        return run;
      });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      throw await this.alreadyRunning(syncObjectId);
    }
  }

  /**
   * Takes a held run for its release (once, whichever instance asks): 409 SYNC_RUN.ALREADY_RELEASED
   * on a second release, SYNC_RUN.NOT_HELD for a run that is not held, SYNC_RUN.ALREADY_RUNNING while
   * another run of the object is in progress. `audit` runs in the claim's transaction.
   */
  async claimRelease(run: SyncRunEntity, by: string, now: Date, audit: () => Promise<void>): Promise<void> {
    await this.runs.closeAbandoned(now);
    let claimed: boolean;
    try {
      claimed = await this.unitOfWork.run(async () => {
        const done = await this.runs.claimRelease(run.id, {
          syncObjectId: run.syncObjectId,
          owner: this.owner,
          leaseUntil: this.leaseEnd(now),
          at: now,
          by,
        });
        if (done) await audit();
        return done;
      });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      throw await this.alreadyRunning(run.syncObjectId);
    }
    if (claimed) return;
    const current = (await this.runs.findById(run.id)) ?? run;
    if (current.releasedAt)
      throw new ConflictError(
        'SYNC_RUN.ALREADY_RELEASED',
        `sync run ${run.id} was released already (${current.releasedAt.toISOString()} by ${current.releasedBy ?? '?'}); ` +
          'a plan is applied once',
        { details: [{ field: 'id', problem: 'already released' }] },
      );
    throw new ConflictError('SYNC_RUN.NOT_HELD', `sync run ${run.id} is ${current.status}, not held: there is nothing to release`, {
      details: [{ field: 'id', problem: `the run is ${current.status}` }],
    });
  }

  private async alreadyRunning(syncObjectId: number): Promise<ConflictError> {
    const running = await this.runs.runningFor(syncObjectId);
    const which = running ? `run ${running.id} (${running.trigger}, started ${running.startedAt.toISOString()})` : 'another run';
    return new ConflictError('SYNC_RUN.ALREADY_RUNNING', `sync object ${syncObjectId} is already running: ${which}`, {
      details: [{ field: 'id', problem: `${which} is in progress` }],
    });
  }
}

function isDuplicate(error: unknown): boolean {
  return error instanceof ConflictError && error.code === 'DATABASE.DUPLICATE_KEY';
}
