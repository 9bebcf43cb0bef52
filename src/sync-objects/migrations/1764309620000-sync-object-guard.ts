import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { text } from '../../database/schema-helpers';

/** The mass-change guard of a sync object (JSON, see src/sync-objects/guard.ts); NULL: none. */
export class SyncObjectGuard1764309620000 implements MigrationInterface {
  name = 'SyncObjectGuard1764309620000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('sync_object', new TableColumn(text('guard')));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('sync_object', 'guard');
  }
}
