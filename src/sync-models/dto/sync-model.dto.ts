import { ApiProperty, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { ODOO_FIELD_TYPES, OdooFieldType } from '../../odoo/model-definition';

export class SyncModelFieldDto {
  @ApiProperty({ example: 'unique_id', description: 'Field name in the external system (the key in its payloads)' })
  @IsString()
  @Length(1, 64)
  name!: string;

  @ApiProperty({ example: 'unique_id', description: 'Technical code; usually the same as the name' })
  @IsString()
  @Length(1, 64)
  code!: string;

  @ApiProperty({ enum: ODOO_FIELD_TYPES, example: 'char' })
  @IsIn(ODOO_FIELD_TYPES)
  type!: OdooFieldType;
}

export class CreateSyncModelDto {
  @ApiProperty({ example: 'Contact' })
  @IsString()
  @Length(1, 128)
  name!: string;

  @ApiProperty({ example: 'CON', description: 'URL-safe code used in /sync/CODE/... routes' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'code must be 1-32 characters of letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ type: [SyncModelFieldDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => SyncModelFieldDto)
  fields!: SyncModelFieldDto[];
}

// A PATCH may leave any property out, but a property it sends is validated: null is not "absent".
export class UpdateSyncModelDto extends PartialType(CreateSyncModelDto, { skipNullProperties: false }) {}
