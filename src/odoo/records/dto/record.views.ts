import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ODOO_FIELD_TYPES, OdooFieldType } from '../../model-definition';

/** One field of a registered model, as GET /api/models lists it. */
export class ModelFieldView {
  @ApiProperty({ example: 'country_id' }) name!: string;
  @ApiProperty({ enum: ODOO_FIELD_TYPES }) type!: OdooFieldType;
  @ApiProperty({ example: 'Country' }) label!: string;
  @ApiProperty() required!: boolean;
  @ApiProperty({ description: 'Set by Synchro (id, create_date, write_date); refused on input' }) readonly!: boolean;
  @ApiPropertyOptional({ description: 'Relational fields: the target model', example: 'res.country' }) relation?: string;
  @ApiPropertyOptional({
    description: 'selection fields: [key, label] pairs',
    type: 'array',
    items: { type: 'array', items: { type: 'string' }, minItems: 2, maxItems: 2 },
    example: [
      ['bank', 'Normal'],
      ['iban', 'IBAN'],
    ],
  })
  selection?: [string, string][];
}

export class ModelView {
  @ApiProperty({ example: 'res.partner' }) name!: string;
  @ApiProperty({ example: 'Contact' }) description!: string;
  @ApiProperty({ type: [ModelFieldView] }) fields!: ModelFieldView[];
}

/**
 * A record: `id` plus its values keyed by Odoo field name (many2one → id, x2many → list of ids,
 * empty → false/null, dates YYYY-MM-DD, datetimes ISO 8601 UTC). Which keys exist depends on the model
 * (GET /api/models), hence a schema object open to more properties rather than a class.
 */
export const RECORD_SCHEMA = {
  type: 'object' as const,
  required: ['id'],
  properties: { id: { type: 'integer' as const, example: 7 } },
  additionalProperties: true,
  example: { id: 7, name: 'Azure Interior', is_company: true, country_id: 1, category_id: [] },
};

export const RECORD_PAGE_SCHEMA = {
  type: 'object' as const,
  required: ['items', 'total'],
  properties: {
    items: { type: 'array' as const, items: RECORD_SCHEMA },
    total: { type: 'integer' as const, description: 'Records matching the domain (ignoring limit/offset)' },
  },
};

/** Request body of POST/PUT /api/records/:model: values keyed by Odoo field name. */
export const RECORD_VALUES_SCHEMA = {
  type: 'object' as const,
  additionalProperties: true,
  description: 'Values keyed by Odoo field name; unknown fields and wrong types are refused (400 naming the field)',
};
