import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One real-time delete of a sync object with a burst rule, kept for the rule's window (RealtimeHolds). */
@Entity('sync_realtime_delete')
export class RealtimeDeleteEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  syncObjectId!: number;

  @Column({ type: 'datetime', precision: 3 })
  deletedAt!: Date;
}
