import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ModelDefinition } from '../model-definition';
import { AUDIT_FIELDS, AuditColumns } from './audit-columns';

@Entity('res_country')
export class ResCountry extends AuditColumns {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 8, nullable: true })
  code!: string | null;
}

export const RES_COUNTRY: ModelDefinition = {
  name: 'res.country',
  description: 'Country',
  table: 'res_country',
  entity: ResCountry,
  recName: 'name',
  order: 'name asc',
  fields: {
    id: { name: 'id', type: 'integer', label: 'ID', readonly: true },
    name: { name: 'name', type: 'char', label: 'Country Name', required: true, size: 128 },
    code: { name: 'code', type: 'char', label: 'Country Code', size: 8 },
    ...AUDIT_FIELDS,
  },
};
