/** api-keys: the inbound API keys of the /sync routes (/api/settings/api-keys). */
import { Module } from '@nestjs/common';

@Module({})
export class ApiKeysModule {}
