import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTable, datetime, idColumn, text, varchar } from '../../database/schema-helpers';

/** The audit trail of admin writes (GET /api/audit). */
export class AuditTrail1764309600300 implements MigrationInterface {
  name = 'AuditTrail1764309600300';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'synchro_audit',
        columns: [
          idColumn(),
          datetime('at', false),
          varchar('actor', 32, false),
          varchar('client', 64),
          varchar('action', 16, false),
          varchar('resource_type', 32, false),
          varchar('resource_id', 160),
          varchar('label', 255),
          text('diff', false),
        ],
        indices: [
          { name: 'ix_synchro_audit_resource', columnNames: ['resource_type', 'resource_id', 'id'] },
          { name: 'ix_synchro_audit_action', columnNames: ['action', 'id'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('synchro_audit', true);
  }
}
