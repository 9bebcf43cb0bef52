import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DAY_MS, PeriodicJobs } from '../common/periodic-jobs';
import { SettingsService } from './settings.service';

/** What a retention purge reports: rows deleted, when it counts them. */
export type Purge = (cutoff: Date) => Promise<number | void>;

/**
 * The one schedule of the retention purges (change log, delivered outbox rows):
 * rows older than `logRetentionDays` go, daily in every instance (job `<name>`, a
 * minute after start, then every day). No coordination between instances is needed:
 * a purge is a set of deletes that are harmless to repeat.
 */
@Injectable()
export class RetentionSchedule {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly jobs: PeriodicJobs,
    private readonly settings: SettingsService,
  ) {}

  daily(name: string, what: string, purge: Purge): void {
    this.jobs.daily(name, async () => {
      const deleted = await purge(await this.cutoff());
      if (deleted) this.logger.log(`Purged ${deleted} ${what} past retention`);
    });
  }

  stop(name: string): void {
    this.jobs.stop(name);
  }

  /** Rows last touched before this are past retention. */
  async cutoff(now: Date = new Date()): Promise<Date> {
    const { logRetentionDays } = await this.settings.get();
    return new Date(now.getTime() - logRetentionDays * DAY_MS);
  }
}

/**
 * A table purged with the log retention: a provider that extends this runs `purgeBefore(cutoff)`
 * daily (RetentionSchedule) and on demand (`purge`), and stops with the application.
 */
export abstract class DailyPurge implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly retention: RetentionSchedule,
    /** The job's name and what its log line calls the rows. */
    private readonly job: string,
    private readonly what: string,
  ) {}

  protected abstract purgeBefore(cutoff: Date): Promise<number>;

  onApplicationBootstrap(): void {
    this.retention.daily(this.job, this.what, () => this.purge());
  }

  /** Purge now (what the daily job does); resolves with the rows deleted. */
  async purge(): Promise<number> {
    return this.purgeBefore(await this.retention.cutoff());
  }

  beforeApplicationShutdown(): void {
    this.retention.stop(this.job);
  }
}
