import { retryDelayMs } from './backoff';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ChangeLogService } from '../change-control/change-log.service';
import { FlappingTracker } from '../flapping/flapping.tracker';
import { buildChangeLogEntry } from '../change-control/change-log.builder';
import { NewChangeLogEntry } from '../change-control/change-log.types';
import { OutboxConfig, outboxConfig } from './outbox.config';
import { UnitOfWork } from '../database/unit-of-work';
import { RecordAction } from '../odoo/records/record-change';
import { RecordRepository } from '../odoo/records/record.repository';
import { coerceFieldValue, StoredValue } from '../odoo/values/field-value';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { WebServiceEntity } from '../web-services/web-service.entity';
import { DeliveryVerdict, probeDelayMs } from './delivery-outcome';
import { PlannedSend, SendAction } from './delivery.planner';
import { DeliveryHealthRepository } from './delivery-health.repository';
import { OutboxEntity } from '../sync-state/outbox.entity';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { RecordStateEntity } from '../sync-state/record-state.entity';
import { RecordStateRepository } from '../sync-state/record-state.repository';

export type DeliveryTrigger = 'realtime' | 'cron' | 'manual';
export type DeliveryOutcome = 'sent' | 'failed' | 'dead' | 'skipped';

/** One claimed row after its send (or its skip): what was planned and, when sent, the verdict on the answer. */
export type DeliveredRow =
  { row: OutboxEntity; plan: { skip: string } } | { row: OutboxEntity; plan: PlannedSend; verdict: DeliveryVerdict };

export interface DeliveryBatch {
  target: ResolvedSyncObject;
  webService: WebServiceEntity;
  trigger: DeliveryTrigger;
  /** When the batch's delivery started (Date.now()), for the log rows' duration. */
  started: number;
  now: Date;
}

const LOG_ACTION: Record<SendAction, RecordAction> = { create: 'create', update: 'write', delete: 'unlink' };

/** A delivered row: its verdict is done (with the row it belongs to). */
type Done = { row: OutboxEntity; plan: PlannedSend; verdict: Extract<DeliveryVerdict, { kind: 'done' }> };

/**
 * Records a batch's outcomes in one READ COMMITTED transaction, set-based where it
 * can be: per-row updates for skipped and failed rows (each has its own values), one
 * UPDATE for the delivered rows, one upsert of their sync states, the external ids
 * the external system gave in one statement, the web service's health, and the
 * change-control rows.
 */
