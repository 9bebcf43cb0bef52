import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { text, varchar } from '../../database/schema-helpers';

/** Per sync object: the schema-drift policy (default warn) and the flapping thresholds (null: the defaults). */
export class DriftAndFlappingPolicies1764309627000 implements MigrationInterface {
  name = 'DriftAndFlappingPolicies1764309627000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('sync_object', [
      new TableColumn({ ...varchar('schema_drift', 16, false), default: "'warn'" }),
      new TableColumn(text('flapping')),
    ]);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumns('sync_object', ['flapping', 'schema_drift']);
  }
}
