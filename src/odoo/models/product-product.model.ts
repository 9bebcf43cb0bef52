import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModelDefinition } from '../model-definition';
import { AUDIT_FIELDS, AuditColumns } from './audit-columns';

@Entity('product_product')
export class ProductProduct extends AuditColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  default_code!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  barcode!: string | null;

  @Column({ type: 'double', default: 0 })
  list_price!: number;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  x_sys_id!: string | null;
}

export const PRODUCT_PRODUCT: ModelDefinition = {
  name: 'product.product',
  description: 'Product',
  table: 'product_product',
  entity: ProductProduct,
  recName: 'name',
  order: 'default_code asc, name asc, id asc',
  fields: {
    id: { name: 'id', type: 'integer', label: 'ID', readonly: true },
    name: { name: 'name', type: 'char', label: 'Name', required: true, size: 255 },
    default_code: { name: 'default_code', type: 'char', label: 'Internal Reference', size: 64 },
    barcode: { name: 'barcode', type: 'char', label: 'Barcode', size: 64 },
    list_price: { name: 'list_price', type: 'float', label: 'Sales Price', defaultValue: 0 },
    active: { name: 'active', type: 'boolean', label: 'Active', defaultValue: true },
    x_sys_id: { name: 'x_sys_id', type: 'char', label: 'External ID', size: 64 },
    ...AUDIT_FIELDS,
  },
};
