import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTable, datetime, idColumn, text, varchar } from '../../database/schema-helpers';

export class SyncModels1764300400000 implements MigrationInterface {
  name = 'SyncModels1764300400000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_model',
        columns: [
          idColumn(),
          varchar('name', 128, false),
          varchar('code', 32, false),
          text('fields', false),
          datetime('created_at', false),
          datetime('updated_at', false),
        ],
        indices: [{ name: 'uq_sync_model_code', columnNames: ['code'], isUnique: true }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_model', true);
  }
}
