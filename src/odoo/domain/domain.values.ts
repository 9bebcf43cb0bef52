import { FieldDefinition, ModelDefinition, OdooFieldType } from '../model-definition';
import { DomainFieldError } from './domain.errors';
import { DomainOperator, DomainValue } from './domain.types';

/**
 * Which operators each field type accepts, and how a domain value is checked and turned
 * into the value bound to the SQL parameter.
 */

/** Where a leaf sits: for error messages (the path as written, and the model of its last field). */
export interface LeafContext {
  /** Dotted path as written, e.g. `country_id.code`. */
  path: string;
  /** The model owning the field being compiled (the last segment's model). */
  model: ModelDefinition;
}

const EQUALITY: DomainOperator[] = ['=', '!=', 'in', 'not in', '=?'];
const ORDERING: DomainOperator[] = ['<', '<=', '>', '>='];
export const TEXT_OPERATORS: ReadonlySet<DomainOperator> = new Set<DomainOperator>([
  'like',
  'not like',
  'ilike',
  'not ilike',
  '=like',
  '=ilike',
]);
const HIERARCHY: DomainOperator[] = ['child_of', 'parent_of'];
const ANY: DomainOperator[] = ['any', 'not any'];

const OPERATORS_BY_TYPE: Record<OdooFieldType, ReadonlySet<DomainOperator>> = {
  char: new Set([...EQUALITY, ...ORDERING, ...TEXT_OPERATORS]),
  text: new Set([...EQUALITY, ...ORDERING, ...TEXT_OPERATORS]),
  selection: new Set([...EQUALITY, ...ORDERING, ...TEXT_OPERATORS]),
  integer: new Set([...EQUALITY, ...ORDERING]),
  float: new Set([...EQUALITY, ...ORDERING]),
  date: new Set([...EQUALITY, ...ORDERING]),
  datetime: new Set([...EQUALITY, ...ORDERING]),
  boolean: new Set(EQUALITY),
  // Text operators on relational fields search the target's display name (Odoo name_search).
  many2one: new Set([...EQUALITY, ...ORDERING, ...TEXT_OPERATORS, ...HIERARCHY, ...ANY]),
  one2many: new Set([...EQUALITY, ...TEXT_OPERATORS, ...ANY]),
  many2many: new Set([...EQUALITY, ...TEXT_OPERATORS, ...ANY]),
};

export function checkOperator(field: FieldDefinition, operator: DomainOperator, ctx: LeafContext): void {
  const allowed = OPERATORS_BY_TYPE[field.type].has(operator) || (field.name === 'id' && HIERARCHY.includes(operator));
  if (!allowed) {
    throw new DomainFieldError(
      `operator '${operator}' is not valid for ${field.type} field '${ctx.path}' on ${ctx.model.name}`,
      ctx.path,
      'operator',
    );
  }
}

export function valueError(field: FieldDefinition, value: unknown, ctx: LeafContext, expected: string): DomainFieldError {
  return new DomainFieldError(
    `invalid value ${show(value)} for ${field.type} field '${ctx.path}' on ${ctx.model.name}: expected ${expected}`,
    ctx.path,
    'value',
  );
}

export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}

export function isFalsy(value: DomainValue): value is false | null {
  return value === false || value === null;
}

/** Odoo's `in`/`not in` take a list; a tuple parses to a list too. */
export function requireList(field: FieldDefinition, value: DomainValue, operator: DomainOperator, ctx: LeafContext): DomainValue[] {
  if (!Array.isArray(value)) {
    throw new DomainFieldError(`operator '${operator}' on field '${ctx.path}' needs a list value, got ${show(value)}`, ctx.path, 'value');
  }
  for (const item of value) {
    if (Array.isArray(item)) throw valueError(field, item, ctx, 'a flat list of values');
  }
  return value;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?Z?$/;

/**
 * The value to bind for a non-null scalar comparison on `field`. Booleans bind as 1/0
 * (both engines store them as integers); date(time)s stay strings (stored as UTC text).
 */
export function coerceScalar(field: FieldDefinition, value: DomainValue, operator: DomainOperator, ctx: LeafContext): string | number {
  switch (field.type) {
    case 'integer':
    case 'many2one':
    case 'one2many':
    case 'many2many': {
      const n = typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
      if (typeof n === 'number' && Number.isSafeInteger(n)) return n;
      throw valueError(field, value, ctx, field.type === 'integer' ? 'an integer' : 'a record id (integer)');
    }
    case 'float': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n === 'number' && Number.isFinite(n)) return n;
      throw valueError(field, value, ctx, 'a number');
    }
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      throw valueError(field, value, ctx, 'True or False');
    case 'date':
      if (typeof value === 'string' && validDate(DATE.exec(value))) return value;
      throw valueError(field, value, ctx, "a date 'YYYY-MM-DD'");
    case 'datetime':
      return coerceDatetime(field, value, operator, ctx);
    default:
      // char, text, selection: Odoo would str() a number, so accept it as text.
      if (typeof value === 'string') return value;
      if (typeof value === 'number') return String(value);
      throw valueError(field, value, ctx, 'a string');
  }
}

function coerceDatetime(field: FieldDefinition, value: DomainValue, operator: DomainOperator, ctx: LeafContext): string {
  const match = typeof value === 'string' ? DATETIME.exec(value) : null;
  if (!match || !validDate(match) || Number(match[4] ?? 0) > 23 || Number(match[5] ?? 0) > 59 || Number(match[6] ?? 0) > 59) {
    throw valueError(field, value, ctx, "a UTC datetime 'YYYY-MM-DD HH:MM:SS' or a date 'YYYY-MM-DD'");
  }
  const day = `${match[1]}-${match[2]}-${match[3]}`;
  if (match[4] === undefined) {
    // Odoo: a bare date on a datetime field means the end of that day for `>` and `<=`
    // (so "<= 2024-01-31" includes the 31st) and its start otherwise.
    return `${day} ${operator === '>' || operator === '<=' ? '23:59:59' : '00:00:00'}`;
  }
  // One canonical text form, so SQLite's text comparison agrees with MySQL's datetime one.
  return `${day} ${match[4]}:${match[5]}:${match[6] ?? '00'}${match[7] ?? ''}`;
}

function validDate(match: RegExpExecArray | null): boolean {
  if (!match) return false;
  const month = Number(match[2]);
  const day = Number(match[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
