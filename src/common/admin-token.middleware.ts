import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ADMIN_TOKEN } from '../config/config.module';
import { adminTokenError } from './admin-auth.guard';
import { closeIfBodyPending } from './early-refusal';

/**
 * The admin token is checked before BodyMiddleware reads anything: an unauthenticated request
 * to /api costs its headers, never a buffered body. AdminAuthGuard still checks every route.
 */
@Injectable()
export class AdminTokenMiddleware implements NestMiddleware {
  constructor(@Inject(ADMIN_TOKEN) private readonly adminToken: string) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const path = req.originalUrl.split('?')[0];
    if (path !== '/api' && !path.startsWith('/api/')) return next();
    const error = adminTokenError(req.headers.authorization, this.adminToken);
    if (!error) return next();
    closeIfBodyPending(req, res);
    next(error);
  }
}
