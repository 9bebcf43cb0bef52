import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Observable } from 'rxjs';
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
 * Marks every /api call as the admin token's (AdminAuthGuard has already checked it), with the client's
 * address. The handler is subscribed inside the context, so everything it awaits sees it.
 */
@Injectable()
export class AuditContextInterceptor implements NestInterceptor {
  constructor(private readonly context: AuditContext) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const req = execution.switchToHttp().getRequest<Request>();
    const path = req.originalUrl.split('?')[0];
    if (path !== '/api' && !path.startsWith('/api/')) return next.handle();
    const caller: AuditCaller = { actor: 'admin-token', client: req.ip ?? req.socket.remoteAddress ?? null };
    return new Observable((subscriber) => this.context.run(caller, () => next.handle().subscribe(subscriber)));
  }
}
