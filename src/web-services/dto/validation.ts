import { ValidateIf } from 'class-validator';

/** May be omitted, but `null` is checked (and so refused) by the validators that follow. */
export const OptionalNotNull = (): PropertyDecorator => ValidateIf((_object, value) => value !== undefined);
