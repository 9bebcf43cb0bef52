import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { RunDrift, RunProgress, RunStatus, RunTrigger } from './sync-run.types';

/**
 * One run of one sync object: receive (+ confirm) and send, with its counts.
 * While it runs, `runningObjectId` holds the object's id under a unique index —
 * the database itself refuses a second concurrent run of the object, whichever
 * instance tries — and `leaseUntil` is renewed by a heartbeat; a run whose lease
 * expired (its instance died) is closed as failed by whoever notices.
 */
@Entity('sync_run')
export class SyncRunEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  syncObjectId!: number;

  /** `trigger` is a reserved word in MySQL; the column is `sync_trigger`. */
  @Column({ name: 'sync_trigger', type: 'varchar', length: 16 })
  trigger!: RunTrigger;

  @Column({ type: 'varchar', length: 16 })
  status!: RunStatus;

  /** Cron runs: the due time this run serves. */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  plannedAt!: Date | null;

  @Column({ type: 'datetime', precision: 3 })
  startedAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  finishedAt!: Date | null;

  @Column({ type: 'integer' })
  received!: number;

  @Column({ type: 'integer' })
  applied!: number;

  @Column({ type: 'integer' })
  failed!: number;

  @Column({ type: 'integer' })
  confirmed!: number;

  @Column({ type: 'integer' })
  sent!: number;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ type: 'simple-json', nullable: true })
  progress!: RunProgress | null;

  /** Schema drift counts of the items received (null: runs from before drift was counted). */
  @Column({ type: 'simple-json', nullable: true })
  drift!: RunDrift | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  leaseOwner!: string | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  leaseUntil!: Date | null;

  /** Held runs: the threshold that held it, with the figures (the mass-change guard). */
  @Column({ type: 'text', nullable: true })
  holdReason!: string | null;

  /** When a held run's plan was released (applied), and by whom (the admin token's actor). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  releasedAt!: Date | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  releasedBy!: string | null;

  /** The run was started with `bypassGuard`: the guard did not weigh it. */
  @Column({ type: 'boolean', default: false })
  guardBypassed!: boolean;

  /** The object's id while running, NULL once finished (unique: one running run per object). */
  @Column({ type: 'integer', nullable: true })
  runningObjectId!: number | null;
}
