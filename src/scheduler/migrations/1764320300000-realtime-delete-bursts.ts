import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { createTable, datetime, idColumn, integer } from '../../database/schema-helpers';

/**
 * Real-time delete bursts (the guard's `maxDeletes.windowSeconds`): sync_realtime_delete holds the recent
 * real-time deletes per object (the window's count, across instances); a held real-time run keeps one
 * plan row per held delete, so sync_run_plan's run index is no longer unique.
 */
export class RealtimeDeleteBursts1764320300000 implements MigrationInterface {
  name = 'RealtimeDeleteBursts1764320300000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_realtime_delete',
        columns: [idColumn(), integer('sync_object_id', false), datetime('deleted_at', false)],
        indices: [{ name: 'ix_sync_realtime_delete_object_at', columnNames: ['sync_object_id', 'deleted_at'] }],
      }),
    );
    await runner.dropIndex('sync_run_plan', 'uq_sync_run_plan_run');
    await runner.createIndex('sync_run_plan', new TableIndex({ name: 'ix_sync_run_plan_run', columnNames: ['run_id'] }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('sync_run_plan', 'ix_sync_run_plan_run');
    // The earlier version keeps one plan row per run: the first stays.
    await runner.query(
      'DELETE FROM sync_run_plan WHERE id NOT IN (SELECT id FROM (SELECT MIN(id) AS id FROM sync_run_plan GROUP BY run_id) AS firsts)',
    );
    await runner.createIndex('sync_run_plan', new TableIndex({ name: 'uq_sync_run_plan_run', columnNames: ['run_id'], isUnique: true }));
    await runner.dropTable('sync_realtime_delete', true);
  }
}
