import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Max, MaxLength, Min, ValidateBy, ValidateIf } from 'class-validator';
import { SETTINGS_LIMITS } from '../settings.types';

/** Whether a property was sent at all: `null` is sent, and rejected by the type check (the columns are NOT NULL). */
const sent = (_object: object, value: unknown): boolean => value !== undefined;
const { logRetentionDays, outboxMaxAttempts, pauseAfterFailedRuns, alertWebhookUrl } = SETTINGS_LIMITS;
/** Nullable settings: `null` clears them, absent keeps them. */
const given = (_object: object, value: unknown): boolean => value !== undefined && value !== null;

/** Why `value` is not an absolute http(s) URL without credentials, or null. */
function urlProblem(value: unknown): string | null {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  return url.username || url.password ? 'must not contain credentials' : null;
}

function IsHttpUrl(): PropertyDecorator {
  return ValidateBy({
    name: 'isHttpUrl',
    validator: {
      validate: (value: unknown) => urlProblem(value) === null,
      defaultMessage: (args) => `alertWebhookUrl ${urlProblem(args?.value)}`,
    },
  });
}

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

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Where alert notifications are POSTed (Slack-compatible {"text"} plus fields); null: no notifications',
    maxLength: alertWebhookUrl.maxLength,
    example: 'https://hooks.slack.com/services/T000/B000/XXXX',
  })
  @ValidateIf(given)
  @IsString()
  @MaxLength(alertWebhookUrl.maxLength)
  @IsHttpUrl()
  alertWebhookUrl?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Deactivate a sync object after this many failed runs in a row; null: never',
    minimum: pauseAfterFailedRuns.min,
    maximum: pauseAfterFailedRuns.max,
    example: 5,
  })
  @ValidateIf(given)
  @IsInt()
  @Min(pauseAfterFailedRuns.min)
  @Max(pauseAfterFailedRuns.max)
  pauseAfterFailedRuns?: number | null;
}
