import { Injectable } from '@nestjs/common';
import { LessThan, Repository } from 'typeorm';
import { isDuplicateKeyError } from '../database/driver-errors';
import { UnitOfWork } from '../database/unit-of-work';
import type { DriftKind, TallyEntry } from './drift-detector';
import { DriftEntryEntity } from './drift-entry.entity';
import { SeenFieldsEntity } from './seen-fields.entity';

/** Rows one object keeps at most (fields are payload keys: a hostile sender must not grow the table without end). */
export const MAX_ENTRIES_PER_OBJECT = 500;

/** sync_drift (per object and field) and sync_drift_seen (the mapped fields each object received before). */
@Injectable()
export class DriftRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private entries(): Repository<DriftEntryEntity> {
    return this.unitOfWork.manager().getRepository(DriftEntryEntity);
  }

  private seen(): Repository<SeenFieldsEntity> {
    return this.unitOfWork.manager().getRepository(SeenFieldsEntity);
  }

  /** Adds a batch's tally: existing rows counted up (last seen, latest example), new ones inserted while the object has room. */
  async add(syncObjectId: number, tally: TallyEntry[], now: Date): Promise<void> {
    let room: number | undefined;
    for (const entry of tally) {
      if (await this.countUp(syncObjectId, entry, now)) continue;
      room ??= MAX_ENTRIES_PER_OBJECT - (await this.entries().countBy({ syncObjectId }));
      if (room <= 0) continue;
      try {
        await this.entries().insert({
          syncObjectId,
          kind: entry.kind,
          field: entry.field,
          occurrences: entry.count,
          example: entry.example,
          firstSeenAt: now,
          lastSeenAt: now,
        });
        room--;
      } catch (error) {
        // Another instance inserted it meanwhile: count up its row instead.
        if (!isDuplicateKeyError(error)) throw error;
        await this.countUp(syncObjectId, entry, now);
      }
    }
  }

  private async countUp(syncObjectId: number, entry: TallyEntry, now: Date): Promise<boolean> {
    const result = await this.entries()
      .createQueryBuilder()
      .update()
      .set({
        occurrences: () => `occurrences + ${Math.trunc(entry.count)}`,
        lastSeenAt: now,
        ...(entry.example !== null ? { example: entry.example } : {}),
      })
      .where('sync_object_id = :syncObjectId AND kind = :kind AND field = :field', { syncObjectId, kind: entry.kind, field: entry.field })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async list(
    syncObjectId: number,
    filter: { kind?: DriftKind; limit: number; offset: number },
  ): Promise<{ items: DriftEntryEntity[]; total: number }> {
    const [items, total] = await this.entries().findAndCount({
      where: { syncObjectId, ...(filter.kind ? { kind: filter.kind } : {}) },
      order: { lastSeenAt: 'DESC', id: 'DESC' },
      take: filter.limit,
      skip: filter.offset,
    });
    return { items, total };
  }

  async seenFields(syncObjectId: number): Promise<string[]> {
    return (await this.seen().findOneBy({ syncObjectId }))?.fields ?? [];
  }

  async saveSeenFields(syncObjectId: number, fields: string[], now: Date): Promise<void> {
    await this.seen().save({ syncObjectId, fields, updatedAt: now });
  }

  /** Drift entries last seen before `cutoff` (the log retention); the seen fields stay (they are the baseline). */
  async purgeBefore(cutoff: Date): Promise<number> {
    const result = await this.unitOfWork
      .manager()
      .getRepository(DriftEntryEntity)
      .delete({ lastSeenAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
