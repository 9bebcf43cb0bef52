/**
 * change-control: the log of every synchronization (the seed's change control):
 * ChangeLogService.record()/recordMany() write it inside the caller's transaction;
 * /api/change-log lists, shows and exports it (CSV); retention purges it daily. FailedInboundChanges
 * reads the failed inbound changes the engine's re-apply (POST /api/change-log/reapply) replays.
 */
import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ChangeLogExportService } from './change-log-export.service';
import { ChangeLogQueryService } from './change-log-query.service';
import { ChangeLogRetentionService } from './change-log-retention.service';
import { ChangeLogController } from './change-log.controller';
import { ChangeLogRepository } from './change-log.repository';
import { ChangeLogService } from './change-log.service';
import { FailedInboundChanges } from './failed-inbound-changes.service';

@Module({
  imports: [SettingsModule],
  controllers: [ChangeLogController],
  providers: [
    ChangeLogRepository,
    ChangeLogService,
    ChangeLogQueryService,
    ChangeLogExportService,
    ChangeLogRetentionService,
    FailedInboundChanges,
  ],
  exports: [ChangeLogService, FailedInboundChanges],
})
export class ChangeControlModule {}
