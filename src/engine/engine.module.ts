/**
 * engine: applying inbound changes (real time and cron batches): reference resolution,
 * the bidirectional merge, the upsert through the write path, the change-log rows.
 * Mapping lives below in mapping/, sync state in sync-state/. Also the re-apply of failed inbound
 * changes (POST /api/change-log/reapply, with a preview), through the same InboundApplier.
 */
import { Module } from '@nestjs/common';
import { ChangeControlModule } from '../change-control/change-control.module';
import { MappingModule } from '../mapping/mapping.module';
import { SyncStateModule } from '../sync-state/sync-state.module';
import { InboundApplier } from './inbound-applier.service';
import { InboundBatchApplier } from './inbound-batch.service';
import { InboundMerge } from './inbound-merge';
import { ReferenceResolver } from './reference.resolver';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { ChangeLogReapplyController } from './change-log-reapply.controller';
import { InboundReapplyService } from './inbound-reapply.service';

@Module({
  imports: [ChangeControlModule, MappingModule, SyncStateModule, SyncObjectsModule],
  controllers: [ChangeLogReapplyController],
  providers: [ReferenceResolver, InboundMerge, InboundApplier, InboundBatchApplier, InboundReapplyService],
  exports: [InboundApplier, InboundBatchApplier],
})
export class EngineModule {}
