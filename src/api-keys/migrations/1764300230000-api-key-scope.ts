import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** An API key may be limited to some sync-model codes (JSON list); null = every code, as in the seed. */
export class ApiKeyScope1764300230000 implements MigrationInterface {
  name = 'ApiKeyScope1764300230000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('sync_api_key', new TableColumn({ name: 'sync_model_codes', type: 'text', isNullable: true }));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('sync_api_key', 'sync_model_codes');
  }
}
