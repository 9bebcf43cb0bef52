import { Injectable } from '@nestjs/common';
import { buildChangeLogEntry, recordTitle } from '../../change-control/change-log.builder';
import { ChangeLogService } from '../../change-control/change-log.service';
import { DriftCounts } from '../../drift/drift-detector';
import { DriftRecorder } from '../../drift/drift.recorder';
import { UnitOfWork } from '../../database/unit-of-work';
import { InboundApplier } from '../../engine/inbound-applier.service';
import { InboundBatchApplier } from '../../engine/inbound-batch.service';
import { InboundItem, InboundOutcome } from '../../engine/inbound.types';
import { FlappingTracker, HELD_MESSAGE } from '../../flapping/flapping.tracker';
import { RecordAction } from '../../odoo/records/record-change';
import { ResolvedSyncObject } from '../../sync-objects/sync-object.catalog';
import { WebServiceEntity } from '../../web-services/web-service.entity';
import { WebServiceClient } from '../../web-services/outbound/web-service.client';
import { ReceiveAnswer, readReceiveAnswer, ReceivedItem } from '../cron-protocol';
import { ItemPlan } from '../../engine/inbound.types';
import { RunTrigger } from '../sync-run.types';

/** What became of one received item (committed: the apply's transaction is over). */
export interface ItemOutcome {
  status: 'success' | 'failed';
  errorMessage: string | null;
  action: RecordAction;
  /** As the external system wrote it; null when the item carried none (it cannot be confirmed). */
  rawExternalId: string | number | null;
  odooId: number | null;
  title: string;
  /** The item as received, to tell a repeated item from a new one when draining. */
  fingerprint: string;
  /** A flapping record's change: kept by Synchro (success, confirmed) but not applied. */
  held?: boolean;
}

/** What a batch's outcomes count as on the run: applied, failed, and held (success, yet not applied). */
export function outcomeCounts(outcomes: readonly ItemOutcome[]): { applied: number; failed: number; held: number } {
  const succeeded = outcomes.filter((o) => o.status === 'success').length;
  const held = outcomes.filter((o) => o.held).length;
  return { applied: succeeded - held, failed: outcomes.length - succeeded, held };
}

/** What became of a batch's items, and the schema drift they showed. */
export interface AppliedItems {
  outcomes: ItemOutcome[];
  drift: DriftCounts;
}

export type BatchResult = ({ ok: true } & AppliedItems) | { ok: false; error: string };

/**
 * The receive step: POST `{"limit": N}` to the web service URL, check the answer as
 * a whole (a bad answer applies nothing), then apply its items through the same
 * mapping as the real-time routes — as one batch where that is safe (InboundBatchApplier),
 * with each bad item failing alone with its log row.
 */
@Injectable()
export class ReceiveStep {
  constructor(
    private readonly client: WebServiceClient,
    private readonly applier: InboundBatchApplier,
    private readonly changeLog: ChangeLogService,
    private readonly unitOfWork: UnitOfWork,
    private readonly drift: DriftRecorder,
    private readonly single: InboundApplier,
    private readonly flapping: FlappingTracker,
  ) {}

  async receiveBatch(target: ResolvedSyncObject, webService: WebServiceEntity, trigger: RunTrigger): Promise<BatchResult> {
    const answer = await this.fetch(target, webService);
    return answer.ok ? { ok: true, ...(await this.applyItems(target, answer.items, trigger)) } : answer;
  }

  /** Asks the external system for a batch and reads its answer (applies nothing). */
  async fetch(target: ResolvedSyncObject, webService: WebServiceEntity): Promise<ReceiveAnswer> {
    const result = await this.client.post(webService, webService.url, { limit: target.object.limit }, { kind: 'receive' });
    return readReceiveAnswer(result, target.object.externalRefField);
  }

  /** The plan of received items, item for item, writing nothing (malformed items fail). */
  async plan(target: ResolvedSyncObject, items: readonly ReceivedItem[]): Promise<ItemPlan[]> {
    const changes = items.filter((item) => item.change).map((item) => item.change!);
    const planned = await this.applier.planMany(target, changes);
    let next = 0;
    return items.map((item): ItemPlan => {
      if (item.change) return planned[next++];
      const externalId = item.rawExternalId === null ? null : String(item.rawExternalId);
      return {
        action: 'fail',
        externalId,
        recordId: null,
        values: {},
        reason: item.problem ?? 'malformed item',
        failureKind: 'validation',
      };
    });
  }

