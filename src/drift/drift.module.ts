/**
 * drift: schema drift of what the external system sends — keys the sync model does not define,
 * mapped fields that stopped arriving, values of the wrong type — counted per sync object and field
 * (DriftRecorder, called by the real-time route and the cron receive step), listed at
 * GET /api/sync-objects/:id/drift. The detection is pure (drift-detector.ts).
 */
import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { DriftController } from './drift.controller';
import { DriftRecorder } from './drift.recorder';
import { DriftRepository } from './drift.repository';
import { DriftRetention } from './drift.retention';
import { DriftService } from './drift.service';

@Module({
  imports: [SettingsModule, SyncObjectsModule],
  controllers: [DriftController],
  providers: [DriftRepository, DriftRecorder, DriftService, DriftRetention],
  exports: [DriftRecorder],
})
export class DriftModule {}
