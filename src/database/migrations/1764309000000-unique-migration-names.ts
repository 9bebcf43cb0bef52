import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The migration record can never hold one migration twice: a unique name. Instances
 * that raced before the lock row (GET_LOCK did not hold across Galera nodes) may have
 * recorded some migrations more than once; the first record of each is kept.
 */
export class UniqueMigrationNames1764309000000 implements MigrationInterface {
  name = 'UniqueMigrationNames1764309000000';

  async up(runner: QueryRunner): Promise<void> {
    // The derived table lets MySQL/MariaDB read the table it deletes from.
    await runner.query(
      'DELETE FROM synchro_migrations WHERE id NOT IN (SELECT id FROM (SELECT MIN(id) AS id FROM synchro_migrations GROUP BY name) firsts)',
    );
    await runner.createIndex(
      'synchro_migrations',
      new TableIndex({ name: 'uq_synchro_migrations_name', columnNames: ['name'], isUnique: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('synchro_migrations', 'uq_synchro_migrations_name');
  }
}
