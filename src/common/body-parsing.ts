/**
 * Body decoding, pure. The seed's own client example,
 * `requests.request("POST", url, headers={'Content-Type': 'application/json'}, data=payload)`
 * with a dict payload, sends `name=Name&unique_id=1231` labelled as JSON; in
 * lenient mode (the /sync routes) such a body is read as a form.
 */
import { ValidationError } from './errors';

export type Body = Record<string, unknown> | unknown[];

export function parseBody(raw: string, contentType: string | undefined, lenient: boolean): Body {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (raw.trim() === '') return {};
  if (type === 'application/x-www-form-urlencoded') return parseForm(raw);
  if (type === 'application/json' || type.endsWith('+json') || type === '') {
    try {
      const value: unknown = JSON.parse(raw);
      if (value !== null && typeof value === 'object') return value as Body;
      throw new ValidationError('REQUEST.MALFORMED_BODY', 'body must be a JSON object');
    } catch (error) {
      if (error instanceof ValidationError) throw error;
      if (lenient && looksLikeForm(raw)) return parseForm(raw);
      throw new ValidationError('REQUEST.MALFORMED_BODY', `body is not valid JSON: ${(error as Error).message}`);
    }
  }
  if (type === 'text/plain' && lenient) return parseBody(raw, 'application/json', true);
  throw new ValidationError('REQUEST.UNSUPPORTED_MEDIA_TYPE', `content type ${type} is not supported; send application/json`);
}

/** `a=1&b=x&b=y` → `{a: '1', b: ['x', 'y']}` (repeated keys, as requests sends lists, become arrays). */
export function parseForm(raw: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const existing = result[key];
    if (existing === undefined) result[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else result[key] = [existing, value];
  }
  return result;
}

function looksLikeForm(raw: string): boolean {
  return /^[^=&\s{[]+=[^&]*(&[^=&]+=[^&]*)*$/.test(raw.trim());
}
