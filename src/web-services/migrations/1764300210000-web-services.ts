import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

/** The external endpoints (the seed's web services); credentials encrypted. */
export class WebServices1764300210000 implements MigrationInterface {
  name = 'WebServices1764300210000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'web_service',
        columns: [
          idColumn(),
          varchar('name', 128, false),
          varchar('url', 2048, false),
          boolean('needs_confirmation', false),
          varchar('confirmation_url', 2048),
          varchar('shipping_url', 2048),
          boolean('needs_authentication', false),
          varchar('auth_mode', 16),
          varchar('username', 255),
          text('password_encrypted'),
          text('api_key_encrypted'),
          integer('timeout_ms', false, 10000),
          boolean('active', true),
          datetime('created_at', false),
          datetime('updated_at', false),
        ],
        indices: [{ name: 'uq_web_service_name', columnNames: ['name'], isUnique: true }],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('web_service', true);
  }
}
