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
}
