import { Injectable, Logger } from '@nestjs/common';
import { ChangeLogService } from '../change-control/change-log.service';
import { buildChangeLogEntry, nothingToDeleteNote, writtenValues } from '../change-control/change-log.builder';
import { NewChangeLogEntry } from '../change-control/change-log.types';
import { UnitOfWork } from '../database/unit-of-work';
import { ModelRegistry } from '../odoo/model.registry';
import { RecordAction, WriteOrigin } from '../odoo/records/record-change';
import { RecordValues } from '../odoo/records/record.reader';
import { RecordWriter } from '../odoo/records/record.writer';
import { coerceFieldValue, StoredValue } from '../odoo/values/field-value';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { InboundApplier } from './inbound-applier.service';
import { allRelationsByReference, applyReferences, mapInbound, MappedPayload } from '../mapping/inbound-mapper';
import { InboundItem, InboundOutcome, InboundTrigger, ItemPlan } from './inbound.types';
import { ReferenceResolver } from './reference.resolver';

/** Below this, batching does not pay for its bookkeeping. */
const MIN_BATCH = 8;

/** An item that passed every check that can be made before writing. */
interface Ready {
  index: number;
  item: InboundItem;
  externalId: string;
  refValue: StoredValue;
  values: Record<string, StoredValue>;
}

/** What one ready item does, given the records already there (by ref field): the batch's one decision. */
function decide(
  entry: Ready,
  existing: Map<string, number>,
): { action: 'unlink' | 'write'; id: number } | { action: 'create' | 'skip'; id?: undefined } {
  const id = existing.get(String(entry.refValue));
  if (entry.item.action === 'unlink') return id === undefined ? { action: 'skip' } : { action: 'unlink', id };
  return id === undefined ? { action: 'create' } : { action: 'write', id };
}

/**
 * Applies a cron batch (hundreds of items) with set-based work where it is safe:
 * one query per reference target, one lookup of existing records, one multi-row
 * INSERT for the new ones, one multi-row INSERT of change-log rows — all in one
 * transaction. Items that fail a check go through InboundApplier one by one (so
 * they fail alone, logged); if the batch transaction fails anyway, every item falls
 * back to InboundApplier. Bidirectional objects (per-record merge) and batches that
 * touch one external id twice (order matters) always go one by one.
 */
@Injectable()
export class InboundBatchApplier {
  private readonly logger = new Logger('InboundBatch');

  constructor(
    private readonly single: InboundApplier,
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: RecordWriter,
    private readonly references: ReferenceResolver,
    private readonly changeLog: ChangeLogService,
    private readonly registry: ModelRegistry,
  ) {}

  async applyMany(target: ResolvedSyncObject, items: InboundItem[], trigger: InboundTrigger): Promise<InboundOutcome[]> {
    const ids = this.batchIds(target, items);
    if (!ids) return this.oneByOne(target, items, trigger);
    const outcomes: (InboundOutcome | undefined)[] = new Array(items.length);
    const leftovers: number[] = [];
    try {
      await this.unitOfWork.run(() => this.applyAllIn(target, items, ids, trigger, outcomes, leftovers));
    } catch (error) {
      this.logger.warn(
        `sync object ${target.object.id}: batch of ${items.length} failed (${(error as Error).message}); applying one by one`,
      );
      return this.oneByOne(target, items, trigger);
    }
    // Items that failed a check: one by one, so each fails alone with its reason and its log row.
    for (const index of leftovers) outcomes[index] = await this.single.apply(target, items[index], trigger);
    return outcomes as InboundOutcome[];
  }

  /**
   * The plan of a batch, as `applyMany` computes it (the same checks, the same lookups, the same
   * decisions), writing nothing: what a dry run answers, and what the guard weighs.
   */
  async planMany(target: ResolvedSyncObject, items: InboundItem[]): Promise<ItemPlan[]> {
    const ids = this.batchIds(target, items);
    if (!ids) return this.planOneByOne(target, items);
    const plans: (ItemPlan | undefined)[] = new Array(items.length);
    const leftovers: number[] = [];
    const { ready, existing } = await this.prepare(target, items, ids, leftovers);
    for (const entry of ready) {
      const step = decide(entry, existing);
      const values = step.action === 'create' || step.action === 'write' ? writtenValues(entry.values) : {};
      plans[entry.index] =
        step.action === 'skip'
          ? { action: 'skip', externalId: entry.externalId, recordId: null, values, reason: this.nothingToDelete(target, entry) }
          : { action: step.action, externalId: entry.externalId, recordId: step.id ?? null, values };
    }
    for (const index of leftovers) plans[index] = await this.single.plan(target, items[index]);
    return plans as ItemPlan[];
  }

  private async planOneByOne(target: ResolvedSyncObject, items: InboundItem[]): Promise<ItemPlan[]> {
    const plans: ItemPlan[] = [];
    for (const item of items) plans.push(await this.single.plan(target, item));
    return plans;
  }

  /** The external ids when the batch can go set-based; null when it goes one by one. */
  private batchIds(target: ResolvedSyncObject, items: InboundItem[]): (string | null)[] | null {
    let ids: (string | null)[];
    try {
      ids = items.map((item) => this.single.externalIdOf(target, item));
    } catch {
      // An id that cannot be exact: one by one, so that item fails alone with its reason.
      return null;
    }
    const present = ids.filter((id) => id !== null);
    const distinct = new Set(present).size === present.length;
    if (target.object.direction === 'bidirectional' || items.length < MIN_BATCH || !distinct) return null;
    return ids;
  }

