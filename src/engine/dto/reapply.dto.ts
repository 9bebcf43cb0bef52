import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsInt, IsISO8601, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ISO_INSTANT } from '../../change-control/change-log-filter';
import { CHANGE_ACTIONS, ChangeAction } from '../../change-control/change-log.types';
import { MAX_ID } from '../../common/page.query';
import { Omittable } from '../../common/omittable.decorator';
import type { ReapplyItem, ReapplyResult } from '../inbound-reapply.service';

export const REAPPLY_MAX_ROWS = 500;
const ISO_MESSAGE = '$property must be an ISO 8601 date or datetime, e.g. 2026-01-31T09:30:00Z';

/**
 * POST /api/change-log/reapply: which failed inbound changes to send through the inbound path again —
 * `ids`, or a sync object's failed inbound changes (optionally of one record, in a time range).
 */
export class ReapplyChangesDto {
  @ApiPropertyOptional({ type: [Number], maxItems: REAPPLY_MAX_ROWS, description: 'Change-log ids (each must be a failed inbound change)' })
  @Omittable()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(REAPPLY_MAX_ROWS)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(MAX_ID, { each: true })
  ids?: number[];

  @ApiPropertyOptional({ minimum: 1, description: 'The failed inbound changes of this sync object (instead of ids)' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncObjectId?: number;

  @ApiPropertyOptional({ maxLength: 128, description: 'With syncObjectId: only the changes of this external id' })
  @Omittable()
  @IsString()
  @Length(1, 128)
  externalId?: string;

  @ApiPropertyOptional({ description: 'With syncObjectId: changes synchronized at or after (ISO 8601)', example: '2026-12-01T00:00:00Z' })
  @Omittable()
  @Matches(ISO_INSTANT, { message: ISO_MESSAGE })
  @IsISO8601({ strict: true }, { message: ISO_MESSAGE })
  from?: string;

  @ApiPropertyOptional({ description: 'With syncObjectId: changes synchronized at or before (ISO 8601)' })
  @Omittable()
  @Matches(ISO_INSTANT, { message: ISO_MESSAGE })
  @IsISO8601({ strict: true }, { message: ISO_MESSAGE })
  to?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: REAPPLY_MAX_ROWS, description: 'At most this many changes, oldest first' })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(REAPPLY_MAX_ROWS)
  limit?: number;

  @ApiPropertyOptional({ default: false, description: 'Write nothing: answer how many changes would be re-applied, and which' })
  @Omittable()
  @IsBoolean()
  preview?: boolean;
}

export class ReapplyOutcomeView {
  @ApiProperty({ enum: ['success', 'failed'] }) status!: 'success' | 'failed';
  @ApiProperty({ description: 'Empty on success' }) errorMessage!: string;
  @ApiProperty({ type: Number, nullable: true }) odooId!: number | null;
}

export class ReapplyItemView implements ReapplyItem {
  @ApiProperty() changeLogId!: number;
  @ApiProperty({ type: Number, nullable: true }) syncObjectId!: number | null;
  @ApiProperty({ enum: CHANGE_ACTIONS }) action!: ChangeAction;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ type: String, nullable: true }) title!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) syncedAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'Why it failed then' }) errorMessage!: string | null;
  @ApiProperty({ enum: ['reapply', 'skip'] }) decision!: 'reapply' | 'skip';
  @ApiPropertyOptional({ description: 'Why a skipped change is left alone' }) reason?: string;
  @ApiPropertyOptional({
    type: ReapplyOutcomeView,
    description: 'What re-applying it did (not in a preview); a new change-log row says the same',
  })
  outcome?: ReapplyOutcomeView;
}

export class ReapplyResultView implements ReapplyResult {
  @ApiProperty({ description: 'Nothing was written' }) preview!: boolean;
  @ApiProperty({ description: 'Changes the filter matches in all (counted up to 100,000)' }) matched!: number;
  @ApiProperty({ description: 'Changes this call looked at (at most `limit`, oldest first)' }) considered!: number;
  @ApiProperty({ description: 'Of those, how many are (preview: would be) re-applied' }) wouldReapply!: number;
  @ApiProperty({ description: 'Of those, how many are left alone (each item says why)' }) skipped!: number;
  @ApiProperty({ description: 'Re-applied and now applied (0 in a preview)' }) succeeded!: number;
  @ApiProperty({ description: 'Re-applied and failed again (0 in a preview)' }) failed!: number;
  @ApiProperty({ type: [ReapplyItemView] }) items!: ReapplyItemView[];
}
