import { Injectable, Logger } from '@nestjs/common';
import { isDuplicateKeyError } from '../database/driver-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { receivedMappings } from '../mapping/field-ownership';
import { mapInbound } from '../mapping/inbound-mapper';
import { ModelRegistry } from '../odoo/model.registry';
import { RecordAction } from '../odoo/records/record-change';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { DriftCounts, DriftSchema, DriftTally, itemDrift, NO_DRIFT, stoppedFields, typeMismatches } from './drift-detector';
import { DriftRepository } from './drift.repository';

/** A received item as the drift check needs it, and what became of it. */
export interface ReceivedForDrift {
  action: RecordAction;
  payload: Record<string, unknown>;
  /** The item carries the whole record (cron items, real-time creates): a seen field it lacks stopped arriving. */
  full: boolean;
  failed: boolean;
}

/**
 * Counts the schema drift of what one request or one cron batch received (drift-detector.ts), in memory,
 * and writes it once: nothing is read or written for a batch without drift, except the first time a mapped
 * field arrives (the seen fields of an object are cached: they only grow). Never throws: drift bookkeeping
 * must not fail a sync. Objects whose policy is `ignore` are not checked.
 */
@Injectable()
export class DriftRecorder {
  private readonly logger = new Logger('Drift');
  /** Per object: the mapped fields received before (a cache of sync_drift_seen; it only grows). */
  private readonly seen = new Map<number, Set<string>>();
  private readonly schemas = new WeakMap<ResolvedSyncObject, DriftSchema>();

  constructor(
    private readonly repository: DriftRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly registry: ModelRegistry,
  ) {}

  async observe(target: ResolvedSyncObject, items: readonly ReceivedForDrift[]): Promise<DriftCounts> {
    if (target.object.schemaDrift === 'ignore' || !items.length) return { ...NO_DRIFT };
    try {
      return await this.observeAll(target, items);
    } catch (error) {
      this.logger.warn(`sync object ${target.object.id}: could not record schema drift: ${(error as Error).message}`);
      return { ...NO_DRIFT };
    }
  }

  /** Mapped fields this object received before that the batch's records lack (reads only; drift-detector.ts). */
  async stoppedArriving(target: ResolvedSyncObject, items: readonly { action: RecordAction; payload: Record<string, unknown> }[]) {
    if (!items.length) return [];
    return stoppedFields(items, this.schemaOf(target), await this.seenOf(target.object.id));
  }

  private async observeAll(target: ResolvedSyncObject, items: readonly ReceivedForDrift[]): Promise<DriftCounts> {
    const { object } = target;
    const schema = this.schemaOf(target);
    const seen = await this.seenOf(object.id);
    const tally = new DriftTally();
    const arrived = new Set<string>();
    for (const item of items) {
      if (item.action === 'unlink') continue;
      const { findings, present } = itemDrift(item.payload, schema, seen, item.full);
      for (const finding of findings) tally.add(finding);
      for (const field of present) if (!seen.has(field)) arrived.add(field);
      // Only a failed item can have a value of the wrong type: map it again to name the field.
      if (item.failed) {
        const { problems } = mapInbound(item.payload, object.fields, target.model, this.registry);
        for (const finding of typeMismatches(problems, item.payload)) tally.add(finding);
      }
    }
    if (tally.empty && !arrived.size) return tally.counts;
    const now = new Date();
    await this.unitOfWork.run(async () => {
      if (!tally.empty) await this.repository.add(object.id, tally.list(), now);
      if (arrived.size) await this.rememberSeen(object.id, seen, arrived, now);
    });
    for (const field of arrived) seen.add(field);
    return tally.counts;
  }

  private schemaOf(target: ResolvedSyncObject): DriftSchema {
    let schema = this.schemas.get(target);
    if (!schema) {
      schema = {
        known: new Set(target.syncModel.fields.map((f) => f.name)),
        received: receivedMappings(target.object.fields).map((m) => m.externalField),
      };
      this.schemas.set(target, schema);
    }
    return schema;
  }

  private async seenOf(syncObjectId: number): Promise<Set<string>> {
    let seen = this.seen.get(syncObjectId);
    if (!seen) {
      seen = new Set(await this.repository.seenFields(syncObjectId));
      this.seen.set(syncObjectId, seen);
    }
    return seen;
  }

  private async rememberSeen(syncObjectId: number, cached: Set<string>, arrived: Set<string>, now: Date): Promise<void> {
    // Another instance may have added fields since this one cached them: union with what is stored.
    const stored = await this.repository.seenFields(syncObjectId);
    const fields = [...new Set([...stored, ...cached, ...arrived])].sort();
    try {
      await this.repository.saveSeenFields(syncObjectId, fields, now);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    for (const field of stored) cached.add(field);
  }
}
