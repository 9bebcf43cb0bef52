import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { OdooFieldType } from '../odoo/model-definition';

/** One field of the external system's model (the seed's "Name fields / Code fields / Field type"). */
export interface SyncModelField {
  /** The key in the external system's payloads, e.g. `unique_id`. */
  name: string;
  /** Technical code; usually the same as the name. */
  code: string;
  type: OdooFieldType;
}

/** An external model schema, e.g. Contact with code CON (used in the /sync/CON/... URLs). */
@Entity('sync_model')
export class SyncModelEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'simple-json' })
  fields!: SyncModelField[];

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
