import { ApiProperty } from '@nestjs/swagger';
import { ODOO_FIELD_TYPES, OdooFieldType } from '../../odoo/model-definition';
import type { SyncModelField } from '../sync-model.entity';
import type { SyncModelView } from '../sync-model.service';

export class SyncModelFieldView implements SyncModelField {
  @ApiProperty({ example: 'unique_id' }) name!: string;
  @ApiProperty({ example: 'unique_id' }) code!: string;
  @ApiProperty({ enum: ODOO_FIELD_TYPES, example: 'char' }) type!: OdooFieldType;
}

/** A sync model as the API answers it (OpenAPI description of `SyncModelView`). */
export class SyncModelResponse implements SyncModelView {
  @ApiProperty() id!: number;
  @ApiProperty({ example: 'Contact' }) name!: string;
  @ApiProperty({ example: 'CON' }) code!: string;
  @ApiProperty({ type: [SyncModelFieldView] }) fields!: SyncModelFieldView[];
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}
