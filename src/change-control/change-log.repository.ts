import { Injectable } from '@nestjs/common';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { insertRows } from '../database/plain-sql';
import { UnitOfWork } from '../database/unit-of-work';
import { ChangeLogRowValues, insertBatches } from './change-log-entry';
import { containsPattern, LIKE_ESCAPE } from './change-log-filter';
import { ChangeLog } from './change-log.entity';
import { ChangeLogCursor, ChangeLogFilter } from './change-log.types';
import { HourCount } from './hourly';
import { booleanModeQuery, fts5Query, indexable, narrowingWords, SAMPLE_ROWS, textWords, wordRegexp } from './text-search';

/** Filters compared for equality, by entity property (a fixed list: never user text in SQL). */
const EXACT_FILTERS = ['status', 'syncObjectId', 'direction', 'action', 'externalId', 'odooId', 'model', 'trigger'] as const;

/** Persistence of the change log, in the ambient transaction (UnitOfWork). */
@Injectable()
export class ChangeLogRepository {
  constructor(private readonly unitOfWork: UnitOfWork) {}

  /** Multi-row INSERTs inside the caller's transaction. */
  async insertMany(rows: ChangeLogRowValues[]): Promise<void> {
    for (const batch of insertBatches(rows)) await insertRows(this.unitOfWork.manager(), ChangeLog, batch as unknown as ObjectLiteral[]);
  }

  findById(id: number): Promise<ChangeLog | null> {
    return this.unitOfWork.manager().getRepository(ChangeLog).findOneBy({ id });
  }

