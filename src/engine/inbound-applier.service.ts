import { Injectable, Logger } from '@nestjs/common';
import { buildChangeLogEntry, nothingToDeleteNote, writtenValues } from '../change-control/change-log.builder';
import { ChangeLogService } from '../change-control/change-log.service';
import { throwIfDatabaseFault } from '../common/database-fault';
import { ConflictError, SynchroError, UnprocessableError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { ModelRegistry } from '../odoo/model.registry';
import { coerceFieldValue, FieldValueError, isExactNumber, StoredValue } from '../odoo/values/field-value';
import { RecordAction, WriteOrigin } from '../odoo/records/record-change';
import { RecordLookup, RecordRepository } from '../odoo/records/record.repository';
import { RecordValues } from '../odoo/records/record.reader';
import { RecordWriter } from '../odoo/records/record.writer';
import { ConfigurationMovedError, ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { allRelationsByReference, applyReferences, mapInbound, MappedPayload } from '../mapping/inbound-mapper';
import { IgnoredField, ignoredInbound, receivedMappings } from '../mapping/field-ownership';
import { InboundMerge, MergePlan } from './inbound-merge';
import { FailureKind, InboundItem, InboundOutcome, InboundTrigger, ItemPlan } from './inbound.types';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { RecordStateRepository } from '../sync-state/record-state.repository';
import { ReferenceResolver } from './reference.resolver';

/** Concurrent creates of one external id: the loser of the unique index retries and finds the record. */
const DUPLICATE_RETRIES = 3;

/**
 * Applies changes from the external system to Odoo-side records: map + coerce,
 * resolve references, upsert by the Odoo ref field, and write the change-log row —
 * record change and log row in one transaction. Shared by the real-time routes and
 * the cron pull, so both behave the same. A failure is logged (always) and returned,
 * never thrown: one bad item never sinks the others. For bidirectional objects it also
 * keeps the merge base (sync_record_state) and merges a change that meets an unsent
 * local change field by field (inbound-merge.ts) instead of overwriting it.
 */
@Injectable()
export class InboundApplier {
  private readonly logger = new Logger('Inbound');
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly writer: RecordWriter,
    private readonly records: RecordRepository,
    private readonly references: ReferenceResolver,
    private readonly changeLog: ChangeLogService,
    private readonly registry: ModelRegistry,
    /** Bidirectional objects: the merge base (sync state) and the unsent local changes. */
    private readonly states: RecordStateRepository,
    private readonly outbox: OutboxRepository,
    private readonly merge: InboundMerge,
  ) {}

  /**
   * `options.confirm` runs first inside the transaction (the real-time path checks there that the
   * object it took from the cache is still current); a ConfigurationMovedError it throws is not a
   * failure of the item: it goes to the caller, with nothing written.
   */
  async apply(
    target: ResolvedSyncObject,
    item: InboundItem,
    trigger: InboundTrigger,
    options: { confirm?: () => Promise<void> } = {},
  ): Promise<InboundOutcome> {
    const startedAt = Date.now();
    let externalId: string | null;
    try {
      externalId = this.externalIdOf(target, item);
    } catch (error) {
      return this.fail(target, item, null, trigger, startedAt, error);
    }
    for (let attempt = 1; ; attempt++) {
      try {
        if (externalId === null)
          throw new UnprocessableError('INBOUND.MISSING_EXTERNAL_ID', `${target.object.externalRefField}: the external id is required`);
        return await this.unitOfWork.run(async () => {
          await options.confirm?.();
          return this.applyIn(target, item, externalId, trigger, startedAt);
        });
      } catch (error) {
        if (error instanceof ConfigurationMovedError) throw error;
        if (error instanceof ConflictError && error.code === 'DATABASE.DUPLICATE_KEY' && attempt < DUPLICATE_RETRIES) continue;
        return this.fail(target, item, externalId, trigger, startedAt, error);
      }
    }
  }

  /**
   * The plan of one item, as `apply` computes it (reads only, writes nothing): a dry run's answer
   * for the items the batch path leaves to one-by-one, and for objects that always go one by one.
   */
  async plan(target: ResolvedSyncObject, item: InboundItem): Promise<ItemPlan> {
    let externalId: string | null = null;
    try {
      externalId = this.externalIdOf(target, item);
      if (externalId === null)
        throw new UnprocessableError('INBOUND.MISSING_EXTERNAL_ID', `${target.object.externalRefField}: the external id is required`);
      const decision = await this.decide(target, item, externalId, { dryRun: true });
      if (decision.action !== 'unlink') this.writer.checkRequired(target.model, decision.written, !decision.existing);
      return planOf(decision, externalId);
    } catch (error) {
      throwIfDatabaseFault(error);
      const { kind, message } = describeFailure(error);
      return { action: 'fail', externalId, recordId: null, values: {}, reason: message, failureKind: kind };
    }
  }

  /**
   * What one item does (reads only): the record it meets, the values it writes (mapped, coerced,
   * references resolved), the merge. `apply` writes what this decided; `plan` answers it.
   */
  private async decide(target: ResolvedSyncObject, item: InboundItem, externalId: string, options: { dryRun: boolean }): Promise<Decision> {
    const { object, model } = target;
    const ref = this.refValue(target, externalId);
    const own = { model, field: object.odooRefField, values: [ref] };
    // Bidirectional objects keep what was last synchronized, as the base of the next merge.
    const tracked = object.direction === 'bidirectional';
    let written: Record<string, StoredValue> = {};
    let merge: MergePlan = { payload: item.payload };
    // The usual upsert maps first, then finds the record and its references in one statement;
    // deletes and merges must know the record before they can map anything.
    const mapsFirst = item.action !== 'unlink' && !tracked;
    let existing: { id: number } | undefined;
    if (mapsFirst)
      ({
        values: written,
        own: [existing],
      } = await this.mapValues(target, item.payload, own));
    else existing = (await this.records.idsWhere(model, object.odooRefField, [ref]))[0];
    if (item.action === 'unlink') {
      if (!existing)
        return { action: 'unlink', ref, written, merge, note: nothingToDeleteNote(model.name, object.odooRefField, externalId) };
      if (tracked) merge = await this.deletedExternally(target, existing.id);
      return { action: 'unlink', ref, existing, written, merge };
    }
    // A record changed on both sides since the last sync: merge field by field instead of overwriting.
    if (tracked && existing) merge = await this.merge.plan(target, existing.id, item.payload, { count: !options.dryRun });
    if (!mapsFirst) written = (await this.mapValues(target, merge.payload)).values;
    written[object.odooRefField] = ref;
    return { action: existing ? 'write' : 'create', ref, existing, written, merge };
  }

  private async applyIn(
    target: ResolvedSyncObject,
    item: InboundItem,
    externalId: string,
    trigger: InboundTrigger,
    startedAt: number,
  ): Promise<InboundOutcome> {
    const { object, model } = target;
    const origin: WriteOrigin = { source: trigger, webServiceId: object.webServiceId, syncObjectId: object.id };
    const tracked = object.direction === 'bidirectional';
    const { action, existing, written, merge, note } = await this.decide(target, item, externalId, { dryRun: false });
    let record: RecordValues | undefined;
    if (action === 'unlink') {
      if (existing) {
        record = await this.writer.unlinkIn(model, existing.id, origin);
        if (tracked) await this.states.remove(object.id, existing.id);
      }
    } else {
      // Relational ids resolved through reference fields were just read in this transaction.
      const options = { trusted: allRelationsByReference(object.fields, model) };
      record = existing
        ? await this.writer.writeIn(model, existing.id, written, origin, options)
        : await this.writer.createIn(model, written, origin, options);
      if (tracked)
        await this.states.rememberReceived(object.id, record.id, externalId, this.received(target, item.payload, externalId), new Date());
    }
    if (merge.retire) await this.outbox.retire(merge.retire, merge.report?.outbox ?? 'retired by an inbound change', new Date());
    await this.changeLog.record(
      buildChangeLogEntry(target, {
        direction: 'external_to_odoo',
        action,
        trigger,
        externalId,
        odooId: record?.id ?? null,
        record,
        originValues: item.payload,
        destinationValues: {
          ...(record ? writtenValues(written) : {}),
          ...(merge.report ? { _merge: merge.report } : {}),
          ...ignoredNote(target, item),
        },
        modifiedAt: new Date(),
        syncedAt: new Date(),
        durationMs: Date.now() - startedAt,
      }),
    );
    return { status: 'success', action, externalId, odooId: record?.id ?? null, errorMessage: '', note: note ?? merge.report?.note };
  }

  /** An external delete of a record with unsent local changes: the delete wins, and the log says what it discarded. */
  private async deletedExternally(target: ResolvedSyncObject, recordId: number): Promise<MergePlan> {
    const unsent = await this.outbox.unsentUpsert(target.object.id, recordId);
    if (!unsent) return { payload: {} };
    const note = `deleted by the external system; unsent local changes (${unsent.changedFields.join(', ') || 'fields'}) discarded`;
    return {
      payload: {},
      report: {
        note,
        priority: target.object.priority,
        conflicts: [],
        decisions: [],
        local: {},
        base: null,
        outbox: `unsent change ${unsent.id} dropped: the record was deleted`,
      },
      retire: unsent,
    };
  }

  /**
   * The mapped values the external system sent (its external id included), as it represents them;
   * not those of fields Odoo owns: they were ignored, so the base keeps what was last sent.
   */
  private received(target: ResolvedSyncObject, payload: Record<string, unknown>, externalId: string): Record<string, unknown> {
    const mapped = new Set(receivedMappings(target.object.fields).map((f) => f.externalField));
    const values = Object.fromEntries(Object.entries(payload).filter(([key]) => mapped.has(key)));
    if (values[target.object.externalRefField] === undefined) values[target.object.externalRefField] = externalId;
    return values;
  }

  /** Mapped, coerced values with references resolved; `own` (the record's lookup by ref field) rides along. */
  private async mapValues(
    target: ResolvedSyncObject,
    payload: Record<string, unknown>,
    own?: RecordLookup,
  ): Promise<{ values: Record<string, StoredValue>; own: { id: number }[] }> {
    const mapped: MappedPayload = mapInbound(payload, target.object.fields, target.model, this.registry);
    let found: { id: number }[] = [];
    if (!mapped.problems.length && (mapped.references.length || own)) {
      const resolved = await this.references.resolveWith([mapped], own);
      applyReferences(mapped, resolved.index);
      found = resolved.also;
    }
    if (mapped.problems.length) {
      throw new UnprocessableError(
        'INBOUND.BAD_VALUES',
        mapped.problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
        mapped.problems,
      );
    }
    return { values: mapped.values, own: found };
  }

  /** The external id of the item: the URL id, or the payload's external ref field on create. */
  externalIdOf(target: ResolvedSyncObject, item: InboundItem): string | null {
    const raw = item.externalId ?? item.payload[target.object.externalRefField];
    if (raw === undefined || raw === null || raw === false || raw === '') return null;
    if (typeof raw === 'object') {
      const problem = 'expected a string or a number';
      throw new UnprocessableError('INBOUND.BAD_EXTERNAL_ID', `${target.object.externalRefField}: ${problem}`, [
        { field: target.object.externalRefField, problem },
      ]);
    }
    if (typeof raw === 'number' && !isExactNumber(raw)) {
      throw new UnprocessableError(
        'INBOUND.BAD_EXTERNAL_ID',
        `${target.object.externalRefField}: is a number too large to be exact; send it as a string`,
        [{ field: target.object.externalRefField, problem: 'is a number too large to be exact; send it as a string' }],
      );
    }
    // Exact, as a record's external id is stored: 'C7 ' and 'C7' are two ids (blank is none).
    const text = String(raw);
    return text.trim() === '' ? null : text;
  }

  /** The external id as the Odoo ref field stores it (an integer ref field gets a number). */
  private refValue(target: ResolvedSyncObject, externalId: string): StoredValue {
    const field = target.model.fields[target.object.odooRefField];
    try {
      return coerceFieldValue(field, externalId, 'lenient');
    } catch (error) {
      if (error instanceof FieldValueError)
        throw new UnprocessableError('INBOUND.BAD_EXTERNAL_ID', `${target.object.externalRefField}: ${error.problem}`, [
          { field: target.object.externalRefField, problem: error.problem },
        ]);
      throw error;
    }
  }

  private async fail(
    target: ResolvedSyncObject,
    item: InboundItem,
    externalId: string | null,
    trigger: InboundTrigger,
    startedAt: number,
    error: unknown,
  ): Promise<InboundOutcome> {
    // A database that is down, busy or locked is not the item's fault, and logging it would fail too:
    // real time answers 503 (the external system sends it again), a cron run ends failed without
    // confirming the batch (it is offered again).
    throwIfDatabaseFault(error);
    const { kind, message } = describeFailure(error);
    if (kind === 'internal') this.logger.error(`sync object ${target.object.id}: ${(error as Error)?.stack ?? String(error)}`);
    const action = item.action;
    try {
      await this.unitOfWork.run(() =>
        this.changeLog.record(
          buildChangeLogEntry(target, {
            direction: 'external_to_odoo',
            action,
            trigger,
            externalId,
            externalValues: item.payload,
            originValues: item.payload,
            destinationValues: {},
            errorMessage: message,
            modifiedAt: new Date(),
            syncedAt: new Date(),
            durationMs: Date.now() - startedAt,
          }),
        ),
      );
    } catch (logError) {
      // The failure is still answered to the caller; the log write failing must not hide it.
      this.logger.error(`could not log a failed inbound change: ${(logError as Error).message}`);
    }
    return { status: 'failed', action, externalId, odooId: null, errorMessage: message, failureKind: kind };
  }
}

/** What `decide` found for one item. */
interface Decision {
  action: RecordAction;
  ref: StoredValue;
  existing?: { id: number };
  written: Record<string, StoredValue>;
  merge: MergePlan;
  /** A success that does nothing (a delete of an absent record). */
  note?: string;
}

function planOf(decision: Decision, externalId: string): ItemPlan {
  const { action, existing, written, merge, note } = decision;
  if (action === 'unlink' && !existing) return { action: 'skip', externalId, recordId: null, values: {}, reason: note };
  return {
    action,
    externalId,
    recordId: existing?.id ?? null,
    values: action === 'unlink' ? {} : writtenValues(written),
    ...(merge.report ? { merge: merge.report } : {}),
  };
}

/** `_ignored` for the change log: what the item sent for fields Odoo owns (not applied). */
export function ignoredNote(target: ResolvedSyncObject, item: InboundItem): { _ignored?: IgnoredField[] } {
  if (item.action === 'unlink') return {};
  const ignored = ignoredInbound(item.payload, target.object.fields);
  return ignored.length ? { _ignored: ignored } : {};
}

export function describeFailure(error: unknown): { kind: FailureKind; message: string } {
  if (error instanceof SynchroError) {
    const kind: FailureKind =
      error.kind === 'validation'
        ? 'validation'
        : error.kind === 'not_found'
          ? 'not_found'
          : error.kind === 'conflict'
            ? 'conflict'
            : 'unprocessable';
    return { kind, message: error.message };
  }
  return { kind: 'internal', message: 'internal error while applying the change; see the service log' };
}
