import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * For an optional property that has no null: like @IsOptional(), an absent property is not
 * validated, but `null` is (and the type rule refuses it, naming the property). @IsOptional() lets
 * null through, which then reaches a NOT NULL column as a 500.
 */
export const Omittable = (options?: ValidationOptions): PropertyDecorator => ValidateIf((_object, value) => value !== undefined, options);