@Injectable()
export class DeliveryRecorder {
  private readonly logger = new Logger('Delivery');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxRepository,
    private readonly states: RecordStateRepository,
    private readonly health: DeliveryHealthRepository,
    private readonly records: RecordRepository,
    private readonly changeLog: ChangeLogService,
    @Inject(outboxConfig.KEY) private readonly config: OutboxConfig,
    private readonly flapping: FlappingTracker,
  ) {}

  /**
   * Delivering failed before any answer could be judged (a query the database refused, a bug):
   * each row counts an attempt, keeps the reason and goes back to the queue with backoff (or dead),
   * and change control gets a failed row — never a silent `inflight` row waiting for its lease.
   */
  async recordUnexpectedFailure(
    rows: OutboxEntity[],
    target: ResolvedSyncObject | undefined,
    error: unknown,
    maxAttempts: number,
  ): Promise<void> {
    const message = `delivery failed before sending: ${(error as Error)?.message ?? String(error)}`.slice(0, 2000);
    const now = new Date();
    await this.unitOfWork.run(async () => {
      for (const row of rows) {
        const attempts = row.attempts + 1;
        await this.outbox.update(row.id, {
          status: attempts >= maxAttempts ? 'dead' : 'pending',
          attempts,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts) * this.config.backoffScale),
          lastError: message,
          lastHttpStatus: null,
          leaseOwner: null,
          leaseUntil: null,
        });
      }
      await this.changeLog.recordMany(
        rows.map((row) => ({
          direction: 'odoo_to_external' as const,
          action: row.kind === 'delete' ? ('unlink' as const) : row.externalId ? ('write' as const) : ('create' as const),
          trigger: 'realtime' as const,
          model: row.model,
          syncObjectId: row.syncObjectId,
          odooId: row.recordId,
          externalId: row.externalId,
          name: `Send ${target?.model.description ?? row.model}`,
          title: String(row.snapshot?.[target?.model.recName ?? 'name'] ?? ''),
          originValues: row.snapshot ?? {},
          destinationValues: {},
          modifiedAt: row.createdAt,
          syncedAt: now,
          durationMs: 0,
          status: 'failed' as const,
          errorMessage: message,
        })),
      );
    });
  }

  async record(delivered: DeliveredRow[], batch: DeliveryBatch): Promise<DeliveryOutcome[]> {
    const { target, now } = batch;
    const done = delivered.filter((item): item is Done => 'verdict' in item && item.verdict.kind === 'done');
    const failed = delivered.flatMap((item) =>
      'verdict' in item && (item.verdict.kind === 'retry' || item.verdict.kind === 'dead') ? [item.verdict] : [],
    );
    const unavailable = delivered.flatMap((item) => ('verdict' in item && item.verdict.kind === 'unavailable' ? [item.verdict] : []));
    await this.unitOfWork.run(
      async () => {
        for (const item of delivered) await this.recordRow(item, target, now);
        await this.outbox.markDone(
          done.map((item) => item.row.id),
          done.length ? done[done.length - 1].verdict.httpStatus : null,
          now,
        );
        await this.states.saveMany(done.filter((item) => item.plan.action !== 'delete').map((item) => sentState(item, target, now)));
        await this.storeExternalIds(
          target,
          done.flatMap((item) => externalIdToStore(item, target)),
          now,
        );
        // Bidirectional objects: what the external system accepted is one side's change in the flapping history.
        await this.flapping.sent(
          target,
          done.flatMap((item) =>
            item.plan.action === 'delete'
              ? []
              : [{ recordId: item.row.recordId, externalId: item.verdict.externalId ?? item.plan.externalId, values: item.plan.values }],
          ),
        );
        if (done.length) await this.health.recordSuccess(batch.webService.id, now);
        if (failed.length)
          await this.health.recordFailure(
            batch.webService.id,
            failed[failed.length - 1].error,
            now,
            this.config.breakerThreshold,
            this.config.breakerCooldownMs,
            failed.length,
          );
        // The service is down: pause it (probed with one call at growing intervals, or when its
        // Retry-After says, the latest of the batch); the rows keep their attempts.
        if (unavailable.length) {
          const retryAt = latest(unavailable.map((verdict) => verdict.retryAt));
          await this.health.recordOutage(
            batch.webService.id,
            unavailable[unavailable.length - 1].error,
            now,
            (failures) =>
              retryAt
                ? retryAt.getTime() - now.getTime()
                : probeDelayMs(failures, this.config.probeMinMs, this.config.probeMaxMs, this.config.backoffScale),
            unavailable.length,
          );
        }
        await this.changeLog.recordMany(delivered.flatMap((item) => ('verdict' in item ? [this.logEntry(item, batch)] : [])));
      },
      { readCommitted: true },
    );
    return delivered.map(outcomeOf);
  }

  /** The statements that differ per row, in row order: skipped and failed rows, and the states of delivered deletes. */
  private async recordRow(item: DeliveredRow, target: ResolvedSyncObject, now: Date): Promise<void> {
    const { row } = item;
    if (!('verdict' in item)) {
      await this.outbox.update(row.id, {
        status: 'skipped',
        lastError: item.plan.skip,
        deliveredAt: now,
        leaseOwner: null,
        leaseUntil: null,
      });
      return;
    }
    const { verdict } = item;
    if (verdict.kind === 'done') {
      if (item.plan.action === 'delete') await this.states.remove(target.object.id, row.recordId);
      return;
    }
    if (verdict.kind === 'unavailable') {
      // Not the row's fault: no attempt spent, due again the moment the web service answers (its probe
      // succeeds), and not before its Retry-After.
      await this.outbox.update(row.id, {
        status: 'pending',
        nextAttemptAt: verdict.retryAt ?? now,
        lastError: verdict.error,
        lastHttpStatus: verdict.httpStatus,
        leaseOwner: null,
        leaseUntil: null,
      });
      return;
    }
    await this.outbox.update(row.id, {
      status: verdict.kind === 'dead' ? 'dead' : 'pending',
      attempts: verdict.attempts,
      nextAttemptAt: verdict.nextAttemptAt,
      lastError: verdict.error,
      lastHttpStatus: verdict.httpStatus,
      leaseOwner: null,
      leaseUntil: null,
    });
    if (verdict.kind === 'dead')
      this.logger.warn(`outbox row ${row.id} (sync object ${row.syncObjectId}, record ${row.recordId}) is dead: ${verdict.error}`);
  }

  /**
   * Bookkeeping, not a change: the external ids a batch of creates was given, written
   * directly (no hooks, so never captured or pushed) in one statement; if that fails
   * (e.g. another object already stored one of the ids under a unique index), one by one,
   * and an id that cannot be stored stays in sync_record_state.
   */
  private async storeExternalIds(target: ResolvedSyncObject, ids: { recordId: number; value: StoredValue }[], now: Date): Promise<void> {
    const { object, model } = target;
    if (!ids.length) return;
    try {
      await this.records.updateMany(model, object.odooRefField, ids, now);
      return;
    } catch {
      // One id could not be stored: fall back to one by one, so the others still are.
    }
    for (const { recordId, value } of ids) {
      await this.records.update(model, recordId, { [object.odooRefField]: value, write_date: now }).catch((error: unknown) => {
        this.logger.warn(`could not store external id ${String(value)} on ${model.name} ${recordId}: ${(error as Error).message}`);
      });
    }
  }

  private logEntry(item: Extract<DeliveredRow, { verdict: DeliveryVerdict }>, batch: DeliveryBatch): NewChangeLogEntry {
    const { row, plan, verdict } = item;
    const done = verdict.kind === 'done';
    return buildChangeLogEntry(batch.target, {
      direction: 'odoo_to_external',
      action: LOG_ACTION[plan.action],
      trigger: batch.trigger,
      externalId: done ? verdict.externalId : plan.externalId,
      odooId: row.recordId,
      record: plan.record,
      externalValues: plan.values,
      originValues: plan.record ?? row.snapshot ?? {},
      destinationValues: plan.body,
      modifiedAt: row.createdAt,
      errorMessage: done ? null : `${failureLabel(verdict)}: ${verdict.error}`,
      durationMs: Date.now() - batch.started,
    });
  }
}

