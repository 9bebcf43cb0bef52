import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { bigint, createTable, integer } from '../../database/schema-helpers';

/**
 * Throttling toward an external system: a web service's `rateLimit` (requests per seconds) and
 * `maxConcurrency`, and `web_service_throttle`, the rate limit's shared schedule (the next free
 * call slot, epoch ms), one row per throttled web service, written with compare-and-swap.
 */
export class WebServiceThrottle1764320100000 implements MigrationInterface {
  name = 'WebServiceThrottle1764320100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumns('web_service', [
      new TableColumn(integer('rate_limit_requests')),
      new TableColumn(integer('rate_limit_per_seconds')),
      new TableColumn(integer('max_concurrency')),
    ]);
    await createTable(
      runner,
      new Table({
        name: 'web_service_throttle',
        columns: [
          { ...integer('web_service_id', false), isPrimary: true },
          { ...bigint('next_slot_ms', false), default: 0 },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('web_service_throttle');
    for (const column of ['max_concurrency', 'rate_limit_per_seconds', 'rate_limit_requests'])
      await runner.dropColumn('web_service', column);
  }
}
