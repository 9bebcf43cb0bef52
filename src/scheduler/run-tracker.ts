import { Logger } from '@nestjs/common';
import { PeriodicJobs } from '../common/periodic-jobs';
import type { DriftCounts } from '../drift/drift-detector';
import { SyncRunEntity } from './sync-run.entity';
import { SyncRunRepository } from './sync-run.repository';
import { finalStatus, NO_RUN_DRIFT, RunCounts, RunDrift, RunPhase, RunProgress } from './sync-run.types';

/**
 * The bookkeeping of one run in progress: counts, progress and step errors, written
 * to sync_run after every batch, plus a heartbeat (job `sync-run.<id>.heartbeat`) that
 * keeps the run's lease alive during a long call (a holder that stops beating is taken
 * for dead). ScheduleModule stops the heartbeats at shutdown; the runs still finishing
 * then report after each batch, and the lease outlasts the scheduler's shutdown wait.
 */
export class RunTracker {
  readonly counts: RunCounts;
  readonly drift: RunDrift;
  private readonly errors: string[] = [];
  private readonly holds: string[] = [];
  private progress: RunProgress = { phase: 'starting', batches: 0, message: 'started' };
  private readonly heartbeat: string;
  private readonly logger = new Logger('SyncRun');

  constructor(
    private readonly runs: SyncRunRepository,
    private readonly jobs: PeriodicJobs,
    readonly run: SyncRunEntity,
    private readonly owner: string,
    private readonly leaseMs: number,
  ) {
    // A released run goes on from the counts it was held with.
    this.counts = { received: run.received, applied: run.applied, failed: run.failed, confirmed: run.confirmed, sent: run.sent };
    this.drift = { ...NO_RUN_DRIFT, ...(run.drift ?? {}) };
    this.heartbeat = `sync-run.${run.id}.heartbeat`;
    jobs.every(this.heartbeat, Math.max(250, Math.floor(leaseMs / 3)), () => this.beat(false));
  }

  get failedSteps(): readonly string[] {
    return this.errors;
  }

  /** Records where the run is and saves it (with the counts) at once. */
  async report(phase: RunPhase, message: string, batches = this.progress.batches): Promise<void> {
    this.progress = { phase, batches, message };
    await this.beat(true);
  }

  /** Adds a batch's schema drift counts (DriftRecorder.observe) to the run's. */
  addDrift(counts: DriftCounts): void {
    this.drift.unknownKeys += counts.unknown_key;
    this.drift.missingFields += counts.missing_field;
    this.drift.typeMismatches += counts.type_mismatch;
  }

  fail(step: string, error: string): void {
    this.errors.push(`${step}: ${error}`);
  }

  /**
   * Holds the run: it ends `held` with this reason (several reasons are joined). The caller has
   * applied and confirmed nothing of what it holds, and kept it (SyncRunPlanRepository) for the release.
   */
  hold(reason: string): void {
    this.holds.push(reason);
  }

  get held(): boolean {
    return this.holds.length > 0;
  }

  async finish(): Promise<void> {
    this.jobs.stop(this.heartbeat);
    const status = finalStatus(this.counts, this.errors, this.held);
    const c = this.counts;
    const counted = `received ${c.received}, applied ${c.applied}, failed ${c.failed}, confirmed ${c.confirmed}, sent ${c.sent}`;
    const summary = status === 'held' ? `held: ${this.holds.join('; ')} (${counted})` : counted;
    await this.runs.finish(this.run.id, {
      status,
      counts: this.counts,
      drift: this.drift,
      error: this.errors.length ? this.errors.join('; ') : null,
      // A released run keeps the reason it was held for.
      holdReason: this.holds.length ? this.holds.join('; ') : undefined,
      progress: { phase: 'done', batches: this.progress.batches, message: summary },
      finishedAt: new Date(),
    });
  }

  private async beat(withProgress: boolean): Promise<void> {
    try {
      await this.runs.heartbeat(
        this.run.id,
        this.owner,
        new Date(Date.now() + this.leaseMs),
        { ...this.counts },
        withProgress ? this.progress : undefined,
      );
    } catch (error) {
      // A missed beat is survivable (the lease is several beats long); the run goes on.
      this.logger.warn(`run ${this.run.id}: heartbeat failed: ${(error as Error).message}`);
    }
  }
}