  /** Rows in listing order (syncedAt desc, id desc), strictly after `after` when given. */
  async findPage(filter: ChangeLogFilter, page: { limit: number; offset?: number; after?: ChangeLogCursor }): Promise<ChangeLog[]> {
    const query = await this.filtered(filter);
    const { after } = page;
    if (after?.syncedAt) {
      // Written as a range on synced_at plus a tie-break, so the (…, synced_at) indexes serve it.
      query.andWhere('c.syncedAt <= :afterAt AND (c.syncedAt < :afterAt OR c.id < :afterId)', {
        afterAt: after.syncedAt,
        afterId: after.id,
      });
    } else if (after) {
      query.andWhere('c.id < :afterId', { afterId: after.id });
    }
    return query
      .orderBy('c.syncedAt', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .offset(page.offset || undefined)
      .limit(page.limit)
      .getMany();
  }

  /** Up to `limit` rows matching `filter`, oldest first (the order a re-apply replays them in). */
  async oldestFirst(filter: ChangeLogFilter, limit: number): Promise<ChangeLog[]> {
    return (await this.filtered(filter)).orderBy('c.id', 'ASC').limit(limit).getMany();
  }

  /** Rows by id, whatever their direction or status, oldest first (missing ids are simply absent). */
  findByIds(ids: number[]): Promise<ChangeLog[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.unitOfWork
      .manager()
      .getRepository(ChangeLog)
      .createQueryBuilder('c')
      .where('c.id IN (:...ids)', { ids })
      .orderBy('c.id', 'ASC')
      .getMany();
  }

  /** The newest successful inbound row's id per external id of one sync object (the external_id index serves it). */
  async newestInboundSuccess(syncObjectId: number, externalIds: string[]): Promise<Map<string, number>> {
    if (!externalIds.length) return new Map();
    const rows = await this.unitOfWork
      .manager()
      .createQueryBuilder(ChangeLog, 'c')
      .select('c.externalId', 'externalId')
      .addSelect('MAX(c.id)', 'id')
      .where('c.externalId IN (:...externalIds)', { externalIds })
      .andWhere('c.syncObjectId = :syncObjectId', { syncObjectId })
      .andWhere("c.direction = 'external_to_odoo' AND c.status = 'success'")
      .groupBy('c.externalId')
      .getRawMany<{ externalId: string; id: number | string }>();
    return new Map(rows.map((row) => [row.externalId, Number(row.id)]));
  }

  /** The listing position of row `id`: the keyset cursor `beforeId` stands for. */
  async cursorAt(id: number): Promise<ChangeLogCursor> {
    const row = await this.unitOfWork
      .manager()
      .getRepository(ChangeLog)
      .findOne({ select: { id: true, syncedAt: true }, where: { id } });
    return row ? { id, syncedAt: row.syncedAt } : { id };
  }

  /** How many rows match, counting no further than `cap` (bounded work whatever the table size). */
  async countUpTo(filter: ChangeLogFilter, cap: number): Promise<number> {
    const [sql, params] = (await this.filtered(filter)).select('c.id').limit(cap).getQueryAndParameters();
    const rows = (await this.unitOfWork.manager().query(`SELECT COUNT(*) AS n FROM (${sql}) capped`, params)) as { n: number | string }[];
    return Number(rows[0]?.n ?? 0);
  }

  /** Rows per UTC hour and status since `from` (of one sync object when given); the (object, status, synced_at) index serves it. */
  countsPerHour(from: Date, syncObjectId?: number): Promise<HourCount[]> {
    const hour =
      this.unitOfWork.manager().connection.options.type === 'mysql'
        ? "DATE_FORMAT(c.synced_at, '%Y-%m-%d %H')"
        : "strftime('%Y-%m-%d %H', c.synced_at)";
    const query = this.unitOfWork
      .manager()
      .createQueryBuilder(ChangeLog, 'c')
      .select(hour, 'hour')
      .addSelect('c.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .where('c.syncedAt >= :from', { from });
    if (syncObjectId !== undefined) query.andWhere('c.syncObjectId = :syncObjectId', { syncObjectId });
    return query.groupBy('hour').addGroupBy('c.status').getRawMany<HourCount>();
  }

  /** Ids of up to `limit` of the oldest rows synchronized before `cutoff`. */
  async idsSyncedBefore(cutoff: Date, limit: number): Promise<number[]> {
    const rows = await this.unitOfWork
      .manager()
      .createQueryBuilder(ChangeLog, 'c')
      .select('c.id', 'id')
      .where('c.syncedAt < :cutoff', { cutoff })
      .orderBy('c.syncedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: number | string }>();
    return rows.map((row) => Number(row.id));
  }

  /** Delete those of `ids` still older than `cutoff`; returns how many went (another instance may have been first). */
  async deleteSyncedBefore(ids: number[], cutoff: Date): Promise<number> {
    if (!ids.length) return 0;
    const result = await this.unitOfWork
      .manager()
      .createQueryBuilder()
      .delete()
      .from(ChangeLog)
      .where('id IN (:...ids)', { ids })
      .andWhere('synced_at < :cutoff', { cutoff })
      .execute();
    return result.affected ?? 0;
  }

  private async filtered(filter: ChangeLogFilter): Promise<SelectQueryBuilder<ChangeLog>> {
    const query = this.unitOfWork.manager().createQueryBuilder(ChangeLog, 'c');
    for (const key of EXACT_FILTERS) {
      if (filter[key] !== undefined) query.andWhere(`c.${key} = :${key}`, { [key]: filter[key] });
    }
    if (filter.from) query.andWhere('c.syncedAt >= :from', { from: filter.from });
    if (filter.to) query.andWhere('c.syncedAt <= :to', { to: filter.to });
    if (filter.q) await this.textFilter(query, filter.q);
    return query;
  }

  /** `q` as text-search.ts defines it: a REGEXP per word decides; the full-text index narrows by the rare words. */
  private async textFilter(query: SelectQueryBuilder<ChangeLog>, q: string): Promise<void> {
    const words = textWords(q);
    if (!words.length) {
      // No letter or digit: the title contains q (case-insensitive: MySQL's *_ci collation, SQLite's LIKE for ASCII).
      query.andWhere(`c.title LIKE :q ESCAPE '${LIKE_ESCAPE}'`, { q: containsPattern(q) });
      return;
    }
    const mysql = this.unitOfWork.manager().connection.options.type !== 'better-sqlite3';
    // (?i) for MySQL/MariaDB whatever the collation; SQLite's regexp() is case-insensitive itself.
    const patterns = words.map((word) => (mysql ? '(?i)' : '') + wordRegexp(word));
    patterns.forEach((pattern, index) => query.andWhere(`c.title REGEXP :qw${index}`, { [`qw${index}`]: pattern }));
    const narrowing = await this.rareWords(words, patterns);
    if (!narrowing.length) return;
    if (mysql) query.andWhere('MATCH (c.title) AGAINST (:qft IN BOOLEAN MODE)', { qft: booleanModeQuery(narrowing) });
    else query.andWhere('c.id IN (SELECT rowid FROM change_log_fts WHERE change_log_fts MATCH :qft)', { qft: fts5Query(narrowing) });
  }

  /** The indexable words of `q` that few of the newest SAMPLE_ROWS titles contain (one bounded read, whatever the table size). */
  private async rareWords(words: ReturnType<typeof textWords>, patterns: string[]): Promise<ReturnType<typeof textWords>> {
    const candidates = words.map((word, index) => ({ word, pattern: patterns[index] })).filter(({ word }) => indexable(word));
    if (!candidates.length) return [];
    const sums = candidates.map((_, index) => `SUM(CASE WHEN s.title REGEXP ? THEN 1 ELSE 0 END) AS h${index}`).join(', ');
    const rows = (await this.unitOfWork.manager().query(
      `SELECT COUNT(*) AS sampled, ${sums} FROM (SELECT title FROM change_log ORDER BY id DESC LIMIT ${SAMPLE_ROWS}) s`,
      candidates.map(({ pattern }) => pattern),
    )) as Record<string, number | string | null>[];
    const row = rows[0] ?? {};
    const hits = candidates.map((_, index) => Number(row[`h${index}`] ?? 0));
    return narrowingWords(
      candidates.map(({ word }) => word),
      hits,
      Number(row.sampled ?? 0),
    );
  }
}
