/**
 * scheduler: cron mode. Runs every active cron-mode sync object when due (claims
 * through the database, safe with several instances), the run of one object
 * (receive, confirm, send — one service per step), the sync_run history, and the
 * routes /api/sync-objects/:id/run, /api/sync-objects/:id/resync and /api/sync-runs.
 */
import { Module } from '@nestjs/common';
import { RealtimeDeleteRepository } from './realtime-delete.repository';
import { RealtimeHolds } from './realtime-holds.service';
import { ChangeControlModule } from '../change-control/change-control.module';
import { DriftModule } from '../drift/drift.module';
import { EngineModule } from '../engine/engine.module';
import { FlappingModule } from '../flapping/flapping.module';
import { OutboxModule } from '../outbox/outbox.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { WebServicesModule } from '../web-services/web-services.module';
import { CronScheduleRepository } from './cron-schedule.repository';
import { ObjectRunner } from './object-run.service';
import { RunClaims } from './run-claims.service';
import { RunEvents } from './run-events';
import { SchedulerService } from './scheduler.service';
import { ConfirmStep } from './steps/confirm.step';
import { ReceiveStep } from './steps/receive.step';
import { SendStep } from './steps/send.step';
import { SyncObjectRunController } from './sync-object-run.controller';
import { SyncRunRepository } from './sync-run.repository';
import { SyncRunPlanRepository } from './sync-run-plan.repository';
import { RunGuard } from './run-guard.service';
import { DryRunService } from './dry-run.service';
import { SyncStateModule } from '../sync-state/sync-state.module';
import { SyncRunsController } from './sync-runs.controller';
import { SyncRunsService } from './sync-runs.service';

@Module({
  imports: [
    SyncObjectsModule,
    WebServicesModule,
    EngineModule,
    ChangeControlModule,
    OutboxModule,
    SyncStateModule,
    DriftModule,
    FlappingModule,
  ],
  controllers: [SyncRunsController, SyncObjectRunController],
  providers: [
    SyncRunRepository,
    RealtimeDeleteRepository,
    RealtimeHolds,
    SyncRunPlanRepository,
    RunGuard,
    DryRunService,
    CronScheduleRepository,
    RunClaims,
    ReceiveStep,
    ConfirmStep,
    SendStep,
    ObjectRunner,
    RunEvents,
    SyncRunsService,
    SchedulerService,
  ],
  exports: [SyncRunsService, RunEvents, RealtimeHolds],
})
export class SchedulerModule {}
