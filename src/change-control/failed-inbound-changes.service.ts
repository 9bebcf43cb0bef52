import { Injectable } from '@nestjs/common';
import { ChangeLog } from './change-log.entity';
import { ChangeLogRepository } from './change-log.repository';
import { ChangeAction } from './change-log.types';
import { parseStored } from './safe-json';

/** What a re-apply may pick: explicit ids, or the failed inbound changes of one sync object (optionally one record, a time range). */
export interface FailedInboundFilter {
  ids?: number[];
  syncObjectId?: number;
  externalId?: string;
  from?: Date;
  to?: Date;
}

/** A change-log row for the re-apply plan (engine/inbound-reapply.ts): origin values parsed. */
export interface LoggedChange {
  id: number;
  direction: string;
  status: string;
  action: ChangeAction;
  syncObjectId: number | null;
  externalId: string | null;
  title: string | null;
  syncedAt: Date;
  errorMessage: string | null;
  originValues: unknown;
}

/** Counting stops here: a filter matching more says "at least" (bounded work). */
const COUNT_CAP = 100_000;

/**
 * Reads the failed inbound changes a re-apply replays (POST /api/change-log/reapply, engine):
 * only reads, so a preview writes nothing.
 */
@Injectable()
export class FailedInboundChanges {
  constructor(private readonly repository: ChangeLogRepository) {}

  /** Up to `limit` rows, oldest first, and how many the filter matches in all (ids: each given row, whatever it is). */
  async select(filter: FailedInboundFilter, limit: number): Promise<{ rows: LoggedChange[]; total: number }> {
    if (filter.ids?.length) {
      const rows = (await this.repository.findByIds(filter.ids)).map(toLogged);
      return { rows: rows.slice(0, limit), total: rows.length };
    }
    const where = {
      direction: 'external_to_odoo' as const,
      status: 'failed' as const,
      syncObjectId: filter.syncObjectId,
      externalId: filter.externalId,
      from: filter.from,
      to: filter.to,
    };
    const [rows, total] = await Promise.all([this.repository.oldestFirst(where, limit), this.repository.countUpTo(where, COUNT_CAP)]);
    return { rows: rows.map(toLogged), total };
  }

  /** The newest successful inbound change of each of the rows' records. */
  async newestApplied(rows: LoggedChange[]): Promise<{ syncObjectId: number; externalId: string; id: number }[]> {
    const byObject = new Map<number, Set<string>>();
    for (const row of rows) {
      if (row.syncObjectId === null || row.externalId === null) continue;
      byObject.set(row.syncObjectId, (byObject.get(row.syncObjectId) ?? new Set()).add(row.externalId));
    }
    const newest: { syncObjectId: number; externalId: string; id: number }[] = [];
    for (const [syncObjectId, ids] of byObject) {
      for (const [externalId, id] of await this.repository.newestInboundSuccess(syncObjectId, [...ids]))
        newest.push({ syncObjectId, externalId, id });
    }
    return newest;
  }
}

function toLogged(row: ChangeLog): LoggedChange {
  return {
    id: Number(row.id),
    direction: row.direction,
    status: row.status,
    action: row.action,
    syncObjectId: row.syncObjectId,
    externalId: row.externalId,
    title: row.title,
    syncedAt: row.syncedAt,
    errorMessage: row.errorMessage,
    originValues: parseStored(row.originValues),
  };
}
