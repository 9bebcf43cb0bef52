/** web-services: external endpoints, their credentials (encrypted) and the outbound HTTP client. */
import { Module } from '@nestjs/common';

@Module({})
export class WebServicesModule {}
