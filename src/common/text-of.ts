/**
 * The text of a value that came from a request: scalars as String() gives them, lists and objects
 * as JSON. Never String() on an object from a body: it may own `toString` or `valueOf` keys, which
 * String() would call (a TypeError, or the sender's own text).
 */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value !== 'object' || value instanceof Date) return String(value);
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return Array.isArray(value) ? '[a list]' : '[an object]';
  }
}
