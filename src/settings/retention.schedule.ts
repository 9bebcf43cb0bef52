import { Injectable, Logger } from '@nestjs/common';
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
