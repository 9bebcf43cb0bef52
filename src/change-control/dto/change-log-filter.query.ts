import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { ISO_INSTANT } from '../change-log-filter';
import {
  CHANGE_ACTIONS,
  CHANGE_DIRECTIONS,
  CHANGE_STATUSES,
  CHANGE_TRIGGERS,
  ChangeAction,
  ChangeDirection,
  ChangeStatus,
  ChangeTrigger,
} from '../change-log.types';
import { MAX_ID } from '../../common/page.query';

/** A query parameter that was sent (an empty `?status=` counts as sent, and is rejected). */
const sent = (_object: object, value: unknown): boolean => value !== undefined;
const ISO_MESSAGE = '$property must be an ISO 8601 date or datetime, e.g. 2026-01-31T09:30:00Z';

/** Filters of GET /api/change-log and its CSV export; all optional, combined with AND. */
export class ChangeLogFilterQuery {
  @ApiPropertyOptional({ enum: CHANGE_STATUSES })
  @ValidateIf(sent)
  @IsIn(CHANGE_STATUSES)
  status?: ChangeStatus;

  @ApiPropertyOptional({ description: 'Sync object id', minimum: 1 })
  @ValidateIf(sent)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncObjectId?: number;

  @ApiPropertyOptional({ enum: CHANGE_DIRECTIONS, description: 'The traceability' })
  @ValidateIf(sent)
  @IsIn(CHANGE_DIRECTIONS)
  direction?: ChangeDirection;

  @ApiPropertyOptional({ enum: CHANGE_ACTIONS })
  @ValidateIf(sent)
  @IsIn(CHANGE_ACTIONS)
  action?: ChangeAction;

  @ApiPropertyOptional({ description: 'Exact external id' })
  @ValidateIf(sent)
  @IsString()
  @MaxLength(128)
  externalId?: string;

  @ApiPropertyOptional({ description: 'Exact Odoo record id', minimum: 1 })
  @ValidateIf(sent)
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  odooId?: number;

  @ApiPropertyOptional({ description: 'Odoo model, e.g. res.partner' })
  @ValidateIf(sent)
  @IsString()
  @MaxLength(64)
  model?: string;

  @ApiPropertyOptional({ enum: CHANGE_TRIGGERS })
  @ValidateIf(sent)
  @IsIn(CHANGE_TRIGGERS)
  trigger?: ChangeTrigger;

  @ApiPropertyOptional({ description: 'syncedAt at or after this instant (ISO 8601; UTC without a zone)', example: '2026-01-01T00:00:00Z' })
  @ValidateIf(sent)
  @Matches(ISO_INSTANT, { message: ISO_MESSAGE })
  @IsISO8601({ strict: true }, { message: ISO_MESSAGE })
  from?: string;

  @ApiPropertyOptional({
    description: 'syncedAt at or before this instant (ISO 8601; UTC without a zone)',
    example: '2026-01-31T23:59:59Z',
  })
  @ValidateIf(sent)
  @Matches(ISO_INSTANT, { message: ISO_MESSAGE })
  @IsISO8601({ strict: true }, { message: ISO_MESSAGE })
  to?: string;

  @ApiPropertyOptional({
    description:
      'Words of the title (whole words, the last may be the beginning of one; case-insensitive). ' +
      'Without letters or digits: the title contains it.',
    example: 'azure furn',
  })
  @ValidateIf(sent)
  @IsString()
  @MaxLength(255)
  q?: string;
}
