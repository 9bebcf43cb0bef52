/**
 * change-control: the log of every synchronization (the seed's change control):
 * ChangeLogService.record()/recordMany() write it inside the caller's transaction;
 * /api/change-log lists, shows and exports it (CSV); retention purges it daily.
 */
import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ChangeLogExportService } from './change-log-export.service';
import { ChangeLogQueryService } from './change-log-query.service';
import { ChangeLogRetentionService } from './change-log-retention.service';
import { ChangeLogController } from './change-log.controller';
import { ChangeLogRepository } from './change-log.repository';
import { ChangeLogService } from './change-log.service';

@Module({
  imports: [SettingsModule],
  controllers: [ChangeLogController],
  providers: [ChangeLogRepository, ChangeLogService, ChangeLogQueryService, ChangeLogExportService, ChangeLogRetentionService],
  exports: [ChangeLogService],
})
export class ChangeControlModule {}
