import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_OFFSET } from '../../../common/page.query';
import { DOMAIN_LIMITS } from '../../domain/domain.types';

/** POST /api/records/:model/search: the listing's query in a body, for domains longer than a URL carries. */
export class SearchRecordsDto {
  @ApiPropertyOptional({ description: "Odoo domain, e.g. [('customer', '=', True)]", maxLength: DOMAIN_LIMITS.maxLength })
  @IsOptional()
  @IsString()
  @MaxLength(DOMAIN_LIMITS.maxLength)
  domain?: string;

  @ApiPropertyOptional({ default: 80, minimum: 1, maximum: 1000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
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
