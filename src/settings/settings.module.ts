/**
 * settings: the service-wide settings row — generateLogs (the seed's "Generate Logs"),
 * logRetentionDays, outboxMaxAttempts, the alerts' webhook (stored encrypted, answered redacted) — behind GET/PUT /api/settings, and
 * SettingsService, a cached reader for the modules that obey them, and RetentionSchedule,
 * the daily purge schedule the change log and the outbox share.
 */
import { Module } from '@nestjs/common';
import { SecretsModule } from '../secrets/secrets.module';
import { RetentionSchedule } from './retention.schedule';
import { SettingsController } from './settings.controller';
import { SettingsRepository } from './settings.repository';
import { SettingsService } from './settings.service';

@Module({
  imports: [SecretsModule],
  controllers: [SettingsController],
  providers: [SettingsRepository, SettingsService, RetentionSchedule],
  exports: [SettingsService, RetentionSchedule],
})
export class SettingsModule {}
