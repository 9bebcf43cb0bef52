import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, integer } from '../../database/schema-helpers';

/** The one-row settings table, seeded with the defaults so every instance reads the same row. */
export class Settings1764300300000 implements MigrationInterface {
  name = 'Settings1764300300000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'settings',
        columns: [
          { ...integer('id', false), isPrimary: true },
          boolean('generate_logs', true),
          integer('log_retention_days', false, 90),
          integer('outbox_max_attempts', false, 12),
          datetime('write_date'),
        ],
      }),
    );
    await runner.manager
      .createQueryBuilder()
      .insert()
      .into('settings', ['id', 'generate_logs', 'log_retention_days', 'outbox_max_attempts'])
      .values({ id: 1, generate_logs: 1, log_retention_days: 90, outbox_max_attempts: 12 })
      .execute();
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('settings', true);
  }
}
