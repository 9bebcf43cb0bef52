import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { Public } from '../common/public.decorator';
import { HealthView, LiveView, ReadinessView } from './dto/health.view';
import { HealthService } from './health.service';

/**
 * Health module: `/health` (service and database up), `/health/live` (the process answers) and
 * `/health/ready` (ready for traffic and work, @nestjs/terminus); no auth, for load balancers and orchestrators.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Service and database health' })
  @ApiOkResponse({ type: HealthView })
  @ApiErrors(503)
  async check(): Promise<{ status: 'ok'; database: string }> {
    if (!(await this.health.databaseUp())) {
      throw new HttpException({ message: 'database unreachable', code: 'HEALTH.DATABASE_DOWN' }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', database: this.health.databaseKind };
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers (restart it when this fails)' })
  @ApiOkResponse({ type: LiveView })
  @ApiErrors(503)
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: database answers, migrations applied, dispatcher and scheduler ticking (where enabled), not shutting down',
  })
  @ApiOkResponse({ type: ReadinessView })
  @ApiErrors(503)
  ready(): Promise<Record<string, unknown>> {
    return this.health.ready();
  }
}
