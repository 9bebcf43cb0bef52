/** sync-models: the external system's model schemas (name, code used in /sync/CODE URLs, fields with Odoo types). */
import { Module } from '@nestjs/common';
import { SyncModelController } from './sync-model.controller';
import { SyncModelRepository } from './sync-model.repository';
import { SyncModelFieldUsage, SyncModelsService, SyncModelUsage } from './sync-model.service';

@Module({
  controllers: [SyncModelController],
  providers: [SyncModelRepository, SyncModelsService, SyncModelUsage, SyncModelFieldUsage],
  exports: [SyncModelsService, SyncModelUsage, SyncModelFieldUsage],
})
export class SyncModelsModule {}