  /** The mapped fields that stopped arriving in these items (the schemaDrift `hold` policy weighs them; reads only). */
  stoppedFields(target: ResolvedSyncObject, items: readonly ReceivedItem[]): Promise<string[]> {
    return this.drift.stoppedArriving(
      target,
      items.filter((item) => item.change).map((item) => item.change!),
    );
  }

  /**
   * Applies received items (the answer's, or a held run's kept ones) and says what became of each
   * (a flapping record's change is held, not applied) and what schema drift they showed.
   */
  async applyItems(target: ResolvedSyncObject, items: readonly ReceivedItem[], trigger: RunTrigger): Promise<AppliedItems> {
    // Well-formed items are applied as a batch (set-based where safe, one by one where not).
    const changes = items.filter((item) => item.change).map((item) => item.change!);
    const applied = await this.applyOrHold(target, changes, trigger);
    // Cron items carry the whole record: a mapped field they lack has stopped arriving.
    const drift = await this.drift.observe(
      target,
      changes.map((change, i) => ({ action: change.action, payload: change.payload, full: true, failed: applied[i].status === 'failed' })),
    );
    const outcomes: ItemOutcome[] = [];
    let next = 0;
    for (const item of items) {
      const base = {
        rawExternalId: item.rawExternalId,
        title: recordTitle(target, { externalValues: item.values, externalId: item.rawExternalId }),
        fingerprint: JSON.stringify([item.change?.action ?? null, item.values]),
      };
      if (!item.change) {
        await this.logMalformed(target, item, trigger);
        outcomes.push({
          ...base,
          status: 'failed',
          errorMessage: item.problem ?? 'malformed item',
          action: 'write' as RecordAction,
          odooId: null,
        });
        continue;
      }
      const outcome = applied[next++];
      outcomes.push({
        ...base,
        status: outcome.status,
        errorMessage: outcome.status === 'failed' ? outcome.errorMessage : null,
        action: outcome.action,
        odooId: outcome.odooId,
        ...(outcome.status === 'success' && outcome.note === HELD_MESSAGE ? { held: true } : {}),
      });
    }
    return { outcomes, drift };
  }

  /**
   * Applies the batch, except the changes of records flagged as flapping (bidirectional objects): those are
   * kept and logged as held (answered success, so confirmed: Synchro holds them now, not the external system).
   * What was applied is reported to the flapping history.
   */
  private async applyOrHold(target: ResolvedSyncObject, changes: InboundItem[], trigger: RunTrigger): Promise<InboundOutcome[]> {
    const heldIds = await this.flapping.heldExternalIds(target);
    const outcomes: InboundOutcome[] = new Array(changes.length);
    const rest: number[] = [];
    for (const [index, change] of changes.entries()) {
      const externalId = heldIds.size ? this.externalIdOf(target, change) : null;
      const recordId =
        externalId !== null && heldIds.has(externalId) ? await this.flapping.hold(target, externalId, change, trigger) : null;
      if (recordId === null) rest.push(index);
      else
        outcomes[index] = { status: 'success', action: change.action, externalId, odooId: recordId, errorMessage: '', note: HELD_MESSAGE };
    }
    const applied = await this.applier.applyMany(
      target,
      rest.map((index) => changes[index]),
      trigger,
    );
    rest.forEach((index, k) => (outcomes[index] = applied[k]));
    await this.flapping.received(
      target,
      rest.flatMap((index, k) => {
        const outcome = applied[k];
        return outcome.status === 'success' && outcome.odooId !== null && outcome.action !== 'unlink'
          ? [{ recordId: outcome.odooId, externalId: outcome.externalId, values: changes[index].payload }]
          : [];
      }),
    );
    return outcomes;
  }

  private externalIdOf(target: ResolvedSyncObject, change: InboundItem): string | null {
    try {
      return this.single.externalIdOf(target, change);
    } catch {
      return null; // a bad id fails in the apply, with its reason
    }
  }

  /** An item that is not a change at all still gets its failed log row (failures are always logged). */
  private async logMalformed(target: ResolvedSyncObject, item: ReceivedItem, trigger: RunTrigger): Promise<void> {
    await this.unitOfWork.run(() =>
      this.changeLog.record(
        buildChangeLogEntry(target, {
          direction: 'external_to_odoo',
          action: 'write',
          trigger,
          externalId: item.rawExternalId === null ? null : String(item.rawExternalId),
          externalValues: item.values,
          originValues: item.values,
          destinationValues: {},
          errorMessage: item.problem ?? 'malformed item',
        }),
      ),
    );
  }
}
