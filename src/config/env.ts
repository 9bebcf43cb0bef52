/**
 * Reading environment variables, the one way: each feature declares a class whose
 * properties are the variables it reads, with their defaults and class-validator
 * rules, and registers `registerAs(<feature>, () => load<Feature>Config(process.env))`
 * (see app.config.ts). Pure: no Nest, unit-tested with tables.
 *
 * One rule for every value: surrounding whitespace is ignored, and an unset or blank
 * variable takes its default. Whole numbers (counts, bytes, durations in ms) are
 * digits only: " 5000" is 5000; "5e3", "5000ms", "-1" and "5.0" are refused.
 */
import { validateSync, ValidateBy, ValidationArguments } from 'class-validator';

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid ${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

const WHOLE_NUMBER = /^\d+$/;

/** The one integer/duration parser: digits only, after trimming; `undefined` when unset or blank. */
export function parseWholeNumber(raw: string | undefined): number | undefined | 'invalid' {
  const text = raw?.trim();
  if (!text) return undefined;
  return WHOLE_NUMBER.test(text) ? Number(text) : 'invalid';
}

/** A whole number in `min..max` (checked on the trimmed text, so the problem can quote it). */
export function WholeNumber(min: number, max: number): PropertyDecorator {
  return ValidateBy({
    name: 'wholeNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      defaultMessage: (args?: ValidationArguments) => {
        const value = args?.value as unknown;
        return typeof value === 'number' && Number.isInteger(value)
          ? `${value} is outside ${min}..${max}`
          : `"${String(value)}" is not a whole number`;
      },
    },
  });
}

/** Properties read as decimals (PositiveNumber), per Env class. */
const DECIMALS = new WeakMap<object, Set<string | symbol>>();

/** A decimal number in (0, max]. */
export function PositiveNumber(max: number): PropertyDecorator {
  const validate = ValidateBy({
    name: 'positiveNumber',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= max,
      defaultMessage: (args?: ValidationArguments) => `"${String(args?.value)}" is not a number in (0, ${max}]`,
    },
  });
  return (target, property) => {
    DECIMALS.set(target.constructor, (DECIMALS.get(target.constructor) ?? new Set()).add(property));
    validate(target, property);
  };
}

/** `on` or `off` (any case). */
export function OnOff(): PropertyDecorator {
  return ValidateBy({
    name: 'onOff',
    validator: {
      validate: (value: unknown) => value === 'on' || value === 'off',
      defaultMessage: (args?: ValidationArguments) => `"${String(args?.value)}" is neither on nor off`,
    },
  });
}

/**
 * The variables declared by `Env` (its own properties, with their defaults), read from
 * `env` and validated; the first problem is thrown as a ConfigError naming the variable.
 * Numbers are parsed by parseWholeNumber (decimals where declared PositiveNumber);
 * on/off values are lower-cased; other values are trimmed.
 */
export function readEnv<T extends object>(Env: new () => T, env: NodeJS.ProcessEnv): T {
  const values = new Env() as Record<string, unknown>;
  const decimals = DECIMALS.get(Env);
  for (const name of Object.keys(values)) {
    const raw = env[name];
    const text = raw?.trim();
    if (!text) continue;
    const fallback = values[name];
    if (typeof fallback === 'number') {
      values[name] = decimals?.has(name) ? decimalOrRaw(text) : wholeOrRaw(text);
    } else if (fallback === 'on' || fallback === 'off') {
      values[name] = text.toLowerCase();
    } else {
      values[name] = text;
    }
  }
  const [problem] = validateSync(values, { forbidUnknownValues: false });
  if (problem) {
    const message = Object.values(problem.constraints ?? {})[0] ?? 'invalid';
    throw new ConfigError(problem.property, message.replace(new RegExp(`^${problem.property} `), ''));
  }
  return values as T;
}

function wholeOrRaw(text: string): number | string {
  const parsed = parseWholeNumber(text);
  return typeof parsed === 'number' ? parsed : text;
}

function decimalOrRaw(text: string): number | string {
  const value = Number(text);
  return /^\d+(\.\d+)?$/.test(text) && Number.isFinite(value) ? value : text;
}
