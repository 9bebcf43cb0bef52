import { Injectable } from '@nestjs/common';
import { DailyPurge, RetentionSchedule } from '../settings/retention.schedule';
import { FlappingRepository } from './flapping.repository';

/** Flapping histories of records unchanged for `logRetentionDays` (and not flagged) go with the log retention, daily. */
@Injectable()
export class FlappingRetention extends DailyPurge {
  constructor(
    private readonly repository: FlappingRepository,
    retention: RetentionSchedule,
  ) {
    super(retention, 'flapping.retention', 'flapping histories');
  }

  protected purgeBefore(cutoff: Date): Promise<number> {
    return this.repository.purgeBefore(cutoff);
  }
}
