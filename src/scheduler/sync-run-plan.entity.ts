import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReceivedItem } from './cron-protocol';

/**
 * What a held run keeps so that its release applies exactly it: the received items of the
 * batch the guard held (as read from the external system, in order), whatever the external
 * system offers by the time of the release; a real-time hold keeps one row per held delete.
 */
@Entity('sync_run_plan')
export class SyncRunPlanEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  runId!: number;

  @Column({ type: 'simple-json' })
  items!: ReceivedItem[];

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;
}
