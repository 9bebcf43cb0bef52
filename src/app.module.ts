/** The application: one module per capability (see README "Architecture"). */
import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { ConfigModule as NestConfigModule } from '@nestjs/config';
import { LoggerModule } from 'nestjs-pino';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { alertsConfig } from './alerts/alerts.config';
import { AlertsModule } from './alerts/alerts.module';
import { AuditContextMiddleware } from './audit/audit.context';
import { AuditModule } from './audit/audit.module';
import { AdminAuthGuard } from './common/admin-auth.guard';
import { AdminTokenMiddleware } from './common/admin-token.middleware';
import { authConfig } from './common/auth-failures.config';
import { AuthFailuresModule } from './common/auth-failures.module';
import { BodyMiddleware } from './common/body.middleware';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { JobsModule } from './common/jobs.module';
import { loggerParams } from './common/logging';
import { createValidationPipe } from './common/validation.pipe';
import { appConfig } from './config/app.config';
import { ConfigModule } from './config/config.module';
import { ConsoleModule } from './console/console.module';
import { loggingConfig } from './config/logging.config';
import { ConfigTransferModule } from './config-transfer/config-transfer.module';
import { DatabaseModule } from './database/database.module';
import { DriftModule } from './drift/drift.module';
import { FlappingAdminModule } from './flapping-admin/flapping-admin.module';
import { EXTENSION_MODULES } from './extensions';
import { healthConfig } from './health/health.config';
import { HealthModule } from './health/health.module';
import { metricsConfig } from './metrics/metrics.config';
import { MetricsModule } from './metrics/metrics.module';
import { OdooModule } from './odoo/odoo.module';
import { outboxConfig } from './outbox/outbox.config';
import { OutboxModule } from './outbox/outbox.module';
import { RealtimeModule } from './realtime/realtime.module';
import { schedulerConfig } from './scheduler/scheduler.config';
import { SchedulerModule } from './scheduler/scheduler.module';
import { SyncApiKeyMiddleware } from './realtime/sync-api-key.guard';
import { SyncObjectsModule } from './sync-objects/sync-objects.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { ChangeControlModule } from './change-control/change-control.module';
import { SettingsModule } from './settings/settings.module';
import { secretsConfig } from './secrets/secrets.config';
import { webServicesConfig } from './web-services/web-services.config';
import { odooConfig } from './odoo/odoo.config';
import { WebServicesModule } from './web-services/web-services.module';

/** Every feature's configuration (registerAs + its validated variables); main.ts checks them all before start-up. */
export const CONFIGURATIONS = [
  appConfig,
  secretsConfig,
  webServicesConfig,
  outboxConfig,
  schedulerConfig,
  alertsConfig,
  metricsConfig,
  odooConfig,
  loggingConfig,
  healthConfig,
  authConfig,
];

@Module({
  imports: [
    // Reads ./.env first (variables already set win), then the features' namespaces.
    NestConfigModule.forRoot({ isGlobal: true, cache: true, load: CONFIGURATIONS }),
    ConfigModule,
    // Structured logs (src/common/logging.ts): a line per request, its id on every line logged while serving it.
    LoggerModule.forRootAsync({ inject: [loggingConfig.KEY], useFactory: loggerParams }),
    JobsModule,
    AuthFailuresModule,
    DatabaseModule,
    // First of the feature modules: Express tries routes in the order they were registered, and the
    // /sync routes take the traffic (after them, a /sync call first failed to match ~50 /api routes).
    RealtimeModule,
    AuditModule,
    MetricsModule,
    OdooModule,
    HealthModule,
    SettingsModule,
    ApiKeysModule,
    WebServicesModule,
    ChangeControlModule,
    SyncObjectsModule,
    DriftModule,
    FlappingAdminModule,
    OutboxModule,
    SchedulerModule,
    ConfigTransferModule,
    AlertsModule,
    ...EXTENSION_MODULES,
    ConsoleModule.register(),
  ],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
    { provide: APP_GUARD, useClass: AdminAuthGuard },
  ],
})
export class AppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    // The envelope renderer is in place before any of these (bootstrap mounts markSyncEnvelope first:
    // 413s answer in the envelope too). Credentials are checked before the body is read, so an
    // unauthenticated body is never buffered; the audit context wraps everything after the body.
    consumer.apply(AdminTokenMiddleware, SyncApiKeyMiddleware, BodyMiddleware, AuditContextMiddleware).forRoutes('*');
  }
}
