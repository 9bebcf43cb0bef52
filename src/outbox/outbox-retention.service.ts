import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { RetentionSchedule } from '../settings/retention.schedule';
import { OutboxRepository } from '../sync-state/outbox.repository';

const JOB = 'outbox.retention';

/**
 * Delivered and skipped outbox rows are history (change control keeps the trace):
 * they are deleted once older than `logRetentionDays` (RetentionSchedule: daily), so
 * the outbox does not grow without end. Pending and dead rows are never purged.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly retention: RetentionSchedule,
  ) {}

  onApplicationBootstrap(): void {
    this.retention.daily(JOB, 'delivered outbox rows', (cutoff) => this.outbox.purgeDone(cutoff));
  }

  onModuleDestroy(): void {
    this.retention.stop(JOB);
  }

  async purge(now: Date = new Date()): Promise<void> {
    await this.outbox.purgeDone(await this.retention.cutoff(now));
  }
}
