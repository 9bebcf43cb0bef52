import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import { MAX_ID, PageQuery } from '../../common/page.query';
import { RUN_STATUSES, RUN_TRIGGERS, RunStatus, RunTrigger } from '../sync-run.types';

/** GET /api/sync-runs: filters and offset pagination, newest first. */
export class ListSyncRunsQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  syncObjectId?: number;

  @ApiPropertyOptional({ enum: RUN_STATUSES })
  @IsOptional()
  @IsIn(RUN_STATUSES)
  status?: RunStatus;

  @ApiPropertyOptional({ enum: RUN_TRIGGERS })
  @IsOptional()
  @IsIn(RUN_TRIGGERS)
  trigger?: RunTrigger;
}

/** POST /api/sync-objects/:id/run (the body is optional). */
export class RunNowDto {
  @ApiPropertyOptional({
    default: false,
    description: 'Run once without the mass-change guard (audited); nothing else lifts a hold but a release',
  })
  @Omittable()
  @IsBoolean()
  bypassGuard?: boolean;
}
