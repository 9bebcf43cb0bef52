import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min, ValidateIf } from 'class-validator';
import { SETTINGS_LIMITS } from '../settings.types';

/** Whether a property was sent at all: `null` is sent, and rejected by the type check (the columns are NOT NULL). */
const sent = (_object: object, value: unknown): boolean => value !== undefined;
const { logRetentionDays, outboxMaxAttempts } = SETTINGS_LIMITS;

/** PUT /api/settings: a partial update; absent properties keep their value. */
export class UpdateSettingsDto {
  @ApiPropertyOptional({ description: 'Log successful synchronizations too (failures are always logged)', example: true })
  @ValidateIf(sent)
  @IsBoolean()
  generateLogs?: boolean;

  @ApiPropertyOptional({
    description: 'Days a change-log row is kept',
    minimum: logRetentionDays.min,
    maximum: logRetentionDays.max,
    example: 90,
  })
  @ValidateIf(sent)
  @IsInt()
  @Min(logRetentionDays.min)
  @Max(logRetentionDays.max)
  logRetentionDays?: number;

  @ApiPropertyOptional({
    description: 'Delivery attempts before an outbound change is given up as failed',
    minimum: outboxMaxAttempts.min,
    maximum: outboxMaxAttempts.max,
    example: 12,
  })
  @ValidateIf(sent)
  @IsInt()
  @Min(outboxMaxAttempts.min)
  @Max(outboxMaxAttempts.max)
  outboxMaxAttempts?: number;
}
