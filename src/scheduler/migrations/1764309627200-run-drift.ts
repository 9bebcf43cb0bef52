import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { text } from '../../database/schema-helpers';

/** A run's schema drift counts (unknown keys, missing fields, type mismatches). */
export class RunDrift1764309627200 implements MigrationInterface {
  name = 'RunDrift1764309627200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('sync_run', new TableColumn(text('drift')));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('sync_run', 'drift');
  }
}
