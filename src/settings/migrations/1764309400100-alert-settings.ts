import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { integer, varchar } from '../../database/schema-helpers';

/** Settings of the alerts: the webhook notified of state changes, and the auto-pause after failed runs. */
export class AlertSettings1764309400100 implements MigrationInterface {
  name = 'AlertSettings1764309400100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('settings', [
      new TableColumn(varchar('alert_webhook_url', 2000)),
      new TableColumn(integer('pause_after_failed_runs')),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('settings', 'pause_after_failed_runs');
    await runner.dropColumn('settings', 'alert_webhook_url');
  }
}
