import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTable, datetime, idColumn, varchar } from '../../database/schema-helpers';

/** Inbound API keys of the /sync routes, stored hashed. */
export class ApiKeys1764300200000 implements MigrationInterface {
  name = 'ApiKeys1764300200000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_api_key',
        columns: [
          idColumn(),
          varchar('name', 128, false),
          varchar('key_hash', 64, false),
          varchar('last4', 4, false),
          datetime('created_at', false),
          datetime('last_used_at'),
        ],
        indices: [{ name: 'uq_sync_api_key_key_hash', columnNames: ['key_hash'], isUnique: true }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_api_key', true);
  }
}
