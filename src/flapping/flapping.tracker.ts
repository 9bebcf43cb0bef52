import { Injectable, Logger } from '@nestjs/common';
import { buildChangeLogEntry } from '../change-control/change-log.builder';
import { ChangeLogService } from '../change-control/change-log.service';
import { ChangeTrigger } from '../change-control/change-log.types';
import { isDuplicateKeyError } from '../database/driver-errors';
import { UnitOfWork } from '../database/unit-of-work';
import { receivedMappings, sentMappings } from '../mapping/field-ownership';
import { ResolvedSyncObject } from '../sync-objects/sync-object.catalog';
import { DEFAULT_FLAPPING } from '../sync-objects/sync-object.types';
import { FlapSide, flippingFields, recordChange } from './flapping-detector';
import { FlappingRecordEntity, HeldInbound } from './flapping-record.entity';
import { FlappingRepository } from './flapping.repository';

/** One side's change of one record, as it crossed (external values, keyed by external field). */
export interface SideChange {
  recordId: number;
  externalId: string | null;
  values: Record<string, unknown>;
}

/**
 * Flapping records of bidirectional objects (flapping-detector.ts decides): the inbound path reports what it
 * applied, the delivery what it sent; a record flagged as flapping has its further changes held — inbound ones
 * kept here (the latest, merged) and answered as held, outbound ones left in the outbox (never claimed) —
 * until an admin releases it. Objects of one direction cannot flap: every method is a no-op for them.
 */
@Injectable()
export class FlappingTracker {
  private readonly logger = new Logger('Flapping');

  constructor(
    private readonly repository: FlappingRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly changeLog: ChangeLogService,
  ) {}

  /** What the external system changed and Synchro applied (never throws: bookkeeping must not fail a sync). */
  received(target: ResolvedSyncObject, changes: SideChange[]): Promise<void> {
    const fields = receivedMappings(target.object.fields).map((m) => m.externalField);
    return this.observe(target, 'external', changes, fields);
  }

  /** What Synchro sent to the external system and it accepted (inside the delivery's bookkeeping transaction). */
  sent(target: ResolvedSyncObject, changes: SideChange[]): Promise<void> {
    const fields = sentMappings(target.object.fields).map((m) => m.externalField);
    return this.observe(target, 'odoo', changes, fields);
  }

  /** Whether inbound changes for this external id are held (its record is flagged). */
  async isHeld(target: ResolvedSyncObject, externalId: string | null): Promise<boolean> {
    if (target.object.direction !== 'bidirectional' || externalId === null) return false;
    return (await this.repository.flaggedByExternalId(target.object.id, externalId)) !== null;
  }

  /** External ids whose inbound changes are held (one query per cron batch). */
  heldExternalIds(target: ResolvedSyncObject): Promise<Set<string>> {
    if (target.object.direction !== 'bidirectional') return Promise.resolve(new Set());
    return this.repository.flaggedExternalIds(target.object.id);
  }

  /**
   * Keeps an inbound change of a flagged record, merged into the one already held (latest values win), and logs
   * it as `held` in change control, in one transaction. Answers the record's id (null: it was released meanwhile).
   */
  async hold(
    target: ResolvedSyncObject,
    externalId: string,
    change: { action: HeldInbound['action']; payload: Record<string, unknown> },
    trigger: ChangeTrigger,
  ): Promise<number | null> {
    return this.unitOfWork.run(async () => {
      const row = await this.repository.flaggedByExternalId(target.object.id, externalId);
      if (!row) return null;
      const held = row.heldInbound;
      row.heldInbound = {
        action: change.action === 'unlink' ? 'unlink' : held && held.action !== 'unlink' ? 'write' : change.action,
        payload: change.action === 'unlink' ? {} : { ...(held && held.action !== 'unlink' ? held.payload : {}), ...change.payload },
        at: new Date().toISOString(),
        count: (held?.count ?? 0) + 1,
      };
      row.updatedAt = new Date();
      await this.repository.save(row);
      await this.changeLog.record(
        buildChangeLogEntry(target, {
          direction: 'external_to_odoo',
          action: change.action,
          trigger,
          externalId,
          odooId: row.recordId,
          externalValues: change.payload,
          originValues: change.payload,
          destinationValues: {},
          errorMessage: HELD_MESSAGE,
          held: true,
        }),
      );
      return row.recordId;
    });
  }

  private async observe(target: ResolvedSyncObject, side: FlapSide, changes: SideChange[], fields: string[]): Promise<void> {
    const { object } = target;
    if (object.direction !== 'bidirectional' || !changes.length) return;
    const policy = object.flapping ?? DEFAULT_FLAPPING;
    const tracked = fields.filter((field) => field !== object.externalRefField);
    // Joined to the caller's transaction (the delivery's bookkeeping): a failure there must reach it (a MySQL
    // deadlock rolls the whole transaction back, and the unit of work re-runs it); alone, it is only logged.
    const joined = this.unitOfWork.activeManager !== undefined;
    try {
      await this.unitOfWork.run(async () => {
        const rows = await this.repository.findMany(
          object.id,
          changes.map((c) => c.recordId),
        );
        const now = Date.now();
        for (const change of changes) {
          const values = Object.fromEntries(
            tracked.filter((f) => Object.prototype.hasOwnProperty.call(change.values, f)).map((f) => [f, change.values[f]]),
          );
          const row = rows.get(change.recordId) ?? blank(object.id, change.recordId);
          const verdict = recordChange(row.events, { side, values }, policy, now);
          row.events = verdict.events;
          row.externalId = change.externalId ?? row.externalId;
          row.updatedAt = new Date(now);
          if (verdict.flagged && !row.flaggedAt) {
            row.flaggedAt = new Date(now);
            row.flips = flippingFields(verdict.events);
            this.logger.warn(
              `sync object ${object.id}: record ${change.recordId} flagged as flapping (${verdict.switches} changes of side ` +
                `within ${policy.windowSeconds} s; fields ${row.flips.map((f) => f.field).join(', ') || '-'}); ` +
                'its changes are held until released',
            );
          }
          rows.set(change.recordId, row);
          await this.saveRow(row);
        }
      });
    } catch (error) {
      if (joined) throw error;
      this.logger.warn(`sync object ${object.id}: could not record the flapping history: ${(error as Error).message}`);
    }
  }

  private async saveRow(row: FlappingRecordEntity): Promise<void> {
    try {
      await this.repository.save(row);
    } catch (error) {
      // Another instance created the row meanwhile: this change goes uncounted, the next one counts.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
}

export const HELD_MESSAGE =
  'held: the record is flagged as flapping; the change is kept and applied when an admin releases the record ' +
  '(POST /api/sync-objects/:id/flapping/:recordId/release)';

function blank(syncObjectId: number, recordId: number): FlappingRecordEntity {
  return Object.assign(new FlappingRecordEntity(), {
    syncObjectId,
    recordId,
    externalId: null,
    events: [],
    flaggedAt: null,
    flips: null,
    heldInbound: null,
    updatedAt: new Date(),
  });
}
