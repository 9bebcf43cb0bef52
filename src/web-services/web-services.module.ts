/**
 * web-services: external endpoints (the seed's web services, /api/web-services),
 * their credentials (encrypted at rest with SECRETS_KEY) and the outbound HTTP client.
 * Exports for other modules: WebServicesService.getEntity, WebServiceClient.post,
 * WebServiceUsage, where sync-objects registers its "in use" check, and
 * WebServiceHealthProbe, where the outbox reports delivery health. Also the API inspector:
 * the last calls per web service (WebServiceCallRecorder, GET /api/web-services/:id/calls), and
 * throttling: each web service's rateLimit (a call schedule shared in the database) and
 * maxConcurrency, applied by WebServiceClient.post to every call (WebServiceThrottle).
 */
import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { outboundHttpOptions } from './outbound/outbound-http.options';
import { WebServicesConfig, webServicesConfig } from './web-services.config';
import { WebServiceClient } from './outbound/web-service.client';
import { SecretsModule } from '../secrets/secrets.module';
import { WebServicesController } from './web-services.controller';
import { WebServiceRepository } from './web-service.repository';
import { WebServiceSecrets } from './web-service.secrets';
import { WebServicesService } from './web-services.service';
import { WebServiceHealthProbe } from './web-service.health';
import { WebServiceUsage } from './web-service.usage';
import { WebServiceCallRecorder } from './web-service-call.recorder';
import { WebServiceCallRepository } from './web-service-call.repository';
import { SettingsModule } from '../settings/settings.module';
import { WebServiceThrottle } from './outbound/web-service.throttle';
import { WebServiceThrottleRepository } from './web-service-throttle.repository';

@Module({
  // The only HttpModule of the application: every call to a web service goes through its HttpService.
  imports: [
    SecretsModule,
    SettingsModule,
    HttpModule.registerAsync({
      inject: [webServicesConfig.KEY],
      useFactory: (config: WebServicesConfig) => outboundHttpOptions(config.concurrentCalls, config.maxAnswerBytes),
    }),
  ],
  controllers: [WebServicesController],
  providers: [
    WebServiceSecrets,
    WebServiceRepository,
    WebServiceUsage,
    WebServiceHealthProbe,
    WebServiceCallRepository,
    WebServiceCallRecorder,
    WebServiceThrottleRepository,
    WebServiceThrottle,
    WebServiceClient,
    WebServicesService,
  ],
  exports: [WebServicesService, WebServiceClient, WebServiceUsage, WebServiceHealthProbe, WebServiceSecrets],
})
export class WebServicesModule {}
