import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** An inbound API key of the /sync routes. Only its SHA-256 is stored, never the key. */
@Entity('sync_api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** SHA-256 hex of the key; unique, so importing a key twice is a conflict. */
  @Index('uq_sync_api_key_key_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  keyHash!: string;

  @Column({ type: 'varchar', length: 4 })
  last4!: string;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  /** Sync-model codes this key may call (`/sync/<code>/...`); null = every code. */
  @Column({ type: 'simple-json', nullable: true })
  syncModelCodes!: string[] | null;
}
