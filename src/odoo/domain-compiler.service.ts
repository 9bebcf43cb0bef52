import { Injectable } from '@nestjs/common';
import { ValidationError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { compileDomain } from './domain/domain.compiler';
import { DomainFieldError } from './domain/domain.compiler';
import { DomainSyntaxError, parseDomain } from './domain/domain.parser';
import { ModelDefinition } from './model-definition';
import { ModelRegistry } from './model.registry';
import { SqlCondition } from './records/record.repository';

/**
 * Odoo domains for Nest code: parses and compiles against the registry for the
 * running database, and turns parser/compiler errors into 400s naming `field`.
 */
@Injectable()
export class DomainCompiler {
  private counter = 0;

  constructor(
    private readonly registry: ModelRegistry,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** `field` names the request field the domain came from (e.g. `domain`). */
  compile(text: string, model: ModelDefinition, alias: string, field: string): SqlCondition {
    try {
      // A distinct parameter prefix per call, so compiled domains combine in one query.
      const paramPrefix = `d${(this.counter = (this.counter + 1) % 1_000_000)}_`;
      return compileDomain(parseDomain(text), model, this.registry, { dialect: this.unitOfWork.dialect, alias, paramPrefix });
    } catch (error) {
      throw asValidationError(error, field);
    }
  }

  /** Whether an empty domain (matches everything), so callers can skip the query. */
  isEmpty(text: string): boolean {
    return text.replace(/\s/g, '') === '[]' || text.trim() === '';
  }
}

export function asValidationError(error: unknown, field: string): unknown {
  if (error instanceof DomainSyntaxError || error instanceof DomainFieldError) {
    return ValidationError.field('DOMAIN.INVALID', field, error.message);
  }
  return error;
}
