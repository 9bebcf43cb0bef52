import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { bigint, createTable, integer } from '../schema-helpers';

/** The one-row configuration version (src/database/config-version.ts), seeded at 1. */
export class ConfigVersion1764309200000 implements MigrationInterface {
  name = 'ConfigVersion1764309200000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'config_version',
        columns: [
          { ...integer('id', false), isPrimary: true },
          { ...bigint('version', false), default: 1 },
        ],
      }),
    );
    await runner.manager.createQueryBuilder().insert().into('config_version', ['id', 'version']).values({ id: 1, version: 1 }).execute();
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('config_version', true);
  }
}