function failureLabel(verdict: Exclude<DeliveryVerdict, { kind: 'done' }>): string {
  if (verdict.kind === 'dead') return 'dead';
  if (verdict.kind === 'unavailable') return 'web service unavailable (no attempt counted)';
  return `attempt ${verdict.attempts}`;
}

function latest(dates: (Date | null)[]): Date | null {
  return dates.reduce<Date | null>((max, date) => (date && (!max || date > max) ? date : max), null);
}

function outcomeOf(item: DeliveredRow): DeliveryOutcome {
  if (!('verdict' in item)) return 'skipped';
  return item.verdict.kind === 'done' ? 'sent' : item.verdict.kind === 'dead' ? 'dead' : 'failed';
}

/** What the external system now has: the base of the next bidirectional merge. */
function sentState({ row, plan, verdict }: Done, target: ResolvedSyncObject, now: Date): RecordStateEntity {
  return {
    syncObjectId: target.object.id,
    recordId: row.recordId,
    externalId: verdict.externalId,
    existsRemote: true,
    syncedValues: plan.values,
    syncedAt: now,
  };
}

/** The external id a create was given, when the record does not hold one yet. */
function externalIdToStore({ row, plan, verdict }: Done, target: ResolvedSyncObject): { recordId: number; value: StoredValue }[] {
  const { object, model } = target;
  if (plan.action === 'delete' || verdict.externalId === null) return [];
  const current = plan.record?.[object.odooRefField];
  if (current !== null && current !== undefined && current !== '') return [];
  return [{ recordId: row.recordId, value: coerceFieldValue(model.fields[object.odooRefField], verdict.externalId, 'lenient') }];
}
