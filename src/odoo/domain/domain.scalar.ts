import { FieldDefinition } from '../model-definition';
import { DomainFieldError } from './domain.errors';
import { containsPattern, parseLikePattern, SqlBuilder } from './domain.sql';
import { DomainOperator, DomainValue, NEGATIVE_OPERATORS } from './domain.types';
import { checkOperator, coerceScalar, isFalsy, LeafContext, requireList, show, TEXT_OPERATORS } from './domain.values';

/**
 * One leaf on a column of the model's own table, with Odoo's NULL semantics:
 * `= False` is IS NULL, negative operators (`!=`, `not in`, `not like`, `not ilike`)
 * also match NULL, and a boolean False also matches NULL.
 */
export function scalarCondition(
  b: SqlBuilder,
  col: string,
  field: FieldDefinition,
  operator: DomainOperator,
  value: DomainValue,
  ctx: LeafContext,
): string {
  checkOperator(field, operator, ctx);
  // Odoo's normalize_leaf: a list with = / != means in / not in.
  if (Array.isArray(value) && (operator === '=' || operator === '!=')) {
    operator = operator === '=' ? 'in' : 'not in';
  }
  if (operator === '=?') {
    if (isFalsy(value)) return '1=1';
    operator = '=';
  }
  if (operator === 'in' || operator === 'not in') {
    return inCondition(b, col, field, operator, requireList(field, value, operator, ctx), ctx);
  }
  if (TEXT_OPERATORS.has(operator)) {
    return likeCondition(b, col, operator, value, ctx);
  }
  if (Array.isArray(value)) {
    throw new DomainFieldError(
      `operator '${operator}' on field '${ctx.path}' needs a single value, got the list ${show(value)}`,
      ctx.path,
      'value',
    );
  }
  if (operator === '=' || operator === '!=') {
    return equality(b, col, field, operator, value, ctx);
  }
  if (isFalsy(value)) {
    throw new DomainFieldError(`operator '${operator}' on field '${ctx.path}' needs a value, got ${show(value)}`, ctx.path, 'value');
  }
  return `${col} ${operator} ${b.param(coerceScalar(field, value, operator, ctx))}`;
}

function isText(field: FieldDefinition): boolean {
  return field.type === 'char' || field.type === 'text' || field.type === 'selection';
}

function equality(b: SqlBuilder, col: string, field: FieldDefinition, operator: '=' | '!=', value: DomainValue, ctx: LeafContext): string {
  if (field.type === 'boolean') {
    if (value !== null && typeof value !== 'boolean') coerceScalar(field, value, operator, ctx); // throws
    // Odoo: `= False` matches false or unset; `!= False` matches true.
    const wanted = operator === '=' ? value === true : value !== true;
    return wanted ? `${col} = ${b.param(1)}` : `(${col} IS NULL OR ${col} = ${b.param(0)})`;
  }
  if (isFalsy(value)) return operator === '=' ? `${col} IS NULL` : `${col} IS NOT NULL`;
  const p = b.param(coerceScalar(field, value, operator, ctx));
  if (operator === '=') return isText(field) ? b.textEquals(col, '=', p) : `${col} = ${p}`;
  const differs = isText(field) ? `NOT ${wrap(b.textEquals(col, '=', p))}` : `${col} <> ${p}`;
  return `(${col} IS NULL OR ${differs})`;
}

function inCondition(
  b: SqlBuilder,
  col: string,
  field: FieldDefinition,
  operator: 'in' | 'not in',
  list: DomainValue[],
  ctx: LeafContext,
): string {
  let values: Array<string | number>;
  let matchesNull: boolean;
  if (field.type === 'boolean') {
    // Odoo: False in the list means false or unset.
    values = [...(list.includes(true) ? [1] : []), ...(list.some(isFalsy) ? [0] : [])];
    matchesNull = list.some(isFalsy);
    for (const item of list) if (item !== null && typeof item !== 'boolean') coerceScalar(field, item, operator, ctx);
  } else {
    values = list.filter((v) => !isFalsy(v)).map((v) => coerceScalar(field, v, operator, ctx));
    matchesNull = values.length < list.length;
  }
  values = [...new Set(values)];
  const member = values.length ? (isText(field) ? b.textEquals(col, 'IN', b.list(values)) : `${col} IN ${b.list(values)}`) : undefined;
  if (operator === 'in') {
    if (!member) return matchesNull ? `${col} IS NULL` : '1=0';
    return matchesNull ? `(${member} OR ${col} IS NULL)` : member;
  }
  if (!member) return matchesNull ? `${col} IS NOT NULL` : '1=1';
  return matchesNull ? `(${col} IS NOT NULL AND NOT ${wrap(member)})` : `(${col} IS NULL OR NOT ${wrap(member)})`;
}

function likeCondition(b: SqlBuilder, col: string, operator: DomainOperator, value: DomainValue, ctx: LeafContext): string {
  const wildcard = operator === 'like' || operator === 'ilike' || operator === 'not like' || operator === 'not ilike';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number') text = String(value);
  else if (isFalsy(value) && wildcard) text = '';
  else throw new DomainFieldError(`operator '${operator}' on field '${ctx.path}' needs a string, got ${show(value)}`, ctx.path, 'value');

  const negative = NEGATIVE_OPERATORS.has(operator);
  // Odoo: "contains ''" is true for every row, NULL included; its negation only for NULL.
  if (wildcard && text === '') return negative ? `${col} IS NULL` : '1=1';
  const pattern = wildcard ? containsPattern(text) : parseLikePattern(text);
  const sensitive = operator === 'like' || operator === 'not like' || operator === '=like';
  const match = sensitive ? b.likeSensitive(col, pattern) : b.likeInsensitive(col, pattern);
  return negative ? `(${col} IS NULL OR NOT ${wrap(match)})` : match;
}

/** Parenthesises an expression unless it already is one group. */
export function wrap(sql: string): string {
  return sql.startsWith('(') && sql.endsWith(')') && balanced(sql.slice(1, -1)) ? sql : `(${sql})`;
}

function balanced(sql: string): boolean {
  let depth = 0;
  for (const ch of sql) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
