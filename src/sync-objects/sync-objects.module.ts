/**
 * sync-objects: one per synced table — direction, web service, mode, priority, Odoo model and
 * ref field, external model and ref field, domain, limit, field mappings, schedule, inbound
 * endpoint table — plus the cached catalog of active objects the sync paths consult.
 */
import { Module } from '@nestjs/common';
import { SyncModelsModule } from '../sync-models/sync-models.module';
import { WebServicesModule } from '../web-services/web-services.module';
import { SyncObjectCatalog } from './sync-object.catalog';
import { SyncObjectController } from './sync-object.controller';
import { SyncObjectRepository } from './sync-object.repository';
import { SyncObjectsService } from './sync-object.service';

@Module({
  imports: [SyncModelsModule, WebServicesModule],
  controllers: [SyncObjectController],
  providers: [SyncObjectRepository, SyncObjectCatalog, SyncObjectsService],
  exports: [SyncObjectCatalog, SyncObjectsService, SyncModelsModule],
})
export class SyncObjectsModule {}
