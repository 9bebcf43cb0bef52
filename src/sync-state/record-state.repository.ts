import { Injectable } from '@nestjs/common';
import { In, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RecordStateEntity } from './record-state.entity';

/**
 * sync_record_state: per sync object and record, what the external system has (its
 * external id, whether it exists there, the values last synchronized: the base of the
 * bidirectional merge).
 */
@Injectable()
export class RecordStateRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<RecordStateEntity> {
    return this.unitOfWork.manager().getRepository(RecordStateEntity);
  }

  find(syncObjectId: number, recordId: number): Promise<RecordStateEntity | null> {
    return this.repo().findOneBy({ syncObjectId, recordId });
  }

  async findMany(syncObjectId: number, recordIds: number[]): Promise<Map<number, RecordStateEntity>> {
    if (!recordIds.length) return new Map();
    const rows = await this.repo().findBy({ syncObjectId, recordId: In(recordIds) });
    return new Map(rows.map((row) => [row.recordId, row]));
  }

  /** Every object's state for one record (optionally one object's), by object id. */
  findByRecord(recordId: number, syncObjectId?: number): Promise<RecordStateEntity[]> {
    return this.repo().find({ where: { recordId, ...(syncObjectId ? { syncObjectId } : {}) }, order: { syncObjectId: 'ASC' } });
  }

  async save(state: RecordStateEntity): Promise<void> {
    await this.repo().save(state);
  }

  /** Insert or replace many states in one statement (a delivered batch). */
  async saveMany(states: RecordStateEntity[]): Promise<void> {
    if (states.length) await this.repo().upsert(states as QueryDeepPartialEntity<RecordStateEntity>[], ['syncObjectId', 'recordId']);
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
    await this.repo().save({
      syncObjectId,
      recordId,
      externalId,
      existsRemote: true,
      syncedValues: { ...(current?.syncedValues ?? {}), ...received },
      syncedAt: now,
    });
  }

  async remove(syncObjectId: number, recordId: number): Promise<void> {
    await this.repo().delete({ syncObjectId, recordId });
  }
}
