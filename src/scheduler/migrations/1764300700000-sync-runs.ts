import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

/**
 * sync_run: one row per run of a sync object. `running_object_id` is unique and
 * NULL once the run is over (both SQLite and MySQL allow many NULLs in a unique
 * index), so at most one run per object is in progress across every instance.
 */
export class SyncRuns1764300700000 implements MigrationInterface {
  name = 'SyncRuns1764300700000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'sync_run',
        columns: [
          idColumn(),
          integer('sync_object_id', false),
          varchar('sync_trigger', 16, false),
          varchar('status', 16, false),
          datetime('planned_at'),
          datetime('started_at', false),
          datetime('finished_at'),
          integer('received', false, 0),
          integer('applied', false, 0),
          integer('failed', false, 0),
          integer('confirmed', false, 0),
          integer('sent', false, 0),
          text('error'),
          text('progress'),
          varchar('lease_owner', 64),
          datetime('lease_until'),
          integer('running_object_id'),
        ],
        indices: [
          { name: 'uq_sync_run_running_object', columnNames: ['running_object_id'], isUnique: true },
          // One object's history, newest first (the usual drill-down); the id order is the start order.
          { name: 'ix_sync_run_object', columnNames: ['sync_object_id', 'id'] },
          // "Show the failed runs"; and the sweep of abandoned runs (status running, lease expired).
          { name: 'ix_sync_run_status', columnNames: ['status', 'lease_until'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_run', true);
  }
}
