import { Column } from 'typeorm';
import { FieldDefinition } from '../model-definition';

/** create_date / write_date, kept by Synchro's write path (never by the client). */
export abstract class AuditColumns {
  @Column({ type: 'datetime', precision: 3, nullable: true })
  create_date!: Date | null;

  @Column({ type: 'datetime', precision: 3, nullable: true })
  write_date!: Date | null;
}

export const AUDIT_FIELDS: Record<string, FieldDefinition> = {
  create_date: { name: 'create_date', type: 'datetime', label: 'Created on', readonly: true },
  write_date: { name: 'write_date', type: 'datetime', label: 'Last Updated on', readonly: true },
};
