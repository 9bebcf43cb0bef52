import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { text, varchar } from '../../database/schema-helpers';

/**
 * The alert webhook URL is stored encrypted from now on, longer than the URL itself: the column
 * becomes text. A URL stored in clear before is sealed at the next start (SettingsService), since a
 * migration has no key.
 */
export class SealedAlertWebhook1764320200000 implements MigrationInterface {
  name = 'SealedAlertWebhook1764320200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.changeColumn('settings', 'alert_webhook_url', new TableColumn(text('alert_webhook_url')));
  }

  async down(runner: QueryRunner): Promise<void> {
    // The earlier version reads the column in clear: a sealed value means nothing to it.
    await runner.query("UPDATE settings SET alert_webhook_url = NULL WHERE alert_webhook_url LIKE 'v1:%'");
    await runner.changeColumn('settings', 'alert_webhook_url', new TableColumn(varchar('alert_webhook_url', 2000)));
  }
}
