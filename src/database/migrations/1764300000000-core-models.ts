import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { auditColumns, boolean, createTable, double, idColumn, integer, text, varchar } from '../schema-helpers';

/** The Odoo-side models Synchro ships with: countries, contact tags, contacts, products. */
export class CoreModels1764300000000 implements MigrationInterface {
  name = 'CoreModels1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await createTable(
      runner,
      new Table({
        name: 'res_country',
        columns: [idColumn(), varchar('name', 128, false), varchar('code', 8), ...auditColumns()],
        indices: [{ name: 'uq_res_country_code', columnNames: ['code'], isUnique: true }],
      }),
    );
    await createTable(
      runner,
      new Table({ name: 'res_partner_category', columns: [idColumn(), varchar('name', 128, false), ...auditColumns()] }),
    );
    await createTable(
      runner,
      new Table({
        name: 'res_partner',
        columns: [
          idColumn(),
          varchar('name', 255, false),
          varchar('email', 255),
          varchar('phone', 64),
          varchar('street', 255),
          varchar('city', 128),
          varchar('zip', 24),
          varchar('vat', 64),
          integer('country_id'),
          integer('parent_id'),
          boolean('is_company', false),
          boolean('customer', false),
          boolean('active', true),
          text('comment'),
          varchar('x_sys_id', 64),
          ...auditColumns(),
        ],
        indices: [
          { name: 'uq_res_partner_x_sys_id', columnNames: ['x_sys_id'], isUnique: true },
          { name: 'ix_res_partner_name', columnNames: ['name'] },
          { name: 'ix_res_partner_parent_id', columnNames: ['parent_id'] },
          { name: 'ix_res_partner_country_id', columnNames: ['country_id'] },
        ],
        foreignKeys: [
          {
            name: 'fk_res_partner_country',
            columnNames: ['country_id'],
            referencedTableName: 'res_country',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
          {
            name: 'fk_res_partner_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'res_partner',
            referencedColumnNames: ['id'],
            onDelete: 'SET NULL',
          },
        ],
      }),
    );
    await createTable(
      runner,
      new Table({
        name: 'res_partner_res_partner_category_rel',
        columns: [
          { ...integer('partner_id', false), isPrimary: true },
          { ...integer('category_id', false), isPrimary: true },
        ],
        indices: [{ name: 'ix_partner_category_rel_category', columnNames: ['category_id'] }],
        foreignKeys: [
          {
            name: 'fk_partner_category_rel_partner',
            columnNames: ['partner_id'],
            referencedTableName: 'res_partner',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'fk_partner_category_rel_category',
            columnNames: ['category_id'],
            referencedTableName: 'res_partner_category',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
        ],
      }),
    );
    await createTable(
      runner,
      new Table({
        name: 'product_product',
        columns: [
          idColumn(),
          varchar('name', 255, false),
          varchar('default_code', 64),
          varchar('barcode', 64),
          double('list_price', 0),
          boolean('active', true),
          varchar('x_sys_id', 64),
          ...auditColumns(),
        ],
        indices: [
          { name: 'uq_product_product_x_sys_id', columnNames: ['x_sys_id'], isUnique: true },
          { name: 'ix_product_product_default_code', columnNames: ['default_code'] },
        ],
      }),
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['product_product', 'res_partner_res_partner_category_rel', 'res_partner', 'res_partner_category', 'res_country']) {
      await runner.dropTable(table, true);
    }
  }
}
