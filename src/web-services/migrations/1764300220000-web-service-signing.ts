import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** Optional Standard Webhooks signing secret per web service (encrypted). */
export class WebServiceSigning1764300220000 implements MigrationInterface {
  name = 'WebServiceSigning1764300220000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('web_service', new TableColumn({ name: 'signing_secret_encrypted', type: 'text', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('web_service', 'signing_secret_encrypted');
  }
}
