import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { asDatabaseFault } from './database-fault';
import { ErrorKind, FieldProblem, SynchroError } from './errors';

const STATUS: Record<ErrorKind, number> = {
  validation: HttpStatus.BAD_REQUEST,
  unprocessable: HttpStatus.UNPROCESSABLE_ENTITY,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  unauthorized: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  too_large: HttpStatus.PAYLOAD_TOO_LARGE,
  unsupported_media_type: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  too_many_requests: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** The one error shape every route answers with. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: FieldProblem[];
  correlationId?: string;
}

/**
 * The one exception filter: typed errors, Nest HTTP exceptions (validation pipe,
 * body parser) and unknown errors all become an ErrorBody. Unknown errors are
 * logged with a correlation id and answered 500 without internals.
 * Routes that speak another envelope (the /sync routes) render it from the same
 * ErrorBody through `ErrorRenderer`.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(thrown: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const exception = this.databaseFault(thrown, request) ?? thrown;
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    const retryAfter = (exception as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (exception instanceof SynchroError && typeof retryAfter === 'number') response.setHeader('Retry-After', String(retryAfter));
    const render = (request as Request & { renderError?: ErrorRenderer }).renderError;
    response.status(body.statusCode).json(render ? render(body) : body);
  }

  /** A database that is down, busy or locked answers 503 with its code (one warning line, no stack: it is not a bug). */
  private databaseFault(exception: unknown, request: Request): SynchroError | undefined {
    const fault = asDatabaseFault(exception);
    if (fault) this.logger.warn(`${request.method} ${request.path}: ${fault.code} (${(exception as Error)?.message ?? String(exception)})`);
    return fault;
  }

  toBody(exception: unknown, request: Request): ErrorBody {
    if (exception instanceof SynchroError) {
      const statusCode = STATUS[exception.kind];
      return { statusCode, error: reason(statusCode), code: exception.code, message: exception.message, details: exception.details };
    }
    if (exception instanceof HttpException) {
      return fromHttpException(exception);
    }
    const correlationId = randomUUID();
    const err = exception as Error;
    this.logger.error(`[${correlationId}] ${request.method} ${request.path}: ${err?.stack ?? String(exception)}`);
    return {
      statusCode: 500,
      error: reason(500),
      code: 'INTERNAL',
      message: `Internal error; reference ${correlationId} in the service log`,
      details: [],
      correlationId,
    };
  }
}

/** A route-specific envelope built from the common error body. */
export type ErrorRenderer = (body: ErrorBody) => unknown;

function fromHttpException(exception: HttpException): ErrorBody {
  const statusCode = exception.getStatus();
  const payload = exception.getResponse() as string | { message?: unknown; code?: string; details?: FieldProblem[] };
  const details = typeof payload === 'object' && Array.isArray(payload.details) ? payload.details : [];
  let message = typeof payload === 'string' ? payload : exception.message;
  if (typeof payload === 'object' && payload.message !== undefined) {
    message = Array.isArray(payload.message) ? payload.message.join('; ') : String(payload.message);
  }
  const code = (typeof payload === 'object' && payload.code) || defaultCode(statusCode, exception);
  return { statusCode, error: reason(statusCode), code, message, details };
}

function defaultCode(status: number, exception: HttpException): string {
  const type = (exception as { type?: string }).type;
  if (status === 413 || type === 'entity.too.large') return 'REQUEST.TOO_LARGE';
  if (type === 'entity.parse.failed') return 'REQUEST.MALFORMED_BODY';
  if (status === 404) return 'ROUTE.NOT_FOUND';
  return `HTTP.${status}`;
}

function reason(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}
