/** settings: generateLogs, logRetentionDays (GET/PUT /api/settings). */
import { Module } from '@nestjs/common';

@Module({})
export class SettingsModule {}
