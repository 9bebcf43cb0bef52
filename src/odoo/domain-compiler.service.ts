import { Injectable } from '@nestjs/common';
import { ValidationError } from '../common/errors';
import { UnitOfWork } from '../database/unit-of-work';
import { compileDomain } from './domain/domain.compiler';
import { DomainFieldError } from './domain/domain.compiler';
import { DomainSyntaxError, parseDomain } from './domain/domain.parser';
import { fieldOf, ModelDefinition } from './model-definition';
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
      // Odoo's search(): archived records are left out unless the domain names `active`.
      const options = { dialect: this.unitOfWork.dialect, alias, paramPrefix, activeTest: true };
      return compileDomain(parseDomain(text), model, this.registry, options);
    } catch (error) {
      throw asValidationError(error, field);
    }
  }

  /**
   * Whether the domain matches every record of the model, so callers can skip the query: an
   * empty domain on a model without `active` (with one, `[]` still leaves archived records out).
   */
  isEmpty(text: string, model: ModelDefinition): boolean {
    if (fieldOf(model, 'active')?.type === 'boolean') return false;
    return text.replace(/\s/g, '') === '[]' || text.trim() === '';
  }
}

export function asValidationError(error: unknown, field: string): unknown {
  if (error instanceof DomainSyntaxError || error instanceof DomainFieldError) {
    return ValidationError.field('DOMAIN.INVALID', field, error.message);
  }
  return error;
}
