import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DriftKind } from './drift-detector';

/** One drifting field of one sync object: how often, since when, until when, and a (short, never secret) example. */
@Entity('sync_drift')
export class DriftEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'integer' })
  syncObjectId!: number;

  @Column({ type: 'varchar', length: 16 })
  kind!: DriftKind;

  @Column({ type: 'varchar', length: 128 })
  field!: string;

  @Column({ type: 'integer' })
  occurrences!: number;

  @Column({ type: 'varchar', length: 255, nullable: true })
  example!: string | null;

  @Column({ type: 'datetime', precision: 3 })
  firstSeenAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  lastSeenAt!: Date;
}
