import { Injectable } from '@nestjs/common';
import { Brackets, In, LessThan, Repository } from 'typeorm';
import { UnitOfWork } from '../database/unit-of-work';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { OutboxEntity, OutboxStatus } from './outbox.entity';

export interface OutboxFilter {
  status?: OutboxStatus;
  syncObjectId?: number;
  webServiceId?: number;
  model?: string;
  recordId?: number;
  limit: number;
  offset: number;
}

export interface ClaimPartition {
  modulo: number;
  remainder: number;
  othersDueBefore: Date;
}

/** The outbox table, with the operations capture, delivery, the inbound merge and the admin API need. */
@Injectable()
export class OutboxRepository {
  /** Reads inside a running transaction use its connection (never a second pooled one). */
  constructor(private readonly unitOfWork: UnitOfWork) {}

  private repo(): Repository<OutboxEntity> {
    return this.unitOfWork.manager().getRepository(OutboxEntity);
  }

  /** The not-yet-claimed rows of one record for one object (for coalescing). */
  pendingFor(syncObjectId: number, recordId: number): Promise<OutboxEntity[]> {
    return this.repo().find({ where: { syncObjectId, recordId, status: 'pending' }, order: { id: 'ASC' } });
  }

  /** The local change not yet delivered to this object's web service (pending or being delivered), if any. */
  /** The object's pending rows, oldest first, as its next run's send step would take them (reads only: a dry run). */
  pendingOfObject(syncObjectId: number, limit: number): Promise<OutboxEntity[]> {
    return this.repo().find({ where: { syncObjectId, status: 'pending' }, order: { id: 'ASC' }, take: limit });
  }

  unsentUpsert(syncObjectId: number, recordId: number): Promise<OutboxEntity | null> {
    return this.repo().findOne({
      where: { syncObjectId, recordId, kind: 'upsert', status: In(['pending', 'inflight']) },
      order: { id: 'DESC' },
    });
  }

  /**
   * Retire an unsent row that has become pointless (the external system already has
   * the merged state, or deleted the record). Kept as `skipped` with the reason, so
   * nothing disappears silently; a row already being delivered is left alone.
   */
  async retire(row: OutboxEntity, reason: string, now: Date): Promise<boolean> {
    if (row.status !== 'pending') return false;
    const result = await this.repo().update(
      { id: row.id, status: 'pending' },
      { status: 'skipped', lastError: reason, deliveredAt: now, leaseOwner: null, leaseUntil: null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Of `recordIds`, those with a row not yet delivered for the object (one query per page). */
  async unsentRecordIds(syncObjectId: number, recordIds: number[]): Promise<Set<number>> {
    const rows = await this.repo().find({
      select: { recordId: true },
      where: { syncObjectId, recordId: In(recordIds), status: In(['pending', 'inflight']) },
    });
    return new Set(rows.map((row) => row.recordId));
  }

  async hasInFlight(syncObjectId: number, recordId: number): Promise<boolean> {
    return (await this.repo().countBy({ syncObjectId, recordId, status: 'inflight' })) > 0;
  }

  insert(rows: Partial<OutboxEntity>[]): Promise<unknown> {
    return this.repo().insert(rows as QueryDeepPartialEntity<OutboxEntity>[]);
  }

  async update(id: number, changes: Partial<OutboxEntity>): Promise<void> {
    await this.repo().update({ id }, changes as QueryDeepPartialEntity<OutboxEntity>);
  }

  /** Mark a delivered batch done in one statement (each row's attempts counted). */
  async markDone(ids: number[], httpStatus: number | null, at: Date): Promise<void> {
    if (!ids.length) return;
    await this.repo()
      .createQueryBuilder()
      .update()
      .set({
        status: 'done',
        deliveredAt: at,
        attempts: () => 'attempts + 1',
        lastError: null,
        lastHttpStatus: httpStatus,
        leaseOwner: null,
        leaseUntil: null,
      })
      .where('id IN (:...ids)', { ids })
      .execute();
  }

  async remove(ids: number[]): Promise<void> {
    if (ids.length) await this.repo().delete({ id: In(ids) });
  }

  findById(id: number): Promise<OutboxEntity | null> {
    return this.repo().findOneBy({ id });
  }

  async list(filter: OutboxFilter): Promise<{ items: OutboxEntity[]; total: number }> {
    const where = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.syncObjectId ? { syncObjectId: filter.syncObjectId } : {}),
      ...(filter.webServiceId ? { webServiceId: filter.webServiceId } : {}),
      ...(filter.model ? { model: filter.model } : {}),
      ...(filter.recordId ? { recordId: filter.recordId } : {}),
    };
    const [items, total] = await this.repo().findAndCount({ where, order: { id: 'ASC' }, take: filter.limit, skip: filter.offset });
    return { items, total };
  }

  /**
   * Claimable rows, oldest first: due pending rows and rows whose lease expired
   * (a crashed holder), each the oldest unfinished row of its record for its
   * object (per-record commit order, never two in flight), of web services not
   * paused by the circuit breaker nor in an outage (those are probed one row at a time). MySQL locks them with SKIP LOCKED so several
   * instances claim disjoint rows; SQLite runs in one writer transaction anyway.
   */
  async claimable(options: {
    now: Date;
    limit: number;
    /** Only rows with id ≡ remainder (mod modulo), and others due before `othersDueBefore` (Galera, see OutboxDispatcher). */
    partition?: ClaimPartition;
    syncObjectIds?: number[];
    /** Only this web service's rows, paused or not (its probe, see OutboxDispatcher). */
    probeOf?: number;
    ignoreBackoff?: boolean;
    skipLocked: boolean;
  }): Promise<OutboxEntity[]> {
    const query = this.repo()
      .createQueryBuilder('o')
      .where(
        new Brackets((due) => {
          due.where(options.ignoreBackoff ? "o.status = 'pending'" : "(o.status = 'pending' AND o.next_attempt_at <= :now)", {
            now: options.now,
          });
          due.orWhere("(o.status = 'inflight' AND o.lease_until < :now)", { now: options.now });
        }),
      )
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM sync_outbox e WHERE e.sync_object_id = o.sync_object_id AND e.record_id = o.record_id' +
          " AND e.id < o.id AND e.status IN ('pending', 'inflight'))",
      )
      // A record flagged as flapping for the object: its changes wait here until an admin releases it.
      .andWhere(
        'NOT EXISTS (SELECT 1 FROM sync_flapping fl WHERE fl.sync_object_id = o.sync_object_id AND fl.record_id = o.record_id' +
          ' AND fl.flagged_at IS NOT NULL)',
      )
      .orderBy('o.id', 'ASC')
      .limit(options.limit);
    if (options.probeOf !== undefined) query.andWhere('o.web_service_id = :probeOf', { probeOf: options.probeOf });
    else
      query.andWhere(
        // Paused (circuit breaker), or in an outage: then only its probe is claimed (probeOf).
        'NOT EXISTS (SELECT 1 FROM delivery_health h WHERE h.web_service_id = o.web_service_id' +
          ' AND (h.paused_until > :now OR h.outage_failures > 0))',
        { now: options.now },
      );
    if (options.syncObjectIds)
      query.andWhere('o.sync_object_id IN (:...objectIds)', { objectIds: options.syncObjectIds.length ? options.syncObjectIds : [0] });
    if (options.partition)
      query.andWhere('(MOD(o.id, :modulo) = :remainder OR o.next_attempt_at <= :othersDueBefore)', { ...options.partition });
    if (options.skipLocked) query.setLock('pessimistic_write').setOnLocked('skip_locked');
    return query.getMany();
  }

