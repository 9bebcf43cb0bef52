import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_OFFSET } from '../../../common/page.query';

export class ListRecordsQuery {
  @ApiPropertyOptional({ description: "Odoo domain, e.g. [('customer', '=', True), ('country_id.code', 'in', ['ES', 'FR'])]" })
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  domain?: string;

  @ApiPropertyOptional({ default: 80, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({ description: 'Comma-separated fields with optional asc/desc, e.g. "name asc, id desc"' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  order?: string;
}
