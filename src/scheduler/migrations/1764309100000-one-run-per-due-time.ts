import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * At most one run of an object per planned (due) time, whichever instance or cluster node
 * claims it: the conditional UPDATE of next_run_at already decides on one server, and this
 * unique key makes it a write every node certifies. Manual runs have no planned time (NULL,
 * never a duplicate). Older databases may hold double cron runs from before: the later
 * ones keep their history under a NULL planned time.
 */
export class OneRunPerDueTime1764309100000 implements MigrationInterface {
  name = 'OneRunPerDueTime1764309100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      'UPDATE sync_run SET planned_at = NULL WHERE planned_at IS NOT NULL AND id NOT IN ' +
        '(SELECT id FROM (SELECT MIN(id) AS id FROM sync_run WHERE planned_at IS NOT NULL GROUP BY sync_object_id, planned_at) firsts)',
    );
    await runner.createIndex(
      'sync_run',
      new TableIndex({ name: 'uq_sync_run_planned', columnNames: ['sync_object_id', 'planned_at'], isUnique: true }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropIndex('sync_run', 'uq_sync_run_planned');
  }
}
