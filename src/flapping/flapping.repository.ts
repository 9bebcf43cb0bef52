import { Injectable } from '@nestjs/common';
import { In, IsNull, LessThan, Not, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { FlappingRecordEntity } from './flapping-record.entity';

/** sync_flapping: per bidirectional object and record, the flapping history, the flag and the held inbound change. */
@Injectable()
export class FlappingRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<FlappingRecordEntity> {
    return this.unitOfWork.manager().getRepository(FlappingRecordEntity);
  }

  async findMany(syncObjectId: number, recordIds: number[]): Promise<Map<number, FlappingRecordEntity>> {
    if (!recordIds.length) return new Map();
    const rows = await this.repo().findBy({ syncObjectId, recordId: In(recordIds) });
    return new Map(rows.map((row) => [row.recordId, row]));
  }

  find(syncObjectId: number, recordId: number): Promise<FlappingRecordEntity | null> {
    return this.repo().findOneBy({ syncObjectId, recordId });
  }

  async save(row: FlappingRecordEntity): Promise<void> {
    await this.repo().save(row);
  }

  /** The flagged record of this object that has this external id, if any. */
  flaggedByExternalId(syncObjectId: number, externalId: string): Promise<FlappingRecordEntity | null> {
    return this.repo().findOneBy({ syncObjectId, externalId, flaggedAt: Not(IsNull()) });
  }

  /** External ids of the object's flagged records (few: each waits for an admin). */
  async flaggedExternalIds(syncObjectId: number): Promise<Set<string>> {
    const rows = await this.repo().find({ select: { externalId: true }, where: { syncObjectId, flaggedAt: Not(IsNull()) } });
    return new Set(rows.flatMap((row) => (row.externalId === null ? [] : [row.externalId])));
  }

  async listFlagged(
    syncObjectId: number,
    page: { limit: number; offset: number },
  ): Promise<{ items: FlappingRecordEntity[]; total: number }> {
    const [items, total] = await this.repo().findAndCount({
      where: { syncObjectId, flaggedAt: Not(IsNull()) },
      order: { flaggedAt: 'DESC', recordId: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { items, total };
  }

  /** The record is resolved: its history starts again (a conditional delete: one release wins). */
  async clear(syncObjectId: number, recordId: number): Promise<boolean> {
    const result = await this.repo().delete({ syncObjectId, recordId, flaggedAt: Not(IsNull()) });
    return (result.affected ?? 0) > 0;
  }

  /** Histories of records not flagged and unchanged since before `cutoff` (a flagged record waits for an admin, whatever its age). */
  async purgeBefore(cutoff: Date): Promise<number> {
    const result = await this.repo().delete({ flaggedAt: IsNull(), updatedAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
