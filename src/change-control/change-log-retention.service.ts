import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SettingsService } from '../settings/settings.service';
import { ChangeLogRepository } from './change-log.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** First purge a minute after start (not during start-up itself), then daily. */
export const FIRST_PURGE_DELAY_MS = 60_000;
/**
 * Rows deleted per statement. Short transactions keep other writers moving (on
 * SQLite they take turns with every sync), and make concurrent purges by several
 * instances harmless: each batch deletes whatever is still there.
 */
export const PURGE_BATCH_ROWS = 5_000;

/**
 * Retention: deletes change-log rows older than `logRetentionDays`, daily in
 * every instance (a plain unref'd timer: no schedule to coordinate, since purging
 * twice is harmless) and on demand.
 */
@Injectable()
export class ChangeLogRetentionService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ChangeLogRetention');
  private timers: NodeJS.Timeout[] = [];
  /** Purges in this process run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopping = false;

  constructor(
    private readonly repository: ChangeLogRepository,
    private readonly settings: SettingsService,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    this.timers = [
      setTimeout(() => this.runScheduled(), FIRST_PURGE_DELAY_MS).unref(),
      setInterval(() => this.runScheduled(), DAY_MS).unref(),
    ];
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.timers.forEach((timer) => clearTimeout(timer));
    // Let a running purge finish its batch before the database closes.
    await this.queue.catch(() => undefined);
  }

  /** Purge now; resolves with how many rows this run deleted. */
  purge(): Promise<{ deleted: number }> {
    const run = this.queue.catch(() => undefined).then(() => this.purgeExpired());
    this.queue = run;
    return run.then((deleted) => ({ deleted }));
  }

  private runScheduled(): void {
    this.purge().then(
      ({ deleted }) => deleted && this.logger.log(`Purged ${deleted} change-log rows past retention`),
      (error: Error) => this.logger.error(`Change-log purge failed: ${error.message}`),
    );
  }

  private async purgeExpired(): Promise<number> {
    const { logRetentionDays } = await this.settings.get();
    const cutoff = new Date(Date.now() - logRetentionDays * DAY_MS);
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
