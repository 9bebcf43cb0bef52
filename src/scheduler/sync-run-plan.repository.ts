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

  async itemsOf(runId: number): Promise<ReceivedItem[] | null> {
    const row = await this.unitOfWork.manager().getRepository(SyncRunPlanEntity).findOneBy({ runId });
    return row?.items ?? null;
  }
}
