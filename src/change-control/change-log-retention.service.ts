import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { RetentionSchedule } from '../settings/retention.schedule';
import { ChangeLogRepository } from './change-log.repository';

const JOB = 'change-log.retention';
/**
 * Rows deleted per statement. Short transactions keep other writers moving (on
 * SQLite they take turns with every sync), and make concurrent purges by several
 * instances harmless: each batch deletes whatever is still there.
 */
export const PURGE_BATCH_ROWS = 5_000;

/**
 * Retention: deletes change-log rows older than `logRetentionDays`, daily in every
 * instance (RetentionSchedule) and on demand.
 */
@Injectable()
export class ChangeLogRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  /** Purges in this process run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly repository: ChangeLogRepository,
    private readonly retention: RetentionSchedule,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    this.retention.daily(JOB, 'change-log rows', async () => (await this.purge()).deleted);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.retention.stop(JOB);
    // Let a running purge finish its batch before the database closes.
    await this.queue.catch(() => undefined);
  }

  /** Purge now; resolves with how many rows this run deleted. */
  purge(): Promise<{ deleted: number }> {
    const run = this.queue.catch(() => undefined).then(() => this.purgeExpired());
    this.queue = run;
    return run.then((deleted) => ({ deleted }));
  }

  private async purgeExpired(): Promise<number> {
    const cutoff = await this.retention.cutoff();
    let deleted = 0;
    while (!this.stopping) {
      const ids = await this.repository.idsSyncedBefore(cutoff, PURGE_BATCH_ROWS);
      if (!ids.length) break;
      deleted += await this.unitOfWork.run(() => this.repository.deleteSyncedBefore(ids, cutoff));
      if (ids.length < PURGE_BATCH_ROWS) break;
    }
    return deleted;
  }
}
