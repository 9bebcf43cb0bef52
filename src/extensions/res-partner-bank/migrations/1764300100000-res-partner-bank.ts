import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { auditColumns, boolean, createTable, date, idColumn, integer, varchar } from '../../../database/schema-helpers';

export class ResPartnerBank1764300100000 implements MigrationInterface {
  name = 'ResPartnerBank1764300100000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'res_partner_bank',
        columns: [
          idColumn(),
          varchar('acc_number', 64, false),
          varchar('bank_name', 128),
          integer('partner_id'),
          varchar('acc_type', 16),
          date('opened_on'),
          boolean('active', true),
          varchar('x_sys_id', 64),
          ...auditColumns(),
        ],
        indices: [
          { name: 'uq_res_partner_bank_x_sys_id', columnNames: ['x_sys_id'], isUnique: true },
          { name: 'ix_res_partner_bank_partner_id', columnNames: ['partner_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_res_partner_bank_partner',
            columnNames: ['partner_id'],
            referencedTableName: 'res_partner',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.dropTable('res_partner_bank', true);
  }
}
