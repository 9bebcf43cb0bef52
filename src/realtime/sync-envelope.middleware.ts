import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ErrorRenderer } from '../common/http-exception.filter';
import { failedEnvelope } from './sync-envelope';

/**
 * Every answer under /sync/ is the seed's envelope — errors too (bad key, unknown
 * code, body too large, unknown route): the one exception filter renders the
 * common error through this renderer, keeping the HTTP status.
 */
@Injectable()
export class SyncEnvelopeMiddleware implements NestMiddleware {
  use(req: Request, _res: Response, next: NextFunction): void {
    markSyncEnvelope(req);
    next();
  }
}

/**
 * The same, as a plain function: bootstrap also mounts it ahead of Nest's router, because a
 * path the router cannot decode (`/sync/CON/%E0%A4%A`) fails before any Nest middleware runs.
 */
export function markSyncEnvelope(req: Request): void {
  // originalUrl: under a wildcard mount `req.path` is relative to the mount point.
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith('/sync/') || path === '/sync') {
    const render: ErrorRenderer = (error) => failedEnvelope(error.message);
    (req as Request & { renderError?: ErrorRenderer }).renderError = render;
  }
}
