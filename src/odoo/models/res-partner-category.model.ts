import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ModelDefinition } from '../model-definition';
import { AUDIT_FIELDS, AuditColumns } from './audit-columns';

@Entity('res_partner_category')
export class ResPartnerCategory extends AuditColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;
}

export const RES_PARTNER_CATEGORY: ModelDefinition = {
  name: 'res.partner.category',
  description: 'Contact Tag',
  table: 'res_partner_category',
  entity: ResPartnerCategory,
  recName: 'name',
  order: 'name asc',
  fields: {
    id: { name: 'id', type: 'integer', label: 'ID', readonly: true },
    name: { name: 'name', type: 'char', label: 'Tag Name', required: true, size: 128 },
    ...AUDIT_FIELDS,
  },
};
