import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The mapped external fields a sync object has received at least once: a seen field that stops arriving is drift. */
@Entity('sync_drift_seen')
export class SeenFieldsEntity {
  @PrimaryColumn({ type: 'integer' })
  syncObjectId!: number;

  @Column({ type: 'simple-json' })
  fields!: string[];

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
