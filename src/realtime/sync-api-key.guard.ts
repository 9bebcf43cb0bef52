import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeysService } from '../api-keys/api-key.service';
import { UnauthorizedError } from '../common/errors';

/** The /sync routes authenticate the external system by the `api_key` header, as in the seed. */
@Injectable()
export class SyncApiKeyGuard implements CanActivate {
  constructor(private readonly apiKeys: ApiKeysService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const header = request.headers['api_key'] ?? request.headers['x-api-key'];
    const presented = Array.isArray(header) ? header[0] : header;
    if (!presented) throw new UnauthorizedError('SYNC.MISSING_API_KEY', 'missing api_key header');
    if (!(await this.apiKeys.verify(presented))) throw new UnauthorizedError('SYNC.BAD_API_KEY', 'invalid api_key');
    return true;
  }
}
