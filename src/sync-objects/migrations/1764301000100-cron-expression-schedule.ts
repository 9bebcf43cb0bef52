import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { datetime, varchar } from '../../database/schema-helpers';

/** Cron-mode schedules by cron expression + time zone, and the anchor interval slots are counted from. */
export class CronExpressionSchedule1764301000100 implements MigrationInterface {
  name = 'CronExpressionSchedule1764301000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sync_object', [
      new TableColumn(varchar('schedule_cron', 128)),
      new TableColumn(varchar('schedule_timezone', 64)),
      new TableColumn(datetime('schedule_anchor_at')),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('sync_object', ['schedule_anchor_at', 'schedule_timezone', 'schedule_cron']);
  }
}
