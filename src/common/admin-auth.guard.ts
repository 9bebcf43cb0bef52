import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ADMIN_TOKEN } from '../config/config.module';
import { constantTimeEquals } from './constant-time';
import { UnauthorizedError } from './errors';
import { PUBLIC_ROUTE } from './public.decorator';

/** Every route needs `Authorization: Bearer <ADMIN_TOKEN>` unless marked @Public(). */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ADMIN_TOKEN) private readonly adminToken: string,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw new UnauthorizedError('AUTH.MISSING_TOKEN', 'send Authorization: Bearer <admin token>');
    if (!constantTimeEquals(match[1], this.adminToken)) {
      throw new UnauthorizedError('AUTH.BAD_TOKEN', 'the admin token is not valid');
    }
    return true;
  }
}
