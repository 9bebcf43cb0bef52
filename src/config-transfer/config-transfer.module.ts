/** config-transfer: export and import of the sync configuration (how it moves from staging to production). */
import { Module } from '@nestjs/common';
import { SyncObjectsModule } from '../sync-objects/sync-objects.module';
import { WebServicesModule } from '../web-services/web-services.module';
import { ConfigTransferController } from './config-transfer.controller';
import { ConfigTransferService } from './config-transfer.service';

@Module({
  imports: [SyncObjectsModule, WebServicesModule],
  controllers: [ConfigTransferController],
  providers: [ConfigTransferService],
})
export class ConfigTransferModule {}
