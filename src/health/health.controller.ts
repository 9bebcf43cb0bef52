import { Controller, Get, HttpException, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/api-docs';
import { Public } from '../common/public.decorator';
import { HealthView } from './dto/health.view';
import { HealthService } from './health.service';

/** Health module: `/health` answers whether the service and its database are up (no auth, for load balancers). */
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
}