  private nothingToDelete(target: ResolvedSyncObject, entry: Ready): string {
    return nothingToDeleteNote(target.model.name, target.object.odooRefField, entry.externalId);
  }

  private async oneByOne(target: ResolvedSyncObject, items: InboundItem[], trigger: InboundTrigger): Promise<InboundOutcome[]> {
    const outcomes: InboundOutcome[] = [];
    for (const item of items) outcomes.push(await this.single.apply(target, item, trigger));
    return outcomes;
  }

  private async applyAllIn(
    target: ResolvedSyncObject,
    items: InboundItem[],
    ids: (string | null)[],
    trigger: InboundTrigger,
    outcomes: (InboundOutcome | undefined)[],
    leftovers: number[],
  ): Promise<void> {
    const { object, model } = target;
    const started = Date.now();
    const origin: WriteOrigin = { source: trigger, webServiceId: object.webServiceId, syncObjectId: object.id };
    const options = { trusted: allRelationsByReference(object.fields, model) };
    const { ready, existing } = await this.prepare(target, items, ids, leftovers);
    const logs: NewChangeLogEntry[] = [];
    const done = (entry: Ready, action: RecordAction, record: RecordValues | undefined, note?: string) => {
      outcomes[entry.index] = {
        status: 'success',
        action,
        externalId: entry.externalId,
        odooId: record?.id ?? null,
        errorMessage: '',
        note,
      };
      logs.push(this.logEntry(target, entry, action, record, trigger, started));
    };
    const creates: Ready[] = [];
    for (const entry of ready) {
      const step = decide(entry, existing);
      if (step.action === 'skip') done(entry, 'unlink', undefined, this.nothingToDelete(target, entry));
      else if (step.action === 'unlink') done(entry, 'unlink', await this.writer.unlinkIn(model, step.id, origin));
      else if (step.action === 'write') done(entry, 'write', await this.writer.writeIn(model, step.id, entry.values, origin, options));
      else creates.push(entry);
    }
    const created = await this.writer.createManyIn(
      model,
      creates.map((c) => c.values),
      object.odooRefField,
      origin,
      options,
    );
    creates.forEach((entry, i) => done(entry, 'create', created[i]));
    await this.changeLog.recordMany(logs);
  }

  /**
   * Map, coerce and resolve references for every item; those with a problem are left for
   * one-by-one. The records already there (by ref field) are found by the same statement.
   */
  private async prepare(
    target: ResolvedSyncObject,
    items: InboundItem[],
    ids: (string | null)[],
    leftovers: number[],
  ): Promise<{ ready: Ready[]; existing: Map<string, number> }> {
    const { object, model } = target;
    const mapped: { index: number; externalId: string; refValue: StoredValue; payload: MappedPayload }[] = [];
    items.forEach((item, index) => {
      const externalId = ids[index];
      let refValue: StoredValue;
      try {
        refValue = externalId === null ? null : coerceFieldValue(model.fields[object.odooRefField], externalId, 'lenient');
      } catch {
        refValue = null;
      }
      const payload =
        item.action === 'unlink'
          ? { values: {}, references: [], problems: [] }
          : mapInbound(item.payload, object.fields, model, this.registry);
      if (externalId === null || refValue === null || payload.problems.length) leftovers.push(index);
      else mapped.push({ index, externalId, refValue, payload });
    });
    const own = { model, field: object.odooRefField, values: mapped.map((m) => m.refValue) };
    const { index, also } = await this.references.resolveWith(
      mapped.map((m) => m.payload),
      own,
    );
    const existing = new Map(also.map((row) => [String(row.value), row.id]));
    const ready: Ready[] = [];
    for (const entry of mapped) {
      applyReferences(entry.payload, index);
      const values = { ...entry.payload.values, [object.odooRefField]: entry.refValue };
      if (entry.payload.problems.length || (items[entry.index].action !== 'unlink' && !this.complete(target, values)))
        leftovers.push(entry.index);
      else ready.push({ index: entry.index, item: items[entry.index], externalId: entry.externalId, refValue: entry.refValue, values });
    }
    return { ready, existing };
  }

  /** Required fields present (for a create; a write to an existing record re-checks in the write path). */
  private complete(target: ResolvedSyncObject, values: Record<string, StoredValue>): boolean {
    try {
      this.writer.checkRequired(target.model, values, true);
      return true;
    } catch {
      return false;
    }
  }

  private logEntry(
    target: ResolvedSyncObject,
    entry: Ready,
    action: RecordAction,
    record: RecordValues | undefined,
    trigger: InboundTrigger,
    started: number,
  ): NewChangeLogEntry {
    return buildChangeLogEntry(target, {
      direction: 'external_to_odoo',
      action,
      trigger,
      externalId: entry.externalId,
      odooId: record?.id ?? null,
      record,
      originValues: entry.item.payload,
      destinationValues: record ? writtenValues(entry.values) : {},
      modifiedAt: new Date(),
      durationMs: Date.now() - started,
    });
  }
}
