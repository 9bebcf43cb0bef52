/** Typed errors so callers (admin API, sync objects) can answer 400/422 with a useful message. */

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The text is not a well-formed domain. `position` is a 0-based character offset. */
export class DomainSyntaxError extends DomainError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

export type DomainFieldErrorReason = 'unknown_field' | 'not_relational' | 'bad_model' | 'operator' | 'value';

/**
 * The domain is well-formed but does not fit the model: unknown field, path through a
 * non-relational field, operator not valid for the field type, or a value of the wrong type.
 * `field` is the dotted path as written in the domain.
 */
export class DomainFieldError extends DomainError {
  constructor(
    message: string,
    readonly field: string,
    readonly reason: DomainFieldErrorReason,
  ) {
    super(message);
  }
}
