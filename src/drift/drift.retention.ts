import { Injectable } from '@nestjs/common';
import { DailyPurge, RetentionSchedule } from '../settings/retention.schedule';
import { DriftRepository } from './drift.repository';

/** Schema-drift entries not seen for `logRetentionDays` go with the log retention, daily in every instance. */
@Injectable()
export class DriftRetention extends DailyPurge {
  constructor(
    private readonly repository: DriftRepository,
    retention: RetentionSchedule,
  ) {
    super(retention, 'drift.retention', 'schema-drift entries');
  }

  protected purgeBefore(cutoff: Date): Promise<number> {
    return this.repository.purgeBefore(cutoff);
  }
}
