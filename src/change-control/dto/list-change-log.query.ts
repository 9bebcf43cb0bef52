import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';
import { ChangeLogFilterQuery } from './change-log-filter.query';
import { MAX_ID, MAX_OFFSET } from '../../common/page.query';

const sent = (_object: object, value: unknown): boolean => value !== undefined;

/** GET /api/change-log: filters plus offset or keyset pagination. */
export class ListChangeLogQuery extends ChangeLogFilterQuery {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 500 })
  @ValidateIf(sent)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0, description: 'Rows to skip; for deep pages prefer beforeId' })
  @ValidateIf(sent)
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_OFFSET)
  offset?: number;

  @ApiPropertyOptional({
    minimum: 1,
    description:
      "Keyset pagination: the rows listed after this entry (pass the previous answer's nextBeforeId); cost does not grow with depth",
  })
  @ValidateIf(sent)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  beforeId?: number;
}
