import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { isAdminApiCall } from '../common/admin-token.middleware';
import type { AuditActor } from './audit.types';

export interface AuditCaller {
  actor: AuditActor;
  client: string | null;
}

/** Who is calling, for the audit entries written while a call runs; outside an HTTP call it is the CLI. */
@Injectable()
export class AuditContext {
  private readonly storage = new AsyncLocalStorage<AuditCaller>();

  caller(): AuditCaller {
    return this.storage.getStore() ?? { actor: 'cli', client: null };
  }

  run<T>(caller: AuditCaller, work: () => T): T {
    return this.storage.run(caller, work);
  }
}

/**
 * Marks every /api call as the admin token's (AdminTokenMiddleware has already checked it), with the
 * client's address. A middleware, mounted after BodyMiddleware: the rest of the chain and the handler
 * run inside the context, so everything they await sees it. (It was a global interceptor, which put
 * rxjs on every route, /sync included: ~15 µs of CPU per B1 request.)
 */
@Injectable()
export class AuditContextMiddleware implements NestMiddleware {
  constructor(private readonly context: AuditContext) {}

  use(req: Request, _res: Response, next: NextFunction): void {
    if (!isAdminApiCall(req)) return next();
    const caller: AuditCaller = { actor: 'admin-token', client: req.ip ?? req.socket.remoteAddress ?? null };
    this.context.run(caller, next);
  }
}
