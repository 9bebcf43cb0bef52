import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, integer, text, varchar } from '../../database/schema-helpers';

/** One alert state row per subject (sync object, web service), claimed by conditional updates. */
export class AlertState1764309400000 implements MigrationInterface {
  name = 'AlertState1764309400000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'alert_state',
        columns: [
          { ...varchar('subject', 64, false), isPrimary: true },
          varchar('level', 16, false),
          text('reasons', false),
          integer('version', false, 0),
          datetime('since', false),
          datetime('updated_at', false),
          datetime('paused_at'),
          boolean('auto_paused', false),
          text('notify_error'),
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('alert_state', true);
  }
}
