import { Inject, Injectable, Logger } from '@nestjs/common';
import { withLogContext } from '../common/logging';
import { PeriodicJobs } from '../common/periodic-jobs';
import { MetricsService } from '../metrics/metrics.service';
import { ResolvedSyncObject, SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { receivesFromExternal, sendsToExternal } from '../sync-objects/sync-object.types';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { WebServicesService } from '../web-services/web-services.service';
import { RunClaims } from './run-claims.service';
import { GuardTally, RunGuard } from './run-guard.service';
import { SyncRunPlanRepository } from './sync-run-plan.repository';
import { ReceivedItem } from './cron-protocol';
import { RunEvents } from './run-events';
import { RunTracker } from './run-tracker';
import { SchedulerConfig, schedulerConfig } from './scheduler.config';
import { ConfirmStep } from './steps/confirm.step';
import { outcomeCounts, ReceiveStep } from './steps/receive.step';
import { SendStep } from './steps/send.step';
import { SyncRunEntity } from './sync-run.entity';
import { SyncRunRepository } from './sync-run.repository';
import { keepDraining } from './sync-run.types';

/** Batches whose items count as "already seen" when deciding whether a drain still brings news. */
const RECENT_BATCHES = 4;

/**
 * One run of one sync object, already claimed: receive (and confirm) batches when
 * the direction includes external → Odoo, then send waiting local changes when it
 * includes Odoo → external. Receiving comes first so that a bidirectional object
 * merges what the external system changed before sending its own state; if
 * receiving fails, a bidirectional object sends nothing this run (its full-state
 * send could overwrite changes not yet received). Never throws: whatever happens
 * ends up in the run's status and error.
 */
@Injectable()
export class ObjectRunner {
  private readonly logger = new Logger('SyncRun');

  constructor(
    private readonly catalog: SyncObjectCatalog,
    private readonly webServices: WebServicesService,
    private readonly receive: ReceiveStep,
    private readonly confirmStep: ConfirmStep,
    private readonly sendStep: SendStep,
    private readonly runs: SyncRunRepository,
    private readonly claims: RunClaims,
    private readonly jobs: PeriodicJobs,
    private readonly events: RunEvents,
    @Inject(schedulerConfig.KEY) private readonly config: SchedulerConfig,
    private readonly metrics: MetricsService,
    private readonly guard: RunGuard,
    private readonly plans: SyncRunPlanRepository,
  ) {}

  execute(run: SyncRunEntity, stopping: () => boolean = () => false): Promise<SyncRunEntity> {
    // Every line logged during the run carries its id.
    return withLogContext({ runId: run.id, syncObjectId: run.syncObjectId }, () =>
      this.executeInContext(run, (target, webService, tracker) => this.steps(target, webService, tracker, stopping)),
    );
  }

  /**
   * The release of a held run (already claimed by RunClaims.claimRelease): applies exactly the items
   * it kept, whatever the external system offers now, and confirms them where the web service needs
   * it. It sends nothing: the object's next run sends its waiting local changes.
   */
  release(run: SyncRunEntity): Promise<SyncRunEntity> {
    return withLogContext({ runId: run.id, syncObjectId: run.syncObjectId }, () =>
      this.executeInContext(run, (target, webService, tracker) => this.applyKept(target, webService, tracker)),
    );
  }

  private async applyKept(target: ResolvedSyncObject, webService: WebServiceEntity, tracker: RunTracker): Promise<void> {
    const items = await this.plans.itemsOf(tracker.run.id);
    if (!items) {
      tracker.fail('release', 'the run kept no plan');
      return;
    }
    await tracker.report('receive', `released: applying the ${items.length} items kept with the run`);
    const { outcomes, drift } = await this.receive.applyItems(target, items, tracker.run.trigger);
    this.metrics.recordsReceived(target.object.id, outcomes);
    const { applied, failed } = outcomeCounts(outcomes);
    tracker.counts.applied += applied;
    tracker.counts.failed += failed;
    tracker.addDrift(drift);
    // Held real-time deletes were answered when they came: there is nothing to confirm.
    if (webService.needsConfirmation && outcomes.length && tracker.run.trigger !== 'realtime') {
      await tracker.report('confirm', `confirming ${outcomes.length} items`);
      const confirmed = await this.confirmStep.confirm(target, webService, outcomes, tracker.run.trigger);
      if (!confirmed.ok) tracker.fail('confirm', confirmed.error);
      else tracker.counts.confirmed += confirmed.confirmed;
    }
  }

  private async executeInContext(
    run: SyncRunEntity,
    work: (target: ResolvedSyncObject, webService: WebServiceEntity, tracker: RunTracker) => Promise<void>,
  ): Promise<SyncRunEntity> {
    const tracker = new RunTracker(this.runs, this.jobs, run, this.claims.owner, this.config.leaseMs);
    try {
      const context = await this.resolve(run.syncObjectId);
      if ('error' in context) tracker.fail('start', context.error);
      else await work(context.target, context.webService, tracker);
    } catch (error) {
      this.logger.error(`run ${run.id} of sync object ${run.syncObjectId}: ${(error as Error)?.stack ?? String(error)}`);
      tracker.fail('internal', 'unexpected error; see the service log');
    } finally {
      await tracker
        .finish()
        .catch((error: unknown) => this.logger.error(`run ${run.id}: could not record its end: ${(error as Error).message}`));
    }
    const finished = (await this.runs.findById(run.id)) ?? run;
    this.metrics.runFinished(
      run.syncObjectId,
      finished.status,
      ((finished.finishedAt ?? new Date()).getTime() - run.startedAt.getTime()) / 1000,
    );
    await this.events.finished(finished);
    return finished;
  }

  private async steps(
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    tracker: RunTracker,
    stopping: () => boolean,
  ): Promise<void> {
    const { direction } = target.object;
    let received = true;
    if (receivesFromExternal(direction)) received = await this.receiveAll(target, webService, tracker, stopping);
    if (!sendsToExternal(direction)) return;
    if (tracker.held) {
      // Nothing of a held run is applied: neither what it received nor its sending.
      await tracker.report('send', 'not sending: the run is held');
      return;
    }
    if (!received && direction === 'bidirectional') {
      await tracker.report('send', 'not sending: receiving failed, and sending now could overwrite changes not yet received');
      return;
    }
    await tracker.report('send', 'sending local changes');
    const receiveFailed = tracker.counts.failed;
    const result = await this.sendStep.send(target, tracker.run.trigger, stopping, async (total) => {
      tracker.counts.sent = total.sent;
      tracker.counts.failed = receiveFailed + total.failed + total.dead;
      await tracker.report('send', `sent ${total.sent}, failed ${total.failed}, dead ${total.dead}, skipped ${total.skipped}`);
    });
    if (result.failed + result.dead > 0) {
      // Each failed delivery is logged with its reason and retried by the outbox; the run is partial.
      await tracker.report('send', `${result.failed + result.dead} deliveries failed (see the outbox and the change log)`);
    }
  }

  /** Receives (and confirms) batch after batch; false when a step failed. */
  private async receiveAll(
    target: ResolvedSyncObject,
    webService: WebServiceEntity,
    tracker: RunTracker,
    stopping: () => boolean,
  ): Promise<boolean> {
    // Fingerprints of the last few batches only: a re-offered (unconfirmed, failing) item comes
    // back within a batch or two, and a long drain must not hold every item it ever received.
    const recent: Set<string>[] = [];
    const started = Date.now();
    const guarded = !tracker.run.guardBypassed && this.guard.weighs(target);
    // schemaDrift `hold`: a batch in which a mapped field stopped arriving is held like the guard holds one.
    const driftHolds = !tracker.run.guardBypassed && target.object.schemaDrift === 'hold';
    const tally: GuardTally = { deletes: 0, updates: 0 };
    for (let batches = 1; ; batches++) {
      await tracker.report('receive', `receiving batch ${batches} (limit ${target.object.limit})`, batches - 1);
      const answer = await this.receive.fetch(target, webService);
      if (!answer.ok) {
        tracker.fail('receive', answer.error);
        return false;
      }
      if (driftHolds) {
        const stopped = await this.receive.stoppedFields(target, answer.items);
        if (stopped.length) {
          await this.hold(tracker, answer.items, driftHoldReason(stopped), batches);
          return true;
        }
      }
      if (guarded) {
        // The guard weighs the batch's plan (the same planning the apply runs) before anything is applied.
        const plans = await this.receive.plan(target, answer.items);
        const verdict = await this.guard.weigh(target, plans, tally);
        if (verdict.held) {
          await this.hold(tracker, answer.items, verdict.reason, batches);
          return true;
        }
        tally.deletes += plans.filter((p) => p.action === 'unlink').length;
        tally.updates += plans.filter((p) => p.action === 'write').length;
      }
      const { outcomes, drift } = await this.receive.applyItems(target, answer.items, tracker.run.trigger);
      this.metrics.stepSucceeded(target.object.id, 'receive');
      this.metrics.recordsReceived(target.object.id, outcomes);
      const { applied, failed, held } = outcomeCounts(outcomes);
      const fresh = outcomes.filter((o) => !recent.some((batch) => batch.has(o.fingerprint))).length;
      recent.push(new Set(outcomes.map((o) => o.fingerprint)));
      if (recent.length > RECENT_BATCHES) recent.shift();
      tracker.counts.received += outcomes.length;
      tracker.counts.applied += applied;
      tracker.counts.failed += failed;
      tracker.addDrift(drift);
      const kept = held ? `, ${held} held (flapping records)` : '';
      await tracker.report('receive', `batch ${batches}: ${outcomes.length} received, ${applied} applied${kept}`, batches);
      if (webService.needsConfirmation && outcomes.length) {
        await tracker.report('confirm', `confirming ${outcomes.length} items`, batches);
        const confirmed = await this.confirmStep.confirm(target, webService, outcomes, tracker.run.trigger);
        if (!confirmed.ok) {
          tracker.fail('confirm', confirmed.error);
          return false;
        }
        this.metrics.stepSucceeded(target.object.id, 'confirm');
        tracker.counts.confirmed += confirmed.confirmed;
      }
      const more = keepDraining({
        drain: target.object.drain,
        limit: target.object.limit,
        size: outcomes.length,
        fresh,
        // A held item is taken off the external system's hands (confirmed) as an applied one is.
        applied: applied + held,
        batches,
        elapsedMs: Date.now() - started,
        stopping: stopping(),
      });
      if (!more) return true;
    }
  }

  /**
   * Holds the run with the batch it received: kept for the release, nothing applied nor
   * confirmed (the external system offers the items again; the release applies these).
   */
  private async hold(tracker: RunTracker, items: ReceivedItem[], reason: string, batches: number): Promise<void> {
    await this.plans.keep(tracker.run.id, items, new Date());
    tracker.counts.received += items.length;
    tracker.hold(reason);
    this.logger.warn(`run ${tracker.run.id} held: ${reason}`);
    await tracker.report('receive', `held: ${reason}`, batches);
  }

  /** The object as configured now (the catalog, refreshed once if it does not know it yet) and its web service. */
  private async resolve(syncObjectId: number): Promise<{ target: ResolvedSyncObject; webService: WebServiceEntity } | { error: string }> {
    let target = await this.catalog.byId(syncObjectId);
    if (!target) {
      this.catalog.invalidate();
      target = await this.catalog.byId(syncObjectId);
    }
    if (!target) return { error: `sync object ${syncObjectId} is inactive, deleted, or its Odoo model is not registered` };
    const webService = await this.webServices.getEntity(target.object.webServiceId).catch(() => null);
    if (!webService) return { error: `web service ${target.object.webServiceId} does not exist` };
    if (!webService.active) return { error: `web service "${webService.name}" is inactive` };
    return { target, webService };
  }
}

/** e.g. "schemaDrift hold: mapped fields stopped arriving: email, phone". */
export function driftHoldReason(stopped: readonly string[]): string {
  return `schemaDrift hold: mapped fields stopped arriving: ${stopped.join(', ')}`;
}
