import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { ConflictError, NotFoundError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { InboundApplier } from '../engine/inbound-applier.service';
import { countSwitches, FlapSide } from '../flapping/flapping-detector';
import { FlappingRecordEntity, HeldInbound } from '../flapping/flapping-record.entity';
import { FlappingRepository } from '../flapping/flapping.repository';
import { sentMappings } from '../mapping/field-ownership';
import { ResolvedSyncObject, SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { pendingRow } from '../sync-state/outbox.entity';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { RecordStateRepository } from '../sync-state/record-state.repository';
import { FlappingPageView, FlappingRecordView, ReleaseView } from './flapping.views';

/**
 * Flagged (flapping) records of a sync object, and their release by an admin:
 * - release: the flag is cleared; the held inbound change is applied (merged with the held local changes by
 *   the object's priority, as any inbound change), and the held outbox rows go out.
 * - pin `external`: the external system's value wins: the held outbox rows are retired (kept as skipped,
 *   with the reason), and the held inbound change — or, without one, the values last received from the
 *   external system — is written to Odoo once.
 * - pin `odoo`: Odoo's value wins: the held inbound change is dropped (it stays in the change log, status
 *   held), and the record's current state is sent to the external system once (the held rows, or one queued).
 */
@Injectable()
export class FlappingReleaseService {
  constructor(
    private readonly repository: FlappingRepository,
    private readonly catalog: SyncObjectCatalog,
    private readonly syncObjects: SyncObjectsService,
    private readonly outbox: OutboxRepository,
    private readonly states: RecordStateRepository,
    private readonly applier: InboundApplier,
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditService,
  ) {}

  async list(syncObjectId: number, page: { limit?: number; offset?: number }): Promise<FlappingPageView> {
    await this.syncObjects.getEntity(syncObjectId);
    const found = await this.repository.listFlagged(syncObjectId, { limit: page.limit ?? 50, offset: page.offset ?? 0 });
    const items: FlappingRecordView[] = [];
    for (const row of found.items) items.push(await this.view(row));
    return { items, total: found.total };
  }

  async release(syncObjectId: number, recordId: number, pin?: FlapSide): Promise<ReleaseView> {
    const entity = await this.syncObjects.getEntity(syncObjectId);
    const target = await this.catalog.byId(syncObjectId);
    if (!target)
      throw new ConflictError('FLAPPING.OBJECT_INACTIVE', `sync object ${syncObjectId} ("${entity.name}") is inactive; activate it first`, {
        details: [{ field: 'id', problem: 'the sync object is inactive' }],
      });
    const row = await this.repository.find(syncObjectId, recordId);
    if (!row?.flaggedAt)
      throw new NotFoundError('FLAPPING.NOT_FLAGGED', `record ${recordId} is not flagged as flapping for sync object ${syncObjectId}`);
    const answer: ReleaseView = { recordId, pin: pin ?? null, inboundApplied: false, outboxRetired: 0, outboxQueued: 0 };
    const held = row.heldInbound;
    await this.unitOfWork.run(async () => {
      // Conditional: of two concurrent releases one clears the flag, the other is refused.
      if (!(await this.repository.clear(syncObjectId, recordId)))
        throw new ConflictError('FLAPPING.ALREADY_RELEASED', `record ${recordId} was released meanwhile`);
      if (pin === 'external') answer.outboxRetired = await this.retireHeldRows(syncObjectId, recordId);
      if (pin === 'odoo') answer.outboxQueued = await this.queueState(target, row);
      await this.audit.record({
        action: 'release',
        resourceType: 'flapping-record',
        resourceId: `${syncObjectId}/${recordId}`,
        label: `${target.model.name} ${recordId}`,
        details: {
          syncObjectId,
          recordId,
          pin: pin ?? null,
          fields: (row.flips ?? []).map((f) => f.field),
          heldInbound: held ? { action: held.action, count: held.count, fields: Object.keys(held.payload) } : null,
          outboxRetired: answer.outboxRetired,
          outboxQueued: answer.outboxQueued,
        },
      });
    });
    // After the flag is gone: the inbound change goes through the one inbound path (merge, change log).
    const inbound = pin === 'odoo' ? null : (held ?? (pin === 'external' ? await this.lastReceived(target, row) : null));
    if (inbound) {
      const outcome = await this.applier.apply(
        target,
        { action: inbound.action, externalId: row.externalId ?? undefined, payload: inbound.payload },
        'manual',
      );
      answer.inboundApplied = outcome.status === 'success';
      if (outcome.status === 'failed') answer.inboundError = outcome.errorMessage;
    }
    return answer;
  }

  private async retireHeldRows(syncObjectId: number, recordId: number): Promise<number> {
    let retired = 0;
    for (const pending of await this.outbox.pendingFor(syncObjectId, recordId)) {
      if (await this.outbox.retire(pending, 'flapping record released with pin external: the external value wins', new Date())) retired++;
    }
    return retired;
  }

  /** Odoo's current state goes out once: the held rows do that; without one, a row is queued. */
  private async queueState(target: ResolvedSyncObject, row: FlappingRecordEntity): Promise<number> {
    if ((await this.outbox.pendingFor(target.object.id, row.recordId)).length) return 0;
    await this.outbox.insert([
      pendingRow({
        syncObjectId: target.object.id,
        webServiceId: target.object.webServiceId,
        model: target.model.name,
        recordId: row.recordId,
        kind: 'upsert',
        changedFields: sentMappings(target.object.fields).map((m) => m.odooField),
        externalId: row.externalId,
        now: new Date(),
      }),
    ]);
    return 1;
  }

  /** Pin external without a held change: the values last received from (or agreed with) the external system. */
  private async lastReceived(target: ResolvedSyncObject, row: FlappingRecordEntity): Promise<HeldInbound | null> {
    const state = await this.states.find(target.object.id, row.recordId);
    if (!state?.syncedValues) return null;
    return { action: 'write', payload: state.syncedValues, at: state.syncedAt.toISOString(), count: 0 };
  }

  private async view(row: FlappingRecordEntity): Promise<FlappingRecordView> {
    const held = row.heldInbound;
    return {
      recordId: row.recordId,
      externalId: row.externalId,
      flaggedAt: row.flaggedAt!,
      changes: countSwitches(row.events),
      fields: row.flips ?? [],
      heldInbound: held ? { action: held.action, count: held.count, at: held.at, fields: Object.keys(held.payload) } : null,
      heldOutbox: (await this.outbox.pendingFor(row.syncObjectId, row.recordId)).length,
    };
  }
}
