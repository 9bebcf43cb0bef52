import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { SyncGuard } from './guard';
import {
  Direction,
  EndpointSetting,
  FieldMapping,
  FlappingPolicy,
  Priority,
  SchemaDriftPolicy,
  ScheduleUnit,
  SyncMode,
} from './sync-object.types';

/** The seed's "Synchronization Object": how one Odoo model syncs with one external model. */
@Entity('sync_object')
export class SyncObjectEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  direction!: Direction;

  @Column({ type: 'integer' })
  webServiceId!: number;

  @Column({ type: 'varchar', length: 16 })
  mode!: SyncMode;

  @Column({ type: 'varchar', length: 16 })
  priority!: Priority;

  @Column({ type: 'varchar', length: 64 })
  odooModel!: string;

  @Column({ type: 'varchar', length: 64 })
  odooRefField!: string;

  @Column({ type: 'boolean' })
  propagateDeletes!: boolean;

  @Column({ type: 'integer' })
  syncModelId!: number;

  @Column({ type: 'varchar', length: 64 })
  externalRefField!: string;

  @Column({ type: 'text' })
  domain!: string;

  /** The seed's "Limit": records per cron batch. (`limit` is an SQL keyword, hence the column name.) */
  @Column({ type: 'integer', name: 'record_limit' })
  limit!: number;

  /** Keep receiving batches in one run until a batch is shorter than the limit. */
  @Column({ type: 'boolean' })
  drain!: boolean;

  @Column({ type: 'simple-json' })
  fields!: FieldMapping[];

  @Column({ type: 'simple-json' })
  endpoints!: EndpointSetting[];

  @Column({ type: 'integer' })
  scheduleInterval!: number;

  @Column({ type: 'varchar', length: 16 })
  scheduleUnit!: ScheduleUnit;

  /** A cron expression (five fields); when set it replaces interval and unit. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  scheduleCron!: string | null;

  /** The IANA zone the cron expression is read in. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  scheduleTimezone!: string | null;

  /** When the interval schedule was set: its slots are counted from here (months keep their day). */
  @Column({ type: 'datetime', precision: 3, nullable: true })
  scheduleAnchorAt!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  nextRunAt!: Date | null;

  /** The mass-change guard (guard.ts); null: none. */
  @Column({ type: 'simple-json', nullable: true })
  guard!: SyncGuard | null;

  /** What to do about schema drift in received payloads (ignore, warn, hold). */
  @Column({ type: 'varchar', length: 16 })
  schemaDrift!: SchemaDriftPolicy;

  /** When a record counts as flapping; null: DEFAULT_FLAPPING. */
  @Column({ type: 'simple-json', nullable: true })
  flapping!: FlappingPolicy | null;

  @Column({ type: 'boolean' })
  active!: boolean;

  @Column({ type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ type: 'datetime', precision: 3 })
  updatedAt!: Date;
}
