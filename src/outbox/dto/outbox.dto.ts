import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_ID, PageQuery } from '../../common/page.query';
import { OUTBOX_STATUSES, OutboxStatus } from '../../sync-state/outbox.entity';

export class ListOutboxQuery extends PageQuery {
  @ApiPropertyOptional({ enum: OUTBOX_STATUSES })
  @IsOptional()
  @IsIn(OUTBOX_STATUSES)
  status?: OutboxStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncObjectId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  webServiceId?: number;

  @ApiPropertyOptional({ description: 'Odoo model of the record, e.g. res.partner' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  model?: string;

  @ApiPropertyOptional({ description: 'Odoo id of the record' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  recordId?: number;
}

/** GET /api/outbox/sync-state: what each sync object last synchronized for one record. */
export class SyncStateQuery {
  @ApiProperty({ description: 'Odoo id of the record' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  recordId!: number;

  @ApiPropertyOptional({ description: 'Only this sync object' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  syncObjectId?: number;
}

export class SyncStateView {
  @ApiProperty() syncObjectId!: number;
  @ApiProperty() recordId!: number;
  @ApiProperty({ type: String, nullable: true }) externalId!: string | null;
  @ApiProperty({ description: 'The external system has the record (the next send is an update)' }) existsRemote!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'External-side values as last synchronized' })
  syncedValues!: Record<string, unknown> | null;
  @ApiProperty({ type: String, format: 'date-time' }) syncedAt!: Date;
}

export class RetryOutboxDto {
  @ApiPropertyOptional({ description: 'Only the dead rows of this sync object (default: every dead row)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncObjectId?: number;

  @ApiPropertyOptional({
    default: false,
    description: 'Move nothing: answer how many dead rows the call would put back in the queue, and which (the first 500)',
  })
  @IsOptional()
  @IsBoolean()
  preview?: boolean;
}
