/**
 * Authentication the fake demands, matching the two modes of the seed's web services:
 * user and password (sent as HTTP Basic) or an API key (sent in the header `api_key`,
 * the exact name the seed uses).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AuthSpec } from './fake-types';

/** Constant-time comparison; hashing first makes lengths equal. */
function same(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

export function isAuthorized(auth: AuthSpec, headers: IncomingHttpHeaders): boolean {
  if (auth.mode === 'none') return true;
  if (auth.mode === 'api_key') {
    const key = headers['api_key'];
    return typeof key === 'string' && same(key, auth.key);
  }
  const header = headers.authorization;
  if (typeof header !== 'string') return false;
  const match = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return same(decoded, `${auth.username}:${auth.password}`);
}

/**
 * Reads the CLI's FAKE_AUTH: "none", "basic:user:pass" (the password may contain ':')
 * or "api_key:KEY". Throws on anything else so a typo doesn't silently disable auth.
 */
export function parseAuthSpec(text: string | undefined): AuthSpec {
  if (text === undefined || text === '' || text === 'none') return { mode: 'none' };
  const [mode, ...rest] = text.split(':');
  if (mode === 'basic' && rest.length >= 2 && rest[0] !== '') {
    return { mode: 'basic', username: rest[0], password: rest.slice(1).join(':') };
  }
  if (mode === 'api_key' && rest.length >= 1 && rest.join(':') !== '') {
    return { mode: 'api_key', key: rest.join(':') };
  }
  throw new Error(`invalid auth spec "${text}": use none, basic:user:pass or api_key:KEY`);
}

/** What inspection shows: the mode, never the secret. */
export function describeAuth(auth: AuthSpec): string {
  return auth.mode === 'basic' ? `basic (${auth.username})` : auth.mode;
}
