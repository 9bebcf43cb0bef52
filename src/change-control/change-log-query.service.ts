import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { toChangeLogFilter } from './change-log-filter';
import { ChangeLogRepository } from './change-log.repository';
import { ChangeLogView } from './change-log.types';
import { toChangeLogView } from './change-log.view';
import { ListChangeLogQuery } from './dto/list-change-log.query';
import { HourBucket, hourlyBuckets, windowStart } from './hourly';

/**
 * `total` is exact up to this many rows; beyond it the answer is TOTAL_CAP with
 * `totalIsEstimate: true` ("at least"). An exact COUNT(*) over millions of rows on
 * every page would cost more than the page itself; a capped count reads at most
 * TOTAL_CAP + 1 index entries whatever the table size, and stays exact for the
 * selective filters people actually page through.
 */
export const TOTAL_CAP = 10_000;
export const DEFAULT_LIMIT = 50;

export interface ChangeLogPage {
  items: ChangeLogView[];
  total: number;
  totalIsEstimate: boolean;
  /** Pass as `beforeId` for the next page; null on the last page. */
  nextBeforeId: number | null;
}

/** Reads the change log: filtered pages (offset or keyset) and single rows. */
@Injectable()
export class ChangeLogQueryService {
  constructor(private readonly repository: ChangeLogRepository) {}

  async list(query: ListChangeLogQuery): Promise<ChangeLogPage> {
    const { limit = DEFAULT_LIMIT, offset = 0, beforeId, ...filters } = query;
    const filter = toChangeLogFilter(filters);
    const after = beforeId ? await this.repository.cursorAt(beforeId) : undefined;
    // One row more than asked tells whether another page exists without counting.
    const rows = await this.repository.findPage(filter, { limit: limit + 1, offset, after });
    const hasMore = rows.length > limit;
    const items = rows.slice(0, limit).map(toChangeLogView);
    const nextBeforeId = hasMore ? items[items.length - 1].id : null;
    // The rows seen from the start already give the exact total: no count needed.
    if (!after && !hasMore && (rows.length > 0 || offset === 0)) {
      return { items, total: offset + rows.length, totalIsEstimate: false, nextBeforeId };
    }
    const counted = await this.repository.countUpTo(filter, TOTAL_CAP + 1);
    const totalIsEstimate = counted > TOTAL_CAP;
    return { items, total: Math.min(counted, TOTAL_CAP), totalIsEstimate, nextBeforeId };
  }

  /** Successes and failures per hour over the last `hours` hours, oldest first. */
  async hourly(query: { syncObjectId?: number; hours?: number }, now = new Date()): Promise<{ buckets: HourBucket[] }> {
    const hours = query.hours ?? 24;
    const counts = await this.repository.countsPerHour(windowStart(now, hours), query.syncObjectId);
    return { buckets: hourlyBuckets(now, hours, counts) };
  }

  async get(id: number): Promise<ChangeLogView> {
    const row = await this.repository.findById(id);
    if (!row) throw new NotFoundError('CHANGE_LOG.NOT_FOUND', `change-log entry ${id} does not exist`);
    return toChangeLogView(row);
  }
}
