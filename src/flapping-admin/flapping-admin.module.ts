/**
 * flapping-admin: the admin routes of flapping records — GET /api/sync-objects/:id/flapping and
 * POST /api/sync-objects/:id/flapping/:recordId/release (with or without a pinned side). Above the engine:
 * a release applies the held inbound change through the one inbound path.
 */
import { Module } from '@nestjs/common';
import { EngineModule } from '../engine/engine.module';
import { FlappingModule } from '../flapping/flapping.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { SyncStateModule } from '../sync-state/sync-state.module';
import { FlappingReleaseService } from './flapping-release.service';
import { FlappingController } from './flapping.controller';

@Module({
  imports: [FlappingModule, EngineModule, SyncObjectsModule, SyncStateModule],
  controllers: [FlappingController],
  providers: [FlappingReleaseService],
})
export class FlappingAdminModule {}
