/**
 * api-keys: the inbound API keys of the /sync routes (/api/settings/api-keys).
 * Keys are stored as SHA-256 only; ApiKeysService.verify() is what the realtime
 * routes call to authenticate the external system.
 */
import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-key.controller';
import { ApiKeyRepository } from './api-key.repository';
import { ApiKeysService } from './api-key.service';

@Module({
  controllers: [ApiKeysController],
  providers: [ApiKeyRepository, ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
