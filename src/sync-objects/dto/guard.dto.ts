import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumber, Max, Min, ValidateNested } from 'class-validator';
import { Omittable } from '../../common/omittable.decorator';
import type { DeleteGuardLimit, GuardLimit, SyncGuard } from '../guard';

export class GuardLimitDto implements GuardLimit {
  @ApiPropertyOptional({ example: 100, minimum: 0, maximum: 1000000, description: 'More than this many in one run holds it' })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  count?: number;

  @ApiPropertyOptional({
    example: 20,
    minimum: 0,
    maximum: 100,
    description: "More than this share of the object's records (within its domain) in one run holds it",
  })
  @Omittable()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  percent?: number;
}

export class DeleteGuardLimitDto extends GuardLimitDto implements DeleteGuardLimit {
  @ApiPropertyOptional({
    example: 60,
    minimum: 1,
    maximum: 86400,
    description: 'Real-time bursts: more than `count` inbound deletes within this many seconds holds the further ones',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(86_400)
  windowSeconds?: number;
}

/** `guard` of a sync object (see src/sync-objects/guard.ts); every part optional. */
export class SyncGuardDto implements SyncGuard {
  @ApiPropertyOptional({ type: DeleteGuardLimitDto })
  @Omittable()
  @ValidateNested()
  @Type(() => DeleteGuardLimitDto)
  maxDeletes?: DeleteGuardLimitDto;

  @ApiPropertyOptional({ type: GuardLimitDto })
  @Omittable()
  @ValidateNested()
  @Type(() => GuardLimitDto)
  maxUpdates?: GuardLimitDto;
}
