/**
 * flapping: records of bidirectional objects whose values go back and forth between the two sides
 * (flapping-detector.ts, pure), the history and flag per record (sync_flapping), and the holds while
 * flagged (FlappingTracker: the inbound paths and the delivery report to it). The admin routes that list
 * and release flagged records are in flapping-admin/ (they apply held changes through the engine).
 */
import { Module } from '@nestjs/common';
import { ChangeControlModule } from '../change-control/change-control.module';
import { SettingsModule } from '../settings/settings.module';
import { FlappingRepository } from './flapping.repository';
import { FlappingRetention } from './flapping.retention';
import { FlappingTracker } from './flapping.tracker';

@Module({
  imports: [ChangeControlModule, SettingsModule],
  providers: [FlappingRepository, FlappingTracker, FlappingRetention],
  exports: [FlappingRepository, FlappingTracker],
})
export class FlappingModule {}
