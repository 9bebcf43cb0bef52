import { Param, ParseIntPipe } from '@nestjs/common';
import { ValidationError } from './errors';

const idPipe = new ParseIntPipe({
  exceptionFactory: () => ValidationError.field('REQUEST.BAD_ID', 'id', 'must be a positive whole number'),
});

/** `:id` route parameter as a number; anything else is a 400 naming `id`. */
export const IdParam = (): ParameterDecorator => Param('id', idPipe);
