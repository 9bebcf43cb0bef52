/**
 * Body decoding, pure. The seed's own client example,
 * `requests.request("POST", url, headers={'Content-Type': 'application/json'}, data=payload)`
 * with a dict payload, sends `name=Name&unique_id=1231` labelled as JSON; in
 * lenient mode (the /sync routes) such a body is read as a form.
 */
import { SynchroError, ValidationError } from './errors';

export type Body = Record<string, unknown> | unknown[];

/** Deepest JSON nesting accepted: real payloads need a handful of levels; deeper ones only cost stack and memory. */
export const MAX_JSON_DEPTH = 64;

/**
 * `lenient` (the /sync routes) takes what the seed's clients send: JSON, forms, JSON-RPC, text/plain.
 * Elsewhere (the admin API) a body is `application/json` or it is refused with 415.
 */
export function parseBody(raw: string, contentType: string | undefined, lenient: boolean): Body {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (raw.trim() === '') return {};
  if (!lenient && type !== 'application/json') throw unsupported(type);
  if (type === 'application/x-www-form-urlencoded') return parseForm(raw);
  if (type === 'application/json' || type.endsWith('+json') || type === '') {
    // Checked before parsing: a 500,000-deep array parses fine but overflows the stack of whatever walks it next.
    if (jsonDepthExceeds(raw, MAX_JSON_DEPTH)) {
      throw new ValidationError('REQUEST.TOO_DEEP', `body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
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
  if (type === 'text/plain') return parseBody(raw, 'application/json', true);
  throw unsupported(type);
}

function unsupported(type: string): SynchroError {
  return new SynchroError(
    'unsupported_media_type',
    'REQUEST.UNSUPPORTED_MEDIA_TYPE',
    `content type ${type || '(none)'} is not supported; send application/json`,
  );
}

/** Whether brackets outside strings nest deeper than `max`: one linear pass, no recursion. */
export function jsonDepthExceeds(raw: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
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
