import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ADMIN_TOKEN } from '../config/config.module';
import { AuthFailureLimiter } from './auth-failures';
import { constantTimeEquals } from './constant-time';
import { UnauthorizedError } from './errors';
import { PUBLIC_ROUTE } from './public.decorator';

/** Every route needs `Authorization: Bearer <ADMIN_TOKEN>` unless marked @Public(). */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<Request>();
    await this.failures.check(request, () => throwIfBadToken(request, this.adminToken));
    return true;
  }
}

/** Throws the 401 when the request's `Authorization` header does not carry the admin token. */
export function throwIfBadToken(request: Request, adminToken: string): void {
  const error = adminTokenError(request.headers.authorization, adminToken);
  if (error) throw error;
}

/** Why an `Authorization` header does not carry the admin token, or null when it does. */
export function adminTokenError(header: string | undefined, adminToken: string): UnauthorizedError | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return new UnauthorizedError('AUTH.MISSING_TOKEN', 'send Authorization: Bearer <admin token>');
  if (!constantTimeEquals(match[1], adminToken)) return new UnauthorizedError('AUTH.BAD_TOKEN', 'the admin token is not valid');
  return null;
}
