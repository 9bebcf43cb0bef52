/**
 * OpenAPI pieces every admin route shares: the one error shape (ErrorBody, rendered by
 * the exception filter) and `@ApiErrors(...)`, which documents a route's error answers with it.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { FieldProblem } from './errors';
import type { ErrorBody } from './http-exception.filter';

export class FieldProblemView implements FieldProblem {
  @ApiProperty({ example: 'fields.2.odooField', description: 'The offending field, dotted for nested values' }) field!: string;
  @ApiProperty({ example: 'is not a field of res.partner' }) problem!: string;
}

/** The one error shape of every admin route (`/api`, `/health`). */
export class ErrorBodyView implements ErrorBody {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ example: 'REQUEST.INVALID', description: 'Stable machine-readable code' }) code!: string;
  @ApiProperty({ example: 'name must be a string' }) message!: string;
  @ApiProperty({ type: [FieldProblemView], description: 'One entry per offending field (empty when no field is at fault)' })
  details!: FieldProblemView[];
  @ApiPropertyOptional({ description: '500 only: the reference of the logged error' }) correlationId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request: `details` names each offending field (REQUEST.INVALID and route-specific codes)',
  401: 'Missing or wrong admin token (AUTH.*)',
  404: 'Not found',
  409: 'Conflict: duplicate name/code, resource in use, or already running',
  413: 'Body larger than SYNC_MAX_BODY (REQUEST.TOO_LARGE)',
  422: 'Well-formed, but a value cannot be used (e.g. a reference to a record that does not exist)',
  503: 'Unavailable (e.g. the database is down); safe to retry',
};

/** Documents the listed error answers of a route (or of every route, on a controller) with the common error shape. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', type: ErrorBodyView })),
  );
}
