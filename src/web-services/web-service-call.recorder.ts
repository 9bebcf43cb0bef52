import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicJobs } from '../common/periodic-jobs';
import { UnitOfWork } from '../database/unit-of-work';
import { RetentionSchedule } from '../settings/retention.schedule';
import { RawCall, sanitizeCall } from './outbound/call-record';
import { WebServiceCallRepository } from './web-service-call.repository';

/** Calls kept per web service. */
export const CALLS_KEPT = 200;
/** How often the recorded calls are written (and each web service trimmed to CALLS_KEPT). */
export const CALLS_FLUSH_MS = 1_000;
const FLUSH_JOB = 'web-service-calls.flush';
const RETENTION_JOB = 'web-service-calls.retention';

/**
 * The API inspector's recorder. `record` is called by WebServiceClient.post after each
 * answer and only keeps the call in memory (the newest CALLS_KEPT per web service, the
 * rest dropped unsanitized); a periodic flush sanitizes and writes them in a few
 * multi-row inserts and trims each web service to its newest CALLS_KEPT, so the send
 * path pays no statement. Reading the calls flushes first. Purged with the log retention.
 */
@Injectable()
export class WebServiceCallRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('WebServiceCalls');
  private pending = new Map<number, RawCall[]>();
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repository: WebServiceCallRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly jobs: PeriodicJobs,
    private readonly retention: RetentionSchedule,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every(FLUSH_JOB, CALLS_FLUSH_MS, () => this.flush());
    this.retention.daily(RETENTION_JOB, 'web-service calls', (cutoff) => this.purgeBefore(cutoff));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.jobs.stop(FLUSH_JOB);
    this.retention.stop(RETENTION_JOB);
    await this.flush().catch(() => undefined);
  }

  record(call: RawCall): void {
    let calls = this.pending.get(call.webServiceId);
    if (!calls) this.pending.set(call.webServiceId, (calls = []));
    calls.push(call);
    // Only the newest CALLS_KEPT can survive the trim: older ones are dropped here, before any work.
    if (calls.length > 2 * CALLS_KEPT) calls.splice(0, calls.length - CALLS_KEPT);
  }

  /** Writes what was recorded so far (one flush at a time). */
  flush(): Promise<void> {
    const run = this.flushing.catch(() => undefined).then(() => this.write());
    this.flushing = run;
    return run;
  }

  async purgeBefore(cutoff: Date): Promise<number> {
    return this.unitOfWork.run(() => this.repository.deleteBefore(cutoff));
  }

  private async write(): Promise<void> {
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    for (const [webServiceId, calls] of batch) {
      const kept = calls.slice(-CALLS_KEPT).map(sanitizeCall);
      try {
        await this.unitOfWork.run(async () => {
          await this.repository.insertMany(kept);
          await this.repository.trim(webServiceId, CALLS_KEPT);
        });
      } catch (error) {
        // The inspector is best effort: a web service deleted meanwhile (its calls cascade away) or a
        // database hiccup loses these calls, never a delivery.
        this.logger.warn(`could not record ${kept.length} calls of web service ${webServiceId}: ${(error as Error).message}`);
      }
    }
  }
}
