import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createTable, datetime, integer, text, varchar } from '../../database/schema-helpers';

/** Per sync object and record: the flapping history, the flag, and the inbound change held while flagged. */
export class FlappingRecords1764309627300 implements MigrationInterface {
  name = 'FlappingRecords1764309627300';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_flapping',
        columns: [
          { ...integer('sync_object_id', false), isPrimary: true },
          { ...integer('record_id', false), isPrimary: true },
          varchar('external_id', 128),
          text('events', false),
          datetime('flagged_at'),
          text('flips'),
          text('held_inbound'),
          datetime('updated_at', false),
        ],
      }),
    );
    await runner.createIndex(
      'sync_flapping',
      new TableIndex({ name: 'ix_sync_flapping_external', columnNames: ['sync_object_id', 'external_id'] }),
    );
    await runner.createIndex(
      'sync_flapping',
      new TableIndex({ name: 'ix_sync_flapping_flagged', columnNames: ['sync_object_id', 'flagged_at'] }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_flapping', true);
  }
}
