import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { AppConfig, appConfig } from '../config/app.config';
import { SynchroError, ValidationError } from './errors';
import { parseBody } from './body-parsing';

/**
 * Reads and parses every request body ourselves (Nest's body parser is off) so
 * that size limits and malformed bodies become our typed errors, and so the
 * /sync routes can accept the seed's form-encoded body sent as application/json.
 */
@Injectable()
export class BodyMiddleware implements NestMiddleware {
  constructor(@Inject(appConfig.KEY) private readonly config: AppConfig) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    try {
      const raw = await readRaw(req, this.config.maxBodyBytes);
      // originalUrl: under a wildcard mount `req.path` is relative to the mount point.
      const lenient = req.originalUrl.split('?')[0].startsWith('/sync/');
      req.body = parseBody(raw, req.headers['content-type'], lenient);
      next();
    } catch (error) {
      next(error);
    }
  }
}

function readRaw(req: Request, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) return reject(tooLarge(limit));
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit && !failed) {
        failed = true;
        reject(tooLarge(limit));
      }
      if (!failed) chunks.push(chunk);
    });
    req.on('end', () => failed || resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', (error) => failed || reject(new ValidationError('REQUEST.ABORTED', error.message)));
  });
}

function tooLarge(limit: number): SynchroError {
  return new SynchroError('too_large', 'REQUEST.TOO_LARGE', `request body is larger than ${limit} bytes`);
}
