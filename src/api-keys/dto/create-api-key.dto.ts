import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length, Matches } from 'class-validator';
import { IMPORTABLE_KEY, IMPORTABLE_KEY_PROBLEM } from '../api-key.secret';

/** `{name}` generates a key; `{name, key}` imports one an external system already uses. */
export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 128, example: 'ERP production' })
  @IsString()
  @Length(1, 128)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    minLength: 8,
    maxLength: 128,
    description: 'An existing key to import (8..128 printable ASCII characters, no spaces). Omit it to have a 32-character key generated.',
    example: 'MGNN4Q4JI6Z3I8J1ROT2F3QK7CESDP16',
  })
  @IsOptional()
  @IsString()
  @Matches(IMPORTABLE_KEY, { message: `key ${IMPORTABLE_KEY_PROBLEM}` })
  key?: string | null;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: 'Limit the key to these sync-model codes (e.g. ["CON"]); omit or null for every code',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  syncModelCodes?: string[] | null;
}
