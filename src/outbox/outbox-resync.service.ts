import { Injectable } from '@nestjs/common';
import { ConflictError, UnprocessableError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { DomainCompiler } from '../odoo/domain-compiler.service';
import { RecordRepository } from '../odoo/records/record.repository';
import { SyncObjectCatalog } from '../sync-objects/sync-object.catalog';
import { SyncObjectsService } from '../sync-objects/sync-object.service';
import { sendsToExternal } from '../sync-objects/sync-object.types';
import { pendingRow } from '../sync-state/outbox.entity';
import { OutboxRepository } from '../sync-state/outbox.repository';
import { OutboxSignal } from './outbox.signal';

/** Records read and queued per transaction. */
const PAGE = 500;

/**
 * Initial load ("resync"): queue an outbox upsert for every local record matching a
 * sync object's domain, so the next deliveries (at once for real time, at the
 * object's run for cron) send them all. Pages through the records by id, one
 * transaction and one multi-row INSERT per page; a record that already has an
 * unsent row for the object is skipped (that row sends the current state anyway).
 */
@Injectable()
export class OutboxResync {
  constructor(
    private readonly syncObjects: SyncObjectsService,
    private readonly catalog: SyncObjectCatalog,
    private readonly outbox: OutboxRepository,
    private readonly records: RecordRepository,
    private readonly domains: DomainCompiler,
    private readonly unitOfWork: UnitOfWork,
    private readonly signal: OutboxSignal,
  ) {}

  async resync(syncObjectId: number): Promise<{ queued: number }> {
    const object = await this.syncObjects.getEntity(syncObjectId);
    if (!object.active) {
      throw new ConflictError('SYNC_OBJECT.INACTIVE', `sync object ${syncObjectId} ("${object.name}") is inactive; activate it first`, {
        details: [{ field: 'id', problem: 'the sync object is inactive' }],
      });
    }
    if (!sendsToExternal(object.direction)) {
      throw new UnprocessableError(
        'SYNC_OBJECT.NOT_OUTBOUND',
        `sync object ${syncObjectId} has direction ${object.direction}: it sends nothing to the external system`,
        [{ field: 'direction', problem: 'must be odoo_to_external or bidirectional' }],
      );
    }
    this.catalog.invalidate();
    const target = await this.catalog.byId(syncObjectId);
    if (!target)
      throw new UnprocessableError(
        'SYNC_OBJECT.UNRESOLVED',
        `sync object ${syncObjectId}: its Odoo model ${object.odooModel} is not registered`,
      );
    const condition = this.domains.compile(target.object.domain, target.model, 'r', 'domain');
    const changedFields = target.object.fields.map((f) => f.odooField);
    let after = 0;
    let queued = 0;
    for (;;) {
      const ids = await this.records.idsAfter(target.model, condition, after, PAGE);
      if (!ids.length) break;
      after = ids[ids.length - 1];
      queued += await this.unitOfWork.run(async () => {
        const busy = await this.outbox.unsentRecordIds(syncObjectId, ids);
        const now = new Date();
        const rows = ids
          .filter((id) => !busy.has(id))
          .map((recordId) =>
            pendingRow({
              syncObjectId,
              webServiceId: target.object.webServiceId,
              model: target.model.name,
              recordId,
              kind: 'upsert',
              changedFields,
              now,
            }),
          );
        if (rows.length) await this.outbox.insert(rows);
        return rows.length;
      });
      if (ids.length < PAGE) break;
    }
    if (queued && target.object.mode === 'realtime') this.signal.wake();
    return { queued };
  }
}
