/**
 * What the inbound path reads and writes about a record's synchronization state,
 * always inside the apply's transaction: the base of the bidirectional merge
 * (`sync_record_state`) and the record's unsent outbound change (`sync_outbox`).
 * Runs in the ambient transaction (UnitOfWork).
 */
import { In } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { OutboxEntity } from '../outbox/outbox.entity';
import { RecordStateEntity } from '../outbox/record-state.entity';

export class InboundSyncState {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  find(syncObjectId: number, recordId: number): Promise<RecordStateEntity | null> {
    return this.unitOfWork.manager().getRepository(RecordStateEntity).findOneBy({ syncObjectId, recordId });
  }

  /** The local change not yet delivered to this object's web service (pending or being delivered), if any. */
  unsentUpsert(syncObjectId: number, recordId: number): Promise<OutboxEntity | null> {
    return this.unitOfWork
      .manager()
      .getRepository(OutboxEntity)
      .findOne({
        where: { syncObjectId, recordId, kind: 'upsert', status: In(['pending', 'inflight']) },
        order: { id: 'DESC' },
      });
  }

  /**
   * After a successful inbound apply: the external system has the record, with what it
   * just sent on top of what it had — the base of the next merge.
   */
  async rememberReceived(
    syncObjectId: number,
    recordId: number,
    externalId: string,
    received: Record<string, unknown>,
    now: Date,
  ): Promise<void> {
    const current = await this.find(syncObjectId, recordId);
    await this.unitOfWork
      .manager()
      .getRepository(RecordStateEntity)
      .save({
        syncObjectId,
        recordId,
        externalId,
        existsRemote: true,
        syncedValues: { ...(current?.syncedValues ?? {}), ...received },
        syncedAt: now,
      });
  }

  async forget(syncObjectId: number, recordId: number): Promise<void> {
    await this.unitOfWork.manager().getRepository(RecordStateEntity).delete({ syncObjectId, recordId });
  }

  /**
   * Retire an unsent row that has become pointless (the external system already has
   * the merged state, or deleted the record). Kept as `skipped` with the reason, so
   * nothing disappears silently; a row already being delivered is left alone.
   */
  async retire(row: OutboxEntity, reason: string, now: Date): Promise<boolean> {
    if (row.status !== 'pending') return false;
    const result = await this.unitOfWork
      .manager()
      .getRepository(OutboxEntity)
      .update(
        { id: row.id, status: 'pending' },
        { status: 'skipped', lastError: reason, deliveredAt: now, leaseOwner: null, leaseUntil: null },
      );
    return (result.affected ?? 0) > 0;
  }
}
