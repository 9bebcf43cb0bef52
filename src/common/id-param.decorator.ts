import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import type { Request } from 'express';
import { ValidationError } from './errors';
import { MAX_ID } from './page.query';

/**
 * `:id` route parameter as a number; anything else is a 400 naming `id`. Digits only, within
 * the id range: `1e3`, `-1` or a 20-digit number never reach a query. A custom decorator reads
 * the raw text (the global pipe would already have turned `1e3` into 1000).
 */
export const IdParam = createParamDecorator(
  /** `name`: another id parameter of the path (`@IdParam('recordId')`; document it with `@ApiParam`). */
  (name: string | undefined, context: ExecutionContext): number => {
    const param = name ?? 'id';
    const raw = context.switchToHttp().getRequest<Request>().params[param];
    const id = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!(id >= 1 && id <= MAX_ID)) throw ValidationError.field('REQUEST.BAD_ID', param, 'must be a positive whole number');
    return id;
  },
  // Custom parameters are invisible to the OpenAPI scanner: document the path parameter on the method.
  [
    (target: object, key: string | symbol | undefined) => {
      const descriptor = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
      if (descriptor) ApiParam({ name: 'id', required: true, schema: { type: 'number' } })(target, key!, descriptor);
    },
  ],
);
