import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditAction, AuditActor, AuditDiff, AuditResource } from './audit.types';

/** One admin write: when, who, what, on which resource, and the changed fields (secrets removed). */
@Entity('synchro_audit')
@Index('ix_synchro_audit_resource', ['resourceType', 'resourceId', 'id'])
@Index('ix_synchro_audit_action', ['action', 'id'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 32 })
  actor!: AuditActor;

  /** The client address of an HTTP call; null for the CLI. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  client!: string | null;

  @Column({ type: 'varchar', length: 16 })
  action!: AuditAction;

  @Column({ type: 'varchar', length: 32 })
  resourceType!: AuditResource;

  /** The resource's id (a record: `<model>/<id>`); null for settings and imports. */
  @Column({ type: 'varchar', length: 160, nullable: true })
  resourceId!: string | null;

  /** The resource's name when it has one (it stays readable after a delete). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  label!: string | null;

  @Column({ type: 'simple-json' })
  diff!: AuditDiff;
}
