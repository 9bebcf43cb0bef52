import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ADMIN_TOKEN } from '../config/config.module';
import { throwIfBadToken } from './admin-auth.guard';
import { AuthFailureLimiter } from './auth-failures';
import { closeIfBodyPending } from './early-refusal';

/** A call to the admin API (/api, /api/...); originalUrl: under a wildcard mount `req.path` is relative. */
export function isAdminApiCall(req: Request): boolean {
  const path = req.originalUrl.split('?')[0];
  return path === '/api' || path.startsWith('/api/');
}

/**
 * The admin token is checked before BodyMiddleware reads anything: an unauthenticated request
 * to /api costs its headers, never a buffered body. AdminAuthGuard still checks every route.
 */
@Injectable()
export class AdminTokenMiddleware implements NestMiddleware {
  constructor(
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly failures: AuthFailureLimiter,
  ) {}

  use(req: Request, res: Response, next: NextFunction): void {
    // Synchronous for every other path (a /sync call passes here too).
    if (!isAdminApiCall(req)) return next();
    void this.checked(req, res, next);
  }

  private async checked(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      await this.failures.check(req, () => throwIfBadToken(req, this.adminToken));
      next();
    } catch (error) {
      closeIfBodyPending(req, res);
      next(error);
    }
  }
}
