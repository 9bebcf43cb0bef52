/**
 * alerts: per sync object and per web service a state (ok / warning / critical) from the
 * rules of alert.rules.ts over runs, the outbox and delivery health; kept in alert_state,
 * shown by GET /api/alerts, notified once per change to the alertWebhookUrl setting
 * (claimed through the database), and the optional auto-pause (pauseAfterFailedRuns).
 */
import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { SchedulerModule } from '../scheduler/scheduler.module';
import { SettingsModule } from '../settings/settings.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { WebServicesModule } from '../web-services/web-services.module';
import { AlertFactsRepository } from './alert-facts.repository';
import { AlertStateRepository } from './alert-state.repository';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

@Module({
  imports: [SettingsModule, WebServicesModule, SyncObjectsModule, OutboxModule, SchedulerModule],
  controllers: [AlertsController],
  providers: [AlertStateRepository, AlertFactsRepository, AlertsService],
  exports: [AlertsService],
})
export class AlertsModule {}
