import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModelDefinition } from '../../odoo/model-definition';
import { AUDIT_FIELDS, AuditColumns } from '../../odoo/models/audit-columns';

/** Bank accounts of contacts: an example of a model added by an extension module. */
@Entity('res_partner_bank')
export class ResPartnerBank extends AuditColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 64 })
  acc_number!: string;

  @Column({ type: 'varchar', length: 128, nullable: true })
  bank_name!: string | null;

  @Column({ type: 'integer', nullable: true })
  partner_id!: number | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  acc_type!: string | null;

  @Column({ type: 'date', nullable: true })
  opened_on!: string | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  x_sys_id!: string | null;
}

export const RES_PARTNER_BANK: ModelDefinition = {
  name: 'res.partner.bank',
  description: 'Bank Account',
  table: 'res_partner_bank',
  entity: ResPartnerBank,
  recName: 'acc_number',
  order: 'acc_number asc',
  fields: {
    id: { name: 'id', type: 'integer', label: 'ID', readonly: true },
    acc_number: { name: 'acc_number', type: 'char', label: 'Account Number', required: true, size: 64 },
    bank_name: { name: 'bank_name', type: 'char', label: 'Bank', size: 128 },
    partner_id: { name: 'partner_id', type: 'many2one', label: 'Account Holder', relation: 'res.partner' },
    acc_type: {
      name: 'acc_type',
      type: 'selection',
      label: 'Type',
      selection: [
        ['bank', 'Normal'],
        ['iban', 'IBAN'],
      ],
    },
    opened_on: { name: 'opened_on', type: 'date', label: 'Opened on' },
    active: { name: 'active', type: 'boolean', label: 'Active', defaultValue: true },
    x_sys_id: { name: 'x_sys_id', type: 'char', label: 'External ID', size: 64 },
    ...AUDIT_FIELDS,
  },
};
