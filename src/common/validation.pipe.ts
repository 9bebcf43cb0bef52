import { ValidationError as ClassValidatorError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ValidationError } from './errors';

/**
 * The global pipe: whitelist + forbidNonWhitelisted + transform; every problem
 * comes back as a FieldProblem naming the (dotted) field.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors: ClassValidatorError[]) => {
      const details = flatten(errors);
      return new ValidationError('REQUEST.INVALID', details.map((d) => `${d.field}: ${d.problem}`).join('; '), details);
    },
  });
}

function flatten(errors: ClassValidatorError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((problem) => ({ field, problem: problem.replace(/^property /, '') }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
