import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** The largest row id a filter or cursor takes (ids are 32-bit integers in every table). */
export const MAX_ID = 2_147_483_647;
/** The deepest offset page: deeper pages cost a scan of every row skipped (the change log has keyset pages). */
export const MAX_OFFSET = 1_000_000;

/** `limit` (1..500, default 50) and `offset` for list routes; extend it with the route's filters. */
export class PageQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;
}
