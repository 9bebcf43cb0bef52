import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { ReceivedItem } from './cron-protocol';
import { SyncRunPlanEntity } from './sync-run-plan.entity';

/** The plans held runs keep (sync_run_plan): kept when a run is held, read when it is released. */
@Injectable()
export class SyncRunPlanRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  async keep(runId: number, items: readonly ReceivedItem[], now: Date): Promise<void> {
    const repo = this.unitOfWork.manager().getRepository(SyncRunPlanEntity);
    await repo.insert({ runId, items: [...items] as never, createdAt: now });
  }

  /** The items a held run kept, in the order kept (a real-time hold keeps one row per held delete); null: none. */
  async itemsOf(runId: number): Promise<ReceivedItem[] | null> {
    const rows = await this.unitOfWork
      .manager()
      .getRepository(SyncRunPlanEntity)
      .find({ where: { runId }, order: { id: 'ASC' } });
    return rows.length ? rows.flatMap((row) => row.items) : null;
  }
}
