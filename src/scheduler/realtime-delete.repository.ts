import { Injectable } from '@nestjs/common';
import { LessThan, MoreThanOrEqual } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import { RealtimeDeleteEntity } from './realtime-delete.entity';

/** sync_realtime_delete: the recent real-time deletes per object, counted within a burst window. */
@Injectable()
export class RealtimeDeleteRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo() {
    return this.unitOfWork.manager().getRepository(RealtimeDeleteEntity);
  }

  countSince(syncObjectId: number, since: Date): Promise<number> {
    return this.repo().countBy({ syncObjectId, deletedAt: MoreThanOrEqual(since) });
  }

  /** Records one delete and forgets the object's deletes older than the window (they never count again). */
  async record(syncObjectId: number, at: Date, windowStart: Date): Promise<void> {
    await this.repo().delete({ syncObjectId, deletedAt: LessThan(windowStart) });
    await this.repo().insert({ syncObjectId, deletedAt: at });
  }
}
