import type { Request } from 'express';
import { ErrorRenderer } from '../common/http-exception.filter';
import { failedEnvelope } from './sync-envelope';

const renderEnvelope: ErrorRenderer = (error) => failedEnvelope(error.message);

/**
 * Every answer under /sync/ is the seed's envelope — errors too (bad key, unknown
 * code, body too large, unknown route): the one exception filter renders the
 * common error through this renderer, keeping the HTTP status. Bootstrap mounts it
 * ahead of everything (Nest's router included: a path it cannot decode,
 * `/sync/CON/%E0%A4%A`, fails before any Nest middleware runs).
 */
export function markSyncEnvelope(req: Request): void {
  // originalUrl: under a wildcard mount `req.path` is relative to the mount point.
  const path = req.originalUrl.split('?')[0];
  if (path.startsWith('/sync/') || path === '/sync') {
    (req as Request & { renderError?: ErrorRenderer }).renderError = renderEnvelope;
  }
}
