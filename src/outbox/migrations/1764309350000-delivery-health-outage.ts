import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { integer } from '../../database/schema-helpers';

/** Consecutive "service unavailable" answers of a web service: > 0 while it is in an outage (probed one call at a time). */
export class DeliveryHealthOutage1764309350000 implements MigrationInterface {
  name = 'DeliveryHealthOutage1764309350000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.addColumn('delivery_health', new TableColumn(integer('outage_failures', false, 0)));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropColumn('delivery_health', 'outage_failures');
  }
}
