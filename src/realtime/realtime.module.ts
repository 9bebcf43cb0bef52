/** realtime: the inbound REST routes /sync/:code/... the external system calls (API-key auth, seed envelope). */
import { Module } from '@nestjs/common';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { ApiKeysModule } from '../api-keys/api-keys.module';
import { DriftModule } from '../drift/drift.module';
import { EngineModule } from '../engine/engine.module';
import { FlappingModule } from '../flapping/flapping.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { RealtimeController } from './realtime.controller';
import { RealtimeService } from './realtime.service';
import { SyncApiKeyGuard } from './sync-api-key.guard';

@Module({
  imports: [ApiKeysModule, SyncObjectsModule, EngineModule, DriftModule, FlappingModule, SchedulerModule],
  controllers: [RealtimeController],
  providers: [RealtimeService, SyncApiKeyGuard],
})
export class RealtimeModule {}
