import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { InboundApplier } from '../engine/inbound-applier.service';
import { InboundItem } from '../engine/inbound.types';
import { burstExceeded, burstRule } from '../sync-objects/guard';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { ReceivedItem } from './cron-protocol';
import { RealtimeDeleteRepository } from './realtime-delete.repository';
import { RunEvents } from './run-events';
import { SyncRunPlanRepository } from './sync-run-plan.repository';
import { SyncRunRepository } from './sync-run.repository';

export type DeleteAdmission = { held: false } | { held: true; runId: number; reason: string };

/**
 * The guard's burst rule for real-time deletes (`maxDeletes.windowSeconds` with `count`): more than
 * `count` deletes of existing records within the window, and the further ones are held — kept with a
 * held run (trigger `realtime`) that `POST /api/sync-runs/:id/release` applies once, the alert says so.
 * While that run is held, every further real-time delete of the object joins it. The window's count is
 * in the database (every instance's deletes count); two instances deciding at the same moment may each
 * let one more through (at most one per concurrent call).
 */
@Injectable()
export class RealtimeHolds {
  private readonly logger = new Logger('RealtimeHolds');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly runs: SyncRunRepository,
    private readonly plans: SyncRunPlanRepository,
    private readonly deletes: RealtimeDeleteRepository,
    private readonly applier: InboundApplier,
    private readonly events: RunEvents,
  ) {}

  /** Whether this real-time delete is applied now (and counted) or held; decided before anything is applied. */
  async admitDelete(target: ResolvedSyncObject, item: InboundItem, externalId: string): Promise<DeleteAdmission> {
    const rule = burstRule(target.object.guard);
    if (!rule) return { held: false };
    // A delete of a record that does not exist changes nothing: it neither counts nor is held.
    if ((await this.applier.plan(target, item)).action !== 'unlink') return { held: false };
    const kept: ReceivedItem = { index: 0, change: item, rawExternalId: externalId, values: item.payload };
    const syncObjectId = target.object.id;
    const decision = await this.unitOfWork.run(async () => {
      const now = new Date();
      const open = await this.runs.openRealtimeHold(syncObjectId);
      if (open && (await this.runs.addHeldItem(open.id))) {
        await this.plans.keep(open.id, [{ ...kept, index: open.received }], now);
        return { held: true as const, runId: open.id, reason: open.holdReason ?? '', created: null };
      }
      const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
      const recent = await this.deletes.countSince(syncObjectId, windowStart);
      if (!burstExceeded(rule, recent)) {
        await this.deletes.record(syncObjectId, now, windowStart);
        return { held: false as const };
      }
      const reason = `maxDeletes.count ${rule.count} exceeded: ${recent + 1} real-time deletes within ${rule.windowSeconds} s`;
      const run = await this.runs.insertHeld({ syncObjectId, trigger: 'realtime', reason, now, received: 1 });
      await this.plans.keep(run.id, [kept], now);
      return { held: true as const, runId: run.id, reason, created: run };
    });
    if (!decision.held) return decision;
    if (decision.created) {
      this.logger.warn(`run ${decision.runId} held: ${decision.reason}`);
      // The alerts see a held run at once, as after a held cron run.
      await this.events.finished(decision.created);
    }
    return { held: true, runId: decision.runId, reason: decision.reason };
  }
}
