import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes for the filter combinations operators use most, measured by `npm run bench`
 * (B5): "failures of one object" and "one direction over a date range" scanned every
 * row of the object / of the range without them.
 */
export class ChangeLogFilterIndexes1764300300200 implements MigrationInterface {
  name = 'ChangeLogFilterIndexes1764300300200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.createIndex(
      'change_log',
      new TableIndex({ name: 'ix_change_log_object_status', columnNames: ['sync_object_id', 'status', 'synced_at'] }),
    );
    await runner.createIndex('change_log', new TableIndex({ name: 'ix_change_log_direction', columnNames: ['direction', 'synced_at'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('change_log', 'ix_change_log_direction');
    await runner.dropIndex('change_log', 'ix_change_log_object_status');
  }
}
