import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createTable, datetime, idColumn, integer, noPadCollations, text, varchar } from '../../database/schema-helpers';

/** Schema drift per sync object and field, and the mapped fields each object has received before. */
export class SchemaDrift1764309627100 implements MigrationInterface {
  name = 'SchemaDrift1764309627100';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_drift',
        columns: [
          idColumn(),
          integer('sync_object_id', false),
          varchar('kind', 16, false),
          varchar('field', 128, false),
          integer('occurrences', false, 0),
          varchar('example', 255),
          datetime('first_seen_at', false),
          datetime('last_seen_at', false),
        ],
      }),
    );
    if (runner.connection.options.type === 'mysql') {
      // Payload keys are case-sensitive: `Email` and `email` are two fields, as on SQLite.
      const { binary } = await noPadCollations(runner);
      await runner.query(`ALTER TABLE sync_drift MODIFY field varchar(128) CHARACTER SET utf8mb4 COLLATE ${binary} NOT NULL`);
    }
    await runner.createIndex(
      'sync_drift',
      new TableIndex({ name: 'uq_sync_drift_field', columnNames: ['sync_object_id', 'kind', 'field'], isUnique: true }),
    );
    await createTable(
      runner,
      new Table({
        name: 'sync_drift_seen',
        columns: [{ ...integer('sync_object_id', false), isPrimary: true }, text('fields', false), datetime('updated_at', false)],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_drift_seen', true);
    await runner.dropTable('sync_drift', true);
  }
}
