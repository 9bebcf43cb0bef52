import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '../database/unit-of-work';
import { SyncRunEntity } from '../scheduler/sync-run.entity';
import { OutboxEntity } from '../sync-state/outbox.entity';

/** Most runs looked at to count failures in a row (the count says "at least" beyond it). */
export const RUNS_LOOKED_AT = 100;

/** What the alert rules read from runs and the outbox, a few set-based queries per evaluation. */
@Injectable()
export class AlertFactsRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Finished runs of the object, newest first, started after `since` (when given): status and error. */
  async recentRuns(syncObjectId: number, since: Date | null, limit: number): Promise<Pick<SyncRunEntity, 'status' | 'error'>[]> {
    const query = this.unitOfWork
      .manager()
      .getRepository(SyncRunEntity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.status', 'r.error'])
      .where('r.sync_object_id = :syncObjectId', { syncObjectId })
      .andWhere("r.status <> 'running'");
    if (since) query.andWhere('r.started_at > :since', { since });
    return query.orderBy('r.id', 'DESC').limit(limit).getMany();
  }

  /** Held runs not released yet, per sync object: how many, the newest one and its reason. */
  async heldRuns(): Promise<Map<number, { count: number; latestId: number; reason: string | null }>> {
    const rows = await this.unitOfWork
      .manager()
      .getRepository(SyncRunEntity)
      .createQueryBuilder('r')
      .select(['r.id', 'r.syncObjectId', 'r.holdReason'])
      .where("r.status = 'held'")
      .orderBy('r.id', 'DESC')
      .limit(1000)
      .getMany();
    const held = new Map<number, { count: number; latestId: number; reason: string | null }>();
    for (const run of rows) {
      const seen = held.get(run.syncObjectId);
      if (seen) seen.count++;
      else held.set(run.syncObjectId, { count: 1, latestId: run.id, reason: run.holdReason });
    }
    return held;
  }

  /** Dead outbox rows per sync object and per web service. */
  async deadRows(): Promise<{ bySyncObject: Map<number, number>; byWebService: Map<number, number> }> {
    const rows = await this.unitOfWork
      .manager()
      .getRepository(OutboxEntity)
      .createQueryBuilder('o')
      .select('o.sync_object_id', 'syncObjectId')
      .addSelect('o.web_service_id', 'webServiceId')
      .addSelect('COUNT(*)', 'count')
      .where("o.status = 'dead'")
      .groupBy('o.sync_object_id')
      .addGroupBy('o.web_service_id')
      .getRawMany<{ syncObjectId: number | string; webServiceId: number | string; count: number | string }>();
    const bySyncObject = new Map<number, number>();
    const byWebService = new Map<number, number>();
    for (const row of rows) {
      const add = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + Number(row.count));
      add(bySyncObject, Number(row.syncObjectId));
      add(byWebService, Number(row.webServiceId));
    }
    return { bySyncObject, byWebService };
  }
}
