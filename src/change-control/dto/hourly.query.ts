import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** GET /api/change-log/hourly: the console's per-hour chart. */
export class HourlyQuery {
  @ApiPropertyOptional({ description: 'Only rows of this sync object', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  syncObjectId?: number;

  @ApiPropertyOptional({ description: 'Hours back, the current one included', default: 24, minimum: 1, maximum: 168 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(168)
  hours?: number;
}

export class HourBucketView {
  @ApiProperty({ format: 'date-time', description: 'Start of the hour (UTC)' }) hour!: string;
  @ApiProperty({ description: 'Rows with status success' }) success!: number;
  @ApiProperty({ description: 'Rows with status failed' }) failed!: number;
}

export class HourlyView {
  @ApiProperty({ type: [HourBucketView], description: 'Oldest first, zero-filled' }) buckets!: HourBucketView[];
}
