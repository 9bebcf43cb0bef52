import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModelDefinition } from '../model-definition';
import { AUDIT_FIELDS, AuditColumns } from './audit-columns';

/** Contacts: people and companies (Odoo's res.partner, the seed's CON example). */
@Entity('res_partner')
export class ResPartner extends AuditColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  phone!: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  street!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  zip!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  vat!: string | null;

  @Column({ type: 'integer', nullable: true })
  country_id!: number | null;

  @Column({ type: 'integer', nullable: true })
  parent_id!: number | null;

  @Column({ type: 'boolean', default: false })
  is_company!: boolean;

  @Column({ type: 'boolean', default: false })
  customer!: boolean;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'text', nullable: true })
  comment!: string | null;

  /** The external system's id: the usual Odoo ref field of a sync object. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  x_sys_id!: string | null;
}

export const RES_PARTNER: ModelDefinition = {
  name: 'res.partner',
  description: 'Contact',
  hierarchyLabel: 'Partner',
  table: 'res_partner',
  entity: ResPartner,
  recName: 'name',
  order: 'name asc, id asc',
  fields: {
    id: { name: 'id', type: 'integer', label: 'ID', readonly: true },
    name: { name: 'name', type: 'char', label: 'Name', required: true, size: 255 },
    email: { name: 'email', type: 'char', label: 'Email', size: 255 },
    phone: { name: 'phone', type: 'char', label: 'Phone', size: 64 },
    street: { name: 'street', type: 'char', label: 'Street', size: 255 },
    city: { name: 'city', type: 'char', label: 'City', size: 128 },
    zip: { name: 'zip', type: 'char', label: 'Zip', size: 24 },
    vat: { name: 'vat', type: 'char', label: 'Tax ID', size: 64 },
    country_id: { name: 'country_id', type: 'many2one', label: 'Country', relation: 'res.country' },
    parent_id: { name: 'parent_id', type: 'many2one', label: 'Related Company', relation: 'res.partner' },
    child_ids: {
      name: 'child_ids',
      type: 'one2many',
      label: 'Contact',
      relation: 'res.partner',
      inverseName: 'parent_id',
    },
    category_id: {
      name: 'category_id',
      type: 'many2many',
      label: 'Tags',
      relation: 'res.partner.category',
      relationTable: 'res_partner_res_partner_category_rel',
      column1: 'partner_id',
      column2: 'category_id',
    },
    is_company: { name: 'is_company', type: 'boolean', label: 'Is a Company', defaultValue: false },
    customer: { name: 'customer', type: 'boolean', label: 'Is a Customer', defaultValue: false },
    active: { name: 'active', type: 'boolean', label: 'Active', defaultValue: true },
    comment: { name: 'comment', type: 'text', label: 'Notes' },
    x_sys_id: { name: 'x_sys_id', type: 'char', label: 'External ID', size: 64 },
    ...AUDIT_FIELDS,
  },
};
