import { CanActivate, Controller, ExecutionContext, Get, Header, Inject, Injectable, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { throwIfBadToken } from '../common/admin-auth.guard';
import { AuthFailureLimiter } from '../common/auth-failures';
import { ApiErrors } from '../common/api-docs';
import { NotFoundError } from '../common/errors';
import { Public } from '../common/public.decorator';
import { ADMIN_TOKEN } from '../config/config.module';
import { MetricsConfig, metricsConfig } from './metrics.config';
import { MetricsService } from './metrics.service';

/** /metrics needs the admin token like /api, unless METRICS_PUBLIC=true; with METRICS=off it is not there (404). */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  constructor(
    @Inject(metricsConfig.KEY) private readonly config: MetricsConfig,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.enabled) throw new NotFoundError('METRICS.OFF', 'metrics are switched off (METRICS=off)');
    if (this.config.public) return true;
    const request = context.switchToHttp().getRequest<Request>();
    await this.failures.check(request, () => throwIfBadToken(request, this.adminToken));
    return true;
  }
}

/** Metrics module: GET /metrics, the Prometheus text format (see README "Operations"). */
@ApiTags('metrics')
@Public()
@UseGuards(MetricsAccessGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text format); the admin token unless METRICS_PUBLIC=true' })
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(401, 404)
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(text);
  }
}
