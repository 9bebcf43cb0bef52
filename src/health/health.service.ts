import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { SynchroError } from '../common/errors';
import { PeriodicJobs } from '../common/periodic-jobs';
import { OutboxConfig, outboxConfig } from '../outbox/outbox.config';
import { SchedulerConfig, schedulerConfig } from '../scheduler/scheduler.config';
import { readinessProblems, TerminusFailure } from './readiness';

/** The jobs whose ticks say the dispatcher and the scheduler are alive (see OutboxDispatcher, SchedulerService). */
const DISPATCHER_JOB = 'outbox.poll';
const SCHEDULER_JOB = 'scheduler.tick';

/**
 * Liveness, readiness (@nestjs/terminus) and the classic /health. Ready: the database answers,
 * every migration of this version is applied, the outbox dispatcher and the scheduler (where this
 * instance runs them: OUTBOX_DISPATCHER, SCHEDULER) are ticking, and the instance is not shutting
 * down — which it is from the moment shutdown starts (SIGTERM), before connections close.
 */
@Injectable()
export class HealthService implements OnModuleInit, OnModuleDestroy {
  private shuttingDown = false;
  /** Applied migrations stay applied: checked until they are, then remembered. */
  private migrationsApplied = false;
  private readonly onSignal = (): void => {
    this.shuttingDown = true;
  };

  constructor(
    private readonly dataSource: DataSource,
    private readonly checks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly jobs: PeriodicJobs,
    @Inject(outboxConfig.KEY) private readonly outbox: OutboxConfig,
    @Inject(schedulerConfig.KEY) private readonly scheduler: SchedulerConfig,
  ) {}

  onModuleInit(): void {
    // At the signal itself, before Nest runs any shutdown hook.
    process.once('SIGTERM', this.onSignal);
  }

  onModuleDestroy(): void {
    this.shuttingDown = true;
    process.removeListener('SIGTERM', this.onSignal);
  }

  get databaseKind(): 'mysql' | 'sqlite' {
    return this.dataSource.options.type === 'mysql' ? 'mysql' : 'sqlite';
  }

  async databaseUp(): Promise<boolean> {
    try {
      await this.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  /** Terminus' answer when every check is up; otherwise 503 HEALTH.NOT_READY naming each failing check as a field. */
  async ready(): Promise<Record<string, unknown>> {
    try {
      const result = await this.checks.check([
        () => this.shutdownIndicator(),
        () => this.databaseIndicator(),
        () => this.migrationsIndicator(),
        () => this.jobIndicator('dispatcher', this.outbox.dispatcher, DISPATCHER_JOB, 'OUTBOX_DISPATCHER'),
        () => this.jobIndicator('scheduler', this.scheduler.enabled, SCHEDULER_JOB, 'SCHEDULER'),
      ]);
      return result as unknown as Record<string, unknown>;
    } catch (error) {
      const body = (error as { getResponse?: () => unknown }).getResponse?.() as TerminusFailure | undefined;
      if (!body || (!body.error && body.status !== 'shutting_down')) throw error;
      const details = readinessProblems(body, this.shuttingDown);
      throw new SynchroError(
        'unavailable',
        'HEALTH.NOT_READY',
        `not ready: ${details.map((d) => `${d.field} ${d.problem}`).join('; ')}`,
        details,
      );
    }
  }

  private shutdownIndicator(): HealthIndicatorResult {
    const check = this.indicators.check('shutdown');
    return this.shuttingDown ? check.down({ message: 'shutting down' }) : check.up();
  }

  private async databaseIndicator(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    return (await this.databaseUp()) ? check.up({ kind: this.databaseKind }) : check.down({ message: 'the database does not answer' });
  }

  private async migrationsIndicator(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    if (!this.migrationsApplied) {
      try {
        this.migrationsApplied = !(await this.dataSource.showMigrations());
      } catch {
        return check.down({ message: 'could not read the applied migrations' });
      }
    }
    return this.migrationsApplied ? check.up() : check.down({ message: 'migrations pending (run `synchro migrate`)' });
  }

  private jobIndicator(key: string, enabled: boolean, job: string, variable: string): HealthIndicatorResult {
    const check = this.indicators.check(key);
    if (!enabled) return check.up({ role: `off (${variable}=off)` });
    const ticking = this.jobs.ticking(job);
    return ticking ? check.up() : check.down({ message: ticking === undefined ? 'not running' : 'not ticking' });
  }
}
