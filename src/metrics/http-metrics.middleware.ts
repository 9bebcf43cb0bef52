import { Injectable } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/**
 * `synchro_http_request_duration_seconds` for every request, labelled by the matched route's
 * template (`/api/web-services/:id`, never the raw id); requests no route matched (404s, refusals
 * by a middleware before routing) are `unmatched`, console files `/admin`.
 */
@Injectable()
export class HttpMetrics {
  constructor(private readonly metrics: MetricsService) {}

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (!this.metrics.enabled) return next();
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.httpRequest(routeOf(req), req.method, res.statusCode, seconds);
    });
    next();
  };
}

export function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route?.path;
  // A wildcard is a middleware's mount (`{/*splat}`), not a route: the request reached no handler.
  if (typeof route === 'string' && !route.includes('*')) return `${req.baseUrl ?? ''}${route}`;
  const path = req.originalUrl.split('?')[0];
  if (path === '/admin' || path.startsWith('/admin/')) return '/admin';
  return 'unmatched';
}
