import { ApiProperty } from '@nestjs/swagger';
import { Settings } from '../settings.types';

/** GET/PUT /api/settings answer (OpenAPI description of `Settings`). */
export class SettingsView implements Settings {
  @ApiProperty({ example: true })
  generateLogs!: boolean;

  @ApiProperty({ example: 90 })
  logRetentionDays!: number;

  @ApiProperty({ example: 12 })
  outboxMaxAttempts!: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Redacted: scheme and host only (the URL is a secret, stored encrypted); null when none is set',
    example: 'https://hooks.slack.com/…',
  })
  alertWebhookUrl!: string | null;

  @ApiProperty({ type: Number, nullable: true, example: 5 })
  pauseAfterFailedRuns!: number | null;
}
