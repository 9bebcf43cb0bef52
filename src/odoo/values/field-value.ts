/**
 * Converting field values between the outside world and the database, per Odoo
 * field type. Pure: no Nest, no TypeORM.
 *
 * - `strict` (the records API, JSON in): types must match; `false`/`null` mean empty.
 * - `lenient` (inbound sync, often form bodies of strings): "12" → 12, "true" → true,
 *   "2024-01-31T10:00:00+02:00" → a UTC Date, "1,2,3" → [1,2,3] for x2many ids.
 * Relational values here are ids; resolving reference-field values to ids is the
 * mapper's job, before this.
 */
import { FieldDefinition, isX2many } from '../model-definition';

export type StoredValue = string | number | boolean | Date | null | number[];

export class FieldValueError extends Error {
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export type CoercionMode = 'strict' | 'lenient';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function coerceFieldValue(field: FieldDefinition, raw: unknown, mode: CoercionMode = 'strict'): StoredValue {
  if (isEmpty(raw, field, mode)) {
    if (isX2many(field.type)) return [];
    if (field.type === 'boolean') return false;
    return null;
  }
  const fail = (problem: string): never => {
    throw new FieldValueError(field.name, `${problem}, got ${describe(raw)}`);
  };
  switch (field.type) {
    case 'char':
    case 'text':
    case 'selection': {
      let text: string;
      if (typeof raw === 'string') text = raw;
      else if (mode === 'lenient' && typeof raw === 'number') {
        // JSON numbers beyond 2^53 (or 1e400 = Infinity) were already rounded by the parser: the text would not be what was sent.
        if (!isExactNumber(raw)) return fail('is a number too large to be exact; send it as a string');
        text = String(raw);
      } else if (mode === 'lenient' && typeof raw === 'boolean') text = String(raw);
      else return fail('expected a string');
      if (text.includes('\u0000')) return fail('must not contain NUL characters');
      if (field.type === 'char' && field.size && text.length > field.size) {
        return fail(`longer than ${field.size} characters`);
      }
      if (field.type === 'selection' && field.selection && !field.selection.some(([key]) => key === text)) {
        return fail(`expected one of ${field.selection.map(([key]) => key).join(', ')}`);
      }
      return text;
    }
    case 'integer':
    case 'many2one': {
      const value = toNumber(raw, mode);
      if (value === undefined || !Number.isSafeInteger(value)) return fail('expected a whole number');
      if (field.type === 'many2one' && value <= 0) return fail('expected a record id');
      return value;
    }
    case 'float': {
      const value = toNumber(raw, mode);
      if (value === undefined || !Number.isFinite(value)) return fail('expected a number');
      return value;
    }
    case 'boolean': {
      if (typeof raw === 'boolean') return raw;
      if (mode === 'lenient' && (typeof raw === 'string' || typeof raw === 'number')) {
        const text = String(raw).trim().toLowerCase();
        if (['true', '1', 'yes', 'y', 't', 'on'].includes(text)) return true;
        if (['false', '0', 'no', 'n', 'f', 'off', ''].includes(text)) return false;
      }
      return fail('expected true or false');
    }
    case 'date': {
      const text =
        typeof raw === 'string' ? raw.trim() : mode === 'lenient' && raw instanceof Date ? raw.toISOString().slice(0, 10) : undefined;
      const day = text !== undefined && mode === 'lenient' && DATETIME_RE.test(text) ? text.slice(0, 10) : text;
      if (day === undefined || !isValidDate(day)) return fail('expected a date YYYY-MM-DD');
      return day;
    }
    case 'datetime': {
      if (raw instanceof Date && !Number.isNaN(raw.getTime())) return raw;
      if (typeof raw !== 'string' || !DATETIME_RE.test(raw.trim())) return fail('expected an ISO 8601 datetime');
      const text = raw.trim();
      // Without an offset the value is UTC, as Odoo stores and sends datetimes.
      const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text) && text.length > 10;
      const parsed = new Date(hasZone ? text : text.replace(' ', 'T') + (text.length === 10 ? 'T00:00:00Z' : 'Z'));
      if (Number.isNaN(parsed.getTime()) || !isValidDate(text.slice(0, 10))) return fail('expected an ISO 8601 datetime');
      return parsed;
    }
    case 'one2many':
    case 'many2many': {
      let list: unknown[];
      if (Array.isArray(raw)) list = raw;
      else if (mode === 'lenient' && typeof raw === 'string')
        list = raw
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean);
      else if (mode === 'lenient' && typeof raw === 'number') list = [raw];
      else return fail('expected a list of record ids');
      const ids = list.map((item) => toNumber(item, mode));
      if (ids.some((id) => id === undefined || !Number.isSafeInteger(id) || id <= 0)) return fail('expected a list of record ids');
      return [...new Set(ids as number[])];
    }
  }
}

/** Database value → JSON value: dates YYYY-MM-DD, datetimes ISO 8601 UTC, empty → null. */
export function serializeFieldValue(field: FieldDefinition, value: unknown): unknown {
  if (value === undefined || value === null) return isX2many(field.type) ? [] : field.type === 'boolean' ? false : null;
  switch (field.type) {
    case 'boolean':
      return value === true || value === 1 || value === '1';
    case 'integer':
    case 'many2one':
    case 'float':
      return typeof value === 'number' ? value : Number(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);
    case 'datetime':
      return toDate(value).toISOString();
    default:
      return value;
  }
}

function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  // SQLite hands back 'YYYY-MM-DD HH:MM:SS.SSS' in UTC.
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : text.replace(' ', 'T') + 'Z');
}

function isEmpty(raw: unknown, field: FieldDefinition, mode: CoercionMode): boolean {
  if (raw === null || raw === undefined) return true;
  // Odoo sends `false` for an empty non-boolean field.
  if (raw === false) return field.type !== 'boolean';
  // An empty string is an empty value (a form cannot send null); strict booleans still need true/false.
  return raw === '' && (field.type !== 'boolean' || mode === 'lenient');
}

function toNumber(raw: unknown, mode: CoercionMode): number | undefined {
  if (typeof raw === 'number') return raw;
  if (mode === 'lenient' && typeof raw === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(raw)) return Number(raw);
  return undefined;
}

/** A number whose decimal text is what was sent: finite, and a whole number only within 2^53. */
export function isExactNumber(value: number): boolean {
  return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value));
}

function isValidDate(text: string): boolean {
  const match = DATE_RE.exec(text);
  if (!match) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

function describe(raw: unknown): string {
  let text: string;
  try {
    // JSON, not String(): an object from a body may own a `toString` or `valueOf` key (not callable).
    text = typeof raw === 'string' || (typeof raw === 'object' && raw !== null) ? JSON.stringify(raw) : String(raw);
  } catch {
    text = Array.isArray(raw) ? 'a list' : 'an object';
  }
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
