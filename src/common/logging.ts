/**
 * Structured logs (nestjs-pino over pino-http): one JSON line per request with its request id,
 * which is also answered as `X-Request-Id` and bound to every line logged while serving it (the
 * request's logger lives in nestjs-pino's AsyncLocalStorage); `withLogContext` binds a run's id
 * the same way. Human-readable (pino-pretty) when stdout is a terminal. Secrets are redacted by
 * path, and requests are logged without headers or bodies at all (see REDACT).
 */
import { Logger as NestLogger } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { PinoLogger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Level } from 'pino';
import { LoggingConfig } from '../config/logging.config';

/**
 * Secret-bearing keys of a logged object. Top level only: wildcard paths (`*.key`) made pino redact
 * every binding of every request's child loggers, ~10 µs per request even at level error (B1), and
 * nothing logs nested objects (app code logs strings; requests are logged by the serializers below).
 */
const SECRET_KEYS = [
  'password',
  'apiKey',
  'api_key',
  'signingSecret',
  'secret',
  'token',
  'adminToken',
  'accessToken',
  'authorization',
  'Authorization',
  'secretsKey',
];
/**
 * No `req.headers.*` paths: the req/res serializers below keep headers out of every line (tested by
 * test/e2e/logs.e2e-spec.ts), and a path under `req` made pino redact each request's bindings.
 */
export const REDACT: string[] = [...SECRET_KEYS];

/** An incoming X-Request-Id is kept when it is short and plain; otherwise a new one is made. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Set by createApp before Nest starts: a test's capture stream, or a level chosen by the caller. */
export interface LogOverrides {
  destination?: DestinationStream;
  level?: Level | 'silent';
}
let overrides: LogOverrides = {};
export function setLogOverrides(next: LogOverrides): void {
  overrides = next;
}

const PROBES = /^\/(health|metrics)(\/|\?|$)/;

/** Query parameters whose values are never logged. */
const SECRET_QUERY = /([?&](?:api_key|apikey|token|access_token|password|key|secret)=)[^&]*/gi;

export function loggerParams(config: LoggingConfig): Params {
  const destination = overrides.destination ?? prettyWhenTerminal(config.format);
  return {
    pinoHttp: [
      {
        level: overrides.level ?? config.level,
        redact: { paths: REDACT, censor: '[redacted]' },
        // Only the request id is bound to the lines logged while serving a request.
        quietReqLogger: true,
        genReqId: (req: IncomingMessage, res: ServerResponse) => {
          const incoming = req.headers['x-request-id'];
          const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
          res.setHeader('X-Request-Id', id);
          return id;
        },
        // A 5xx is the request's line at level error; the exception itself is logged where it is handled.
        customErrorMessage: () => 'request completed',
        customErrorObject: (_req, _res, _error, value: Record<string, unknown>) => ({ ...value, err: undefined }),
        // Probes and scrapes (/health*, /metrics) that succeed are debug lines: they come every few seconds.
        customLogLevel: (req, res, error) =>
          error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : PROBES.test(req.url ?? '') ? 'debug' : 'info',
        // No headers and no bodies: method, path (secret query values cut) and the answer's status.
        serializers: {
          req: (req: { id: unknown; method: string; url: string }) => ({
            id: req.id,
            method: req.method,
            url: String(req.url).replace(SECRET_QUERY, '$1[redacted]'),
          }),
          res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
        },
      },
      destination,
    ],
  } as Params;
}

function prettyWhenTerminal(format: LoggingConfig['format']): DestinationStream | undefined {
  const pretty = format === 'pretty' || (format === 'auto' && process.stdout.isTTY);
  if (!pretty) return undefined;
  try {
    // A dev dependency: a production install without it logs JSON.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const prettyFactory = require('pino-pretty') as (options: object) => DestinationStream;
    return prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch {
    new NestLogger('Logging').warn('LOG_FORMAT pretty needs pino-pretty (a dev dependency); logging JSON');
    return undefined;
  }
}

/**
 * Runs `work` with `bindings` (e.g. `{ runId }`) on every line logged inside it, on top of the
 * surrounding context (a manual run's lines also carry its request's id).
 */
export function withLogContext<T>(bindings: Record<string, unknown>, work: () => T): T {
  // No root logger: nestjs-pino is not set up (a test building services by hand).
  if (!(PinoLogger.root as unknown)) return work();
  // runInContext uses nestjs-pino's shared context store only, not the instance it is called on.
  return PinoLogger.prototype.runInContext.call(undefined, work, { bindings, inherit: true }) as T;
}
