import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { boolean, createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

/**
 * Held runs (the mass-change guard): why a run was held, who released it and when, whether it
 * ran without the guard; and sync_run_plan, the received items a held run keeps so that its
 * release applies exactly them (one row per held run; large, hence a table of its own).
 */
export class HeldRuns1764309620100 implements MigrationInterface {
  name = 'HeldRuns1764309620100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sync_run', [
      new TableColumn(text('hold_reason')),
      new TableColumn(datetime('released_at')),
      new TableColumn(varchar('released_by', 128)),
      new TableColumn(boolean('guard_bypassed', false)),
    ]);
    const mysql = runner.connection.options.type === 'mysql';
    await createTable(
      runner,
      new Table({
        name: 'sync_run_plan',
        columns: [
          idColumn(),
          integer('run_id', false),
          { name: 'items', type: mysql ? 'longtext' : 'text', isNullable: false },
          datetime('created_at', false),
        ],
        indices: [{ name: 'uq_sync_run_plan_run', columnNames: ['run_id'], isUnique: true }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('sync_run_plan', true);
    await runner.dropColumns('sync_run', ['guard_bypassed', 'released_by', 'released_at', 'hold_reason']);
  }
}
