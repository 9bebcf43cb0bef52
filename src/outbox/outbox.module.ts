/**
 * outbox: change capture (an outbox row per outbound sync object, in the change's
 * transaction), delivery of the seed's send request with retries, backoff,
 * dead-lettering and a circuit breaker per web service, and the /api/outbox API.
 */
import { Module } from '@nestjs/common';
import { ChangeControlModule } from '../change-control/change-control.module';
import { FlappingModule } from '../flapping/flapping.module';
import { MappingModule } from '../mapping/mapping.module';
import { SettingsModule } from '../settings/settings.module';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { WebServicesModule } from '../web-services/web-services.module';
import { DeliveryHealthRepository } from './delivery-health.repository';
import { DeliveryPlanner } from './delivery.planner';
import { DeliveryRecorder } from './delivery.recorder';
import { DeliveryService } from './delivery.service';
import { OutboxCapture } from './outbox-capture.service';
import { OutboxResync } from './outbox-resync.service';
import { OutboxController } from './outbox.controller';
import { OutboxDispatcher } from './outbox.dispatcher';
import { OutboxRetention } from './outbox-retention.service';
import { OutboxService } from './outbox.service';
import { OutboxSignal } from './outbox.signal';
import { OutboxSubscriber } from './outbox.subscriber';
import { SyncStateModule } from '../sync-state/sync-state.module';

@Module({
  imports: [SyncObjectsModule, WebServicesModule, SyncStateModule, MappingModule, ChangeControlModule, SettingsModule, FlappingModule],
  controllers: [OutboxController],
  providers: [
    DeliveryHealthRepository,
    OutboxSignal,
    OutboxCapture,
    OutboxSubscriber,
    DeliveryPlanner,
    DeliveryRecorder,
    DeliveryService,
    OutboxDispatcher,
    OutboxService,
    OutboxRetention,
    OutboxResync,
  ],
  exports: [OutboxDispatcher, OutboxService, OutboxResync, DeliveryPlanner],
})
export class OutboxModule {}