  async lease(ids: number[], owner: string, until: Date): Promise<void> {
    if (ids.length) await this.repo().update({ id: In(ids) }, { status: 'inflight', leaseOwner: owner, leaseUntil: until });
  }

  /** Heartbeat: extend the leases of the rows `owner` holds (deliveries in flight), so no one takes them over. */
  async renewLeases(owner: string, until: Date): Promise<number> {
    const result = await this.repo().update({ leaseOwner: owner, status: 'inflight' }, { leaseUntil: until });
    return result.affected ?? 0;
  }

  /** Give back rows this instance claimed but did not finish (shutdown). */
  async releaseLeases(owner: string): Promise<void> {
    await this.repo().update({ leaseOwner: owner, status: 'inflight' }, { status: 'pending', leaseOwner: null, leaseUntil: null });
  }

  async countPending(webServiceId: number): Promise<{ count: number; oldest: Date | null }> {
    const row = await this.repo()
      .createQueryBuilder('o')
      .select('COUNT(*)', 'count')
      .addSelect('MIN(o.created_at)', 'oldest')
      .where('o.web_service_id = :webServiceId', { webServiceId })
      .andWhere("o.status IN ('pending', 'inflight')")
      .getRawOne<{ count: string | number; oldest: string | Date | null }>();
    return {
      count: Number(row?.count ?? 0),
      oldest: row?.oldest ? new Date(row.oldest instanceof Date ? row.oldest : `${String(row.oldest).replace(' ', 'T')}Z`) : null,
    };
  }

  /** Put dead rows back in the queue (bulk retry). */
  async revive(filter: { ids?: number[]; syncObjectId?: number }, now: Date): Promise<number> {
    const where = {
      status: 'dead' as const,
      ...(filter.ids ? { id: In(filter.ids) } : {}),
      ...(filter.syncObjectId ? { syncObjectId: filter.syncObjectId } : {}),
    };
    const result = await this.repo().update(where, {
      status: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      leaseOwner: null,
      leaseUntil: null,
    });
    return result.affected ?? 0;
  }

  /** Forget delivered rows older than `before` (they are in change control). */
  async purgeDone(before: Date): Promise<void> {
    await this.repo().delete({ status: In(['done', 'skipped']), deliveredAt: LessThan(before) });
  }
}
