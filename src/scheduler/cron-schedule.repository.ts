import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncObjectEntity } from '../sync-objects/sync-object.entity';

/** A cron object that is due, as the scheduler needs it. */
export type DueObject = Pick<SyncObjectEntity, 'id' | 'scheduleInterval' | 'scheduleUnit'> &
  Partial<Pick<SyncObjectEntity, 'scheduleCron' | 'scheduleTimezone' | 'scheduleAnchorAt'>> & { nextRunAt: Date };

/**
 * The schedule columns of sync_object, read and advanced straight from the database
 * (the catalog's cache may be seconds old; due times must not be).
 */
@Injectable()
export class CronScheduleRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Active cron objects due at `now` and not running anywhere, most overdue first. */
  async due(now: Date, limit: number): Promise<DueObject[]> {
    const rows = await this.unitOfWork
      .manager()
      .getRepository(SyncObjectEntity)
      .createQueryBuilder('o')
      .select(['o.id', 'o.nextRunAt', 'o.scheduleInterval', 'o.scheduleUnit', 'o.scheduleCron', 'o.scheduleTimezone', 'o.scheduleAnchorAt'])
      .where("o.active = 1 AND o.mode = 'cron' AND o.next_run_at IS NOT NULL AND o.next_run_at <= :now", { now })
      .andWhere('NOT EXISTS (SELECT 1 FROM sync_run r WHERE r.running_object_id = o.id)')
      .orderBy('o.next_run_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .limit(limit)
      .getMany();
    return rows as DueObject[];
  }

  /**
   * Moves the object's due time from `planned` to `next` only if it is still `planned`:
   * of several instances claiming the same due time, exactly one sees a row changed.
   */
  async advance(id: number, planned: Date, next: Date): Promise<boolean> {
    const result = await this.unitOfWork
      .manager()
      .createQueryBuilder()
      .update(SyncObjectEntity)
      .set({ nextRunAt: next })
      .where('id = :id AND next_run_at = :planned', { id, planned })
      .andWhere("active = 1 AND mode = 'cron'")
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async nextRunAt(id: number): Promise<Date | null> {
    const row = await this.unitOfWork
      .manager()
      .getRepository(SyncObjectEntity)
      .findOne({ where: { id }, select: { id: true, nextRunAt: true } });
    return row?.nextRunAt ?? null;
  }
}
