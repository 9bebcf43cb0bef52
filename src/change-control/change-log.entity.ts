import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ChangeAction, ChangeDirection, ChangeStatus, ChangeTrigger } from './change-log.types';

/**
 * One synchronization (the seed's change control). No foreign keys: the log
 * outlives the sync objects and records it mentions. Indexes: see the migration.
 */
@Entity('change_log')
export class ChangeLog {
  /** BIGINT on MySQL (an append-only log can pass 2^31 rows over its life), INTEGER (64-bit) on SQLite. */
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 32 })
  direction!: ChangeDirection;

  @Column({ type: 'varchar', length: 16 })
  action!: ChangeAction;

  @Column({ type: 'varchar', length: 128, nullable: true })
  externalId!: string | null;

  @Column({ type: 'integer', nullable: true })
  odooId!: number | null;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  /** JSON text (LONGTEXT on MySQL), capped at 64 KB by the service. */
  @Column({ type: 'text', nullable: true })
  originValues!: string | null;

  @Column({ type: 'text', nullable: true })
  destinationValues!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  modifiedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  syncedAt!: Date;

  @Column({ type: 'varchar', length: 16 })
  status!: ChangeStatus;

  @Column({ type: 'text', nullable: true })
  errorMessage!: string | null;

  @Column({ type: 'integer', nullable: true })
  syncObjectId!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  model!: string | null;

  /** `trigger` is a reserved word in MySQL; the column is `sync_trigger`. */
  @Column({ name: 'sync_trigger', type: 'varchar', length: 16 })
  trigger!: ChangeTrigger;

  @Column({ type: 'integer', nullable: true })
  durationMs!: number | null;
}
