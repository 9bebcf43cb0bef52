import { Injectable } from '@nestjs/common';
import { DrainResult, OutboxDispatcher } from '../../outbox/outbox.dispatcher';
import { ResolvedSyncObject } from '../../sync-objects/sync-object.catalog';
import { DRAIN_BUDGET_MS, DRAIN_MAX_BATCHES, RunTrigger } from '../sync-run.types';

/**
 * The send step: deliver the object's waiting local changes through the outbox
 * (oldest first, per-record order, retries and dead rows as for real time), up to
 * the object's limit; with `drain`, batch after batch while batches come full and
 * nothing fails (a failing row would only be tried again at once).
 */
@Injectable()
export class SendStep {
  constructor(private readonly dispatcher: OutboxDispatcher) {}

  async send(
    target: ResolvedSyncObject,
    trigger: RunTrigger,
    stopping: () => boolean,
    onBatch: (total: DrainResult) => Promise<void>,
  ): Promise<DrainResult> {
    const { id, limit, drain } = target.object;
    const total: DrainResult = { sent: 0, failed: 0, dead: 0, skipped: 0 };
    const started = Date.now();
    for (let batch = 1; ; batch++) {
      const result = await this.dispatcher.drainObject(id, limit, trigger);
      for (const key of Object.keys(total) as (keyof DrainResult)[]) total[key] += result[key];
      await onBatch(total);
      const handled = result.sent + result.failed + result.dead + result.skipped;
      const more =
        drain &&
        handled >= limit &&
        result.failed + result.dead === 0 &&
        batch < DRAIN_MAX_BATCHES &&
        Date.now() - started < DRAIN_BUDGET_MS;
      if (!more || stopping()) return total;
    }
  }
}
