import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthConfig, healthConfig } from './health.config';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';

@Module({
  imports: [
    // No log line per failed check (a load balancer polls a leaving instance). At SIGTERM terminus
    // waits SHUTDOWN_GRACE_MS (still serving, /health/ready already 503) before shutdown goes on.
    TerminusModule.forRootAsync({
      inject: [healthConfig.KEY],
      useFactory: (config: HealthConfig) => ({ gracefulShutdownTimeoutMs: config.shutdownGraceMs, logger: false }),
    }),
  ],
  controllers: [HealthController],
  providers: [HealthService],
})
export class HealthModule {}
