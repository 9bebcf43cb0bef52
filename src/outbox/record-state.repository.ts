import { Injectable } from '@nestjs/common';
import { EntityManager, In, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { RecordStateEntity } from './record-state.entity';

@Injectable()
export class RecordStateRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(manager?: EntityManager): Repository<RecordStateEntity> {
    return this.unitOfWork.manager(manager).getRepository(RecordStateEntity);
  }

  find(syncObjectId: number, recordId: number, manager?: EntityManager): Promise<RecordStateEntity | null> {
    return this.repo(manager).findOneBy({ syncObjectId, recordId });
  }

  async findMany(syncObjectId: number, recordIds: number[], manager?: EntityManager): Promise<Map<number, RecordStateEntity>> {
    if (!recordIds.length) return new Map();
    const rows = await this.repo(manager).findBy({ syncObjectId, recordId: In(recordIds) });
    return new Map(rows.map((row) => [row.recordId, row]));
  }

  async save(manager: EntityManager, state: RecordStateEntity): Promise<void> {
    await this.repo(manager).save(state);
  }

  /** Insert or replace many states in one statement (a delivered batch). */
  async saveMany(manager: EntityManager, states: RecordStateEntity[]): Promise<void> {
    if (states.length) await this.repo(manager).upsert(states as QueryDeepPartialEntity<RecordStateEntity>[], ['syncObjectId', 'recordId']);
  }

  async remove(manager: EntityManager, syncObjectId: number, recordId: number): Promise<void> {
    await this.repo(manager).delete({ syncObjectId, recordId });
  }
}
