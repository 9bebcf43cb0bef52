/**
 * Typed errors with stable codes. Services throw these; one exception filter
 * (`http-exception.filter.ts`) maps them to HTTP. No Nest imports here so pure
 * logic can throw them too.
 */

export interface FieldProblem {
  /** The offending field, dotted for nested values (e.g. `fields.2.odooField`). */
  field: string;
  problem: string;
}

export type ErrorKind =
  | 'validation'
  | 'unprocessable'
  | 'not_found'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'too_large'
  | 'unsupported_media_type'
  | 'too_many_requests'
  | 'unavailable';

export class SynchroError extends Error {
  constructor(
    readonly kind: ErrorKind,
    /** Stable machine-readable code, e.g. `RECORDS.UNKNOWN_FIELD`. */
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed (unknown field, wrong type, bad domain). */
export class ValidationError extends SynchroError {
  constructor(code: string, message: string, details: FieldProblem[] = []) {
    super('validation', code, message, details);
  }

  static field(code: string, field: string, problem: string): ValidationError {
    return new ValidationError(code, `${field}: ${problem}`, [{ field, problem }]);
  }
}

/** 422: well-formed, but a value cannot be used (unresolvable reference, bad coercion). */
export class UnprocessableError extends SynchroError {
  constructor(code: string, message: string, details: FieldProblem[] = []) {
    super('unprocessable', code, message, details);
  }
}

export class NotFoundError extends SynchroError {
  constructor(code: string, message: string) {
    super('not_found', code, message);
  }
}

/** 409: duplicate key, resource in use. */
export class ConflictError extends SynchroError {
  constructor(code: string, message: string, options?: { cause?: unknown; details?: FieldProblem[] }) {
    super('conflict', code, message, options?.details ?? [], options);
  }
}

export class UnauthorizedError extends SynchroError {
  constructor(code: string, message: string) {
    super('unauthorized', code, message);
  }
}

/** 403: authenticated, but not allowed to do this (an API key limited to other codes). */
export class ForbiddenError extends SynchroError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

/** 429: this client is refused for a while (too many failed authentications); answered with Retry-After. */
export class TooManyRequestsError extends SynchroError {
  constructor(
    code: string,
    message: string,
    /** Whole seconds until the client may try again. */
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', code, message);
  }
}
