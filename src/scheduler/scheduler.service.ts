import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicJobs } from '../common/periodic-jobs';
import { CronScheduleRepository } from './cron-schedule.repository';
import { ObjectRunner } from './object-run.service';
import { RunClaims } from './run-claims.service';
import { SchedulerConfig, schedulerConfig } from './scheduler.config';
import { SyncRunRepository } from './sync-run.repository';

/** How long shutdown waits for runs in progress before letting go (their leases then expire). */
const SHUTDOWN_WAIT_MS = 30_000;
const TICK_JOB = 'scheduler.tick';

/**
 * Runs every active cron-mode sync object when it is due. Every tick (job `scheduler.tick`, SCHEDULER_TICK_MS):
 * close runs abandoned by a dead instance, list due objects, claim each through the
 * database (RunClaims) and start the runs this instance won, up to SCHEDULER_CONCURRENCY
 * at once. Nothing here is in-memory truth: any number of instances may tick together.
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  private ticking?: Promise<void>;
  private stopping = false;
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    private readonly schedule: CronScheduleRepository,
    private readonly claims: RunClaims,
    private readonly runner: ObjectRunner,
    private readonly runs: SyncRunRepository,
    private readonly jobs: PeriodicJobs,
    @Inject(schedulerConfig.KEY) private readonly config: SchedulerConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.enabled) {
      this.logger.log('scheduler off (SCHEDULER=off): this instance runs no cron objects');
      return;
    }
    this.jobs.every(TICK_JOB, this.config.tickMs, () => this.tick(), { immediately: true });
  }

  /** No new runs; wait (bounded) for the ones in progress to finish. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.jobs.stop(TICK_JOB);
    let timeout: NodeJS.Timeout | undefined;
    const deadline = new Promise((resolve) => (timeout = setTimeout(resolve, SHUTDOWN_WAIT_MS)));
    await Promise.race([Promise.allSettled([this.ticking, ...this.running]), deadline]);
    clearTimeout(timeout);
  }

  /** One pass; overlapping ticks are skipped (a slow pass never piles up). */
  async tick(): Promise<void> {
    if (this.ticking || this.stopping) return;
    this.ticking = this.pass().finally(() => (this.ticking = undefined));
    await this.ticking;
  }

  private async pass(): Promise<void> {
    try {
      const now = new Date();
      const abandoned = await this.runs.closeAbandoned(now);
      if (abandoned) this.logger.warn(`closed ${abandoned} run(s) abandoned by a stopped instance`);
      const free = this.config.concurrency - this.running.size;
      if (free <= 0) return;
      for (const due of await this.schedule.due(now, free)) {
        if (this.stopping) return;
        const run = await this.claims.claimDue(due, now);
        if (run) this.track(this.runner.execute(run, () => this.stopping));
      }
    } catch (error) {
      this.logger.error(`scheduler pass failed: ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  private track(task: Promise<unknown>): void {
    this.running.add(task);
    void task.finally(() => this.running.delete(task));
  }
}
