import { CanActivate, ExecutionContext, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiKeysService, VerifiedApiKey } from '../api-keys/api-key.service';
import { AuthFailureLimiter } from '../common/auth-failures';
import { closeIfBodyPending } from '../common/early-refusal';
import { ForbiddenError, UnauthorizedError } from '../common/errors';

type SyncRequest = Request & { syncApiKey?: VerifiedApiKey };

/** The key of a /sync call (header `api_key`, as in the seed), verified; throws the 401. */
async function verifiedKey(request: SyncRequest, apiKeys: ApiKeysService): Promise<VerifiedApiKey> {
  if (request.syncApiKey) return request.syncApiKey;
  const header = request.headers['api_key'] ?? request.headers['x-api-key'];
  const presented = Array.isArray(header) ? header[0] : header;
  if (!presented) throw new UnauthorizedError('SYNC.MISSING_API_KEY', 'missing api_key header');
  const key = await apiKeys.verify(presented);
  if (!key) throw new UnauthorizedError('SYNC.BAD_API_KEY', 'invalid api_key');
  return (request.syncApiKey = key);
}

/**
 * Runs before BodyMiddleware: a /sync call without a valid key is answered 401 before a byte of
 * its body is read (and its connection closed), so unauthenticated bodies cost nothing.
 */
@Injectable()
export class SyncApiKeyMiddleware implements NestMiddleware {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly failures: AuthFailureLimiter,
  ) {}

  async use(req: Request, res: Response, next: NextFunction): Promise<void> {
    if (!req.originalUrl.startsWith('/sync/')) return next();
    try {
      await this.failures.check(req, () => verifiedKey(req, this.apiKeys));
      next();
    } catch (error) {
      closeIfBodyPending(req, res);
      next(error);
    }
  }
}

/** The /sync routes authenticate the external system by the `api_key` header; a key may be limited to some codes. */
@Injectable()
export class SyncApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<SyncRequest>();
    const key = await verifiedKey(request, this.apiKeys);
    const code = String(request.params.code);
    if (key.syncModelCodes && !key.syncModelCodes.includes(code)) {
      throw new ForbiddenError('SYNC.CODE_NOT_ALLOWED', `this api_key may not call code ${code}`);
    }
    return true;
  }
}
