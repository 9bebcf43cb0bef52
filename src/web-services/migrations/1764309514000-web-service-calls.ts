import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { boolean, createTable, datetime, idColumn, integer, text, varchar } from '../../database/schema-helpers';

/** The API inspector: the last calls per web service (kept to 200 each, purged with the log retention). */
export class WebServiceCalls1764309514000 implements MigrationInterface {
  name = 'WebServiceCalls1764309514000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'web_service_call',
        columns: [
          idColumn(),
          integer('web_service_id', false),
          varchar('kind', 16, false),
          datetime('at', false),
          varchar('url', 2048, false),
          integer('status'),
          varchar('outcome', 32, false),
          varchar('error', 512),
          integer('duration_ms', false),
          text('request_headers', false),
          text('request_body'),
          boolean('request_truncated', false),
          text('response_body'),
          boolean('response_truncated', false),
        ],
        indices: [
          // The listing (newest first) and the trim to the newest 200, per web service.
          { name: 'ix_web_service_call_service', columnNames: ['web_service_id', 'id'] },
          // The retention purge.
          { name: 'ix_web_service_call_at', columnNames: ['at'] },
        ],
        foreignKeys: [
          {
            name: 'fk_web_service_call_service',
            columnNames: ['web_service_id'],
            referencedTableName: 'web_service',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('web_service_call');
  }
}
