import { Injectable } from '@nestjs/common';
import { buildChangeLogEntry, recordTitle } from '../../change-control/change-log.builder';
import { ChangeLogService } from '../../change-control/change-log.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { InboundBatchApplier } from '../../engine/inbound-batch.service';
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
}

export type BatchResult = { ok: true; outcomes: ItemOutcome[] } | { ok: false; error: string };

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
  ) {}

  async receiveBatch(target: ResolvedSyncObject, webService: WebServiceEntity, trigger: RunTrigger): Promise<BatchResult> {
    const answer = await this.fetch(target, webService);
    return answer.ok ? { ok: true, outcomes: await this.applyItems(target, answer.items, trigger) } : answer;
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

  /** Applies received items (the answer's, or a held run's kept ones) and says what became of each. */
  async applyItems(target: ResolvedSyncObject, items: readonly ReceivedItem[], trigger: RunTrigger): Promise<ItemOutcome[]> {
    // Well-formed items are applied as a batch (set-based where safe, one by one where not).
    const changes = items.filter((item) => item.change).map((item) => item.change!);
    const applied = await this.applier.applyMany(target, changes, trigger);
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
      });
    }
    return outcomes;
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
