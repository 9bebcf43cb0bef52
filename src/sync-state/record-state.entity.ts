import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What one sync object last synchronized for one record: whether the external
 * system has it (create vs update), its external id, and the values both sides
 * agreed on (the base of the bidirectional field-by-field merge).
 */
@Entity('sync_record_state')
export class RecordStateEntity {
  @PrimaryColumn({ type: 'integer' })
  syncObjectId!: number;

  @PrimaryColumn({ type: 'integer' })
  recordId!: number;

  @Column({ type: 'varchar', length: 128, nullable: true })
  externalId!: string | null;

  @Column({ type: 'boolean' })
  existsRemote!: boolean;

  /** External-side values (keyed by external field) as last synchronized. */
  @Column({ type: 'simple-json', nullable: true })
  syncedValues!: Record<string, unknown> | null;

  @Column({ type: 'datetime', precision: 3 })
  syncedAt!: Date;
}
