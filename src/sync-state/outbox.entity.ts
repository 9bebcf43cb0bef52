import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const OUTBOX_STATUSES = ['pending', 'inflight', 'done', 'dead', 'skipped'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** `upsert` becomes create or update at delivery, depending on whether the external system has the record. */
export type OutboxKind = 'upsert' | 'delete';

/**
 * One local change waiting to reach an external system, written in the same
 * transaction as the change (transactional outbox).
 */
@Entity('sync_outbox')
export class OutboxEntity {
  /** Insertion order; per record it is commit order (the record's row lock serialises its writers). */
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  syncObjectId!: number;

  @Column({ type: 'integer' })
  webServiceId!: number;

  @Column({ type: 'varchar', length: 64 })
  model!: string;

  @Column({ type: 'integer' })
  recordId!: number;

  @Column({ type: 'varchar', length: 8 })
  kind!: OutboxKind;

  @Column({ type: 'varchar', length: 16 })
  status!: OutboxStatus;

  /** External id known at capture (deletes: the record is gone by delivery time). */
  @Column({ type: 'varchar', length: 128, nullable: true })
  externalId!: string | null;

  /** Fields changed (unioned when consecutive updates coalesce). */
  @Column({ type: 'simple-json' })
  changedFields!: string[];

  /** Deletes only: the mapped values of the record when it was deleted. */
  @Column({ type: 'simple-json', nullable: true })
  snapshot!: Record<string, unknown> | null;

  @Column({ type: 'integer' })
  attempts!: number;

  @Column({ type: 'datetime', precision: 3 })
  nextAttemptAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'integer', nullable: true })
  lastHttpStatus!: number | null;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  deliveredAt!: Date | null;
}

/** A new pending row: what capture and resync both queue. */
export function pendingRow(fields: {
  syncObjectId: number;
  webServiceId: number;
  model: string;
  recordId: number;
  kind: OutboxKind;
  changedFields: string[];
  externalId?: string | null;
  snapshot?: Record<string, unknown> | null;
  now: Date;
}): Omit<OutboxEntity, 'id'> {
  const { now, ...rest } = fields;
  return {
    ...rest,
    status: 'pending',
    externalId: fields.externalId ?? null,
    snapshot: fields.snapshot ?? null,
    attempts: 0,
    nextAttemptAt: now,
    leaseOwner: null,
    leaseUntil: null,
    lastError: null,
    lastHttpStatus: null,
    createdAt: now,
    deliveredAt: null,
  };
}
