import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Min } from 'class-validator';
import { PageQuery } from '../../common/page.query';
import { OUTBOX_STATUSES, OutboxStatus } from '../outbox.entity';

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
  syncObjectId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  webServiceId?: number;
}

export class RetryOutboxDto {
  @ApiPropertyOptional({ description: 'Only the dead rows of this sync object (default: every dead row)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  syncObjectId?: number;
}
