/**
 * The seed's rules for a web service, pure. They are checked on the merged result
 * of a create or an update (stored state + request), so e.g. switching an existing
 * service to api_key mode without a key stored or given is caught.
 */
import type { FieldProblem } from '../common/errors';
import { MAX_CONCURRENCY_LIMIT, RATE_LIMIT_MAX_REQUESTS, RATE_LIMIT_MAX_SECONDS, RateLimit } from './outbound/throttle';

export const AUTH_MODES = ['user_password', 'api_key'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const URL_MAX_LENGTH = 2048;
export const TIMEOUT_MIN_MS = 100;
export const TIMEOUT_MAX_MS = 120_000;

/** Everything of a web service but its secrets, which the rules only see as present or not. */
export interface WebServiceState {
  name: string;
  url: string;
  needsConfirmation: boolean;
  confirmationUrl: string | null;
  shippingUrl: string | null;
  needsAuthentication: boolean;
  authMode: AuthMode | null;
  username: string | null;
  hasPassword: boolean;
  hasApiKey: boolean;
  timeoutMs: number;
  active: boolean;
  /** At most `requests` calls in any `perSeconds` seconds, across every instance; null: no limit. */
  rateLimit: RateLimit | null;
  /** At most this many calls in flight at once per instance; null: no limit. */
  maxConcurrency: number | null;
}

type Settings = Omit<WebServiceState, 'hasPassword' | 'hasApiKey'>;

/** A create or update request: `undefined` keeps the current value, `null` clears it. */
export type WebServicePatch = { [K in keyof Settings]?: Settings[K] | null } & {
  password?: string | null;
  apiKey?: string | null;
  /** Standard Webhooks signing secret for outbound deliveries (optional). */
  signingSecret?: string | null;
};

export const WEB_SERVICE_DEFAULTS: WebServiceState = {
  name: '',
  url: '',
  needsConfirmation: false,
  confirmationUrl: null,
  shippingUrl: null,
  needsAuthentication: false,
  authMode: null,
  username: null,
  hasPassword: false,
  hasApiKey: false,
  timeoutMs: 10_000,
  active: true,
  rateLimit: null,
  maxConcurrency: null,
};

/** Blank optional texts are "not set" (the seed leaves the shipping URL blank for one-way services). */
export function normalizePatch(patch: WebServicePatch): WebServicePatch {
  const result: WebServicePatch = { ...patch };
  if (typeof result.name === 'string') result.name = result.name.trim();
  if (typeof result.url === 'string') result.url = result.url.trim();
  for (const field of ['confirmationUrl', 'shippingUrl', 'username'] as const) {
    const value = result[field];
    if (typeof value === 'string') result[field] = value.trim() === '' ? null : value.trim();
  }
  return result;
}

export function mergeWebService(current: WebServiceState | undefined, patch: WebServicePatch): WebServiceState {
  const base = current ?? WEB_SERVICE_DEFAULTS;
  const pick = <K extends keyof Settings>(field: K): WebServiceState[K] => {
    const value = patch[field];
    if (value === undefined) return base[field];
    return (value === null ? WEB_SERVICE_DEFAULTS[field] : value) as WebServiceState[K];
  };
  return {
    name: pick('name'),
    url: pick('url'),
    needsConfirmation: pick('needsConfirmation'),
    confirmationUrl: pick('confirmationUrl'),
    shippingUrl: pick('shippingUrl'),
    needsAuthentication: pick('needsAuthentication'),
    authMode: pick('authMode'),
    username: pick('username'),
    hasPassword: patch.password === undefined ? base.hasPassword : patch.password !== null,
    hasApiKey: patch.apiKey === undefined ? base.hasApiKey : patch.apiKey !== null,
    timeoutMs: pick('timeoutMs'),
    active: pick('active'),
    rateLimit: pick('rateLimit'),
    maxConcurrency: pick('maxConcurrency'),
  };
}

/** Every problem of the state, each naming its field; empty when valid. */
export function checkWebService(state: WebServiceState): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const problem = (field: string, text: string): void => void problems.push({ field, problem: text });

  if (state.name.trim() === '') problem('name', 'is required');
  else if (state.name.length > 128) problem('name', 'must be at most 128 characters');

  if (state.url === '') problem('url', 'is required');
  else checkUrl('url', state.url, problem);
  if (state.confirmationUrl !== null) checkUrl('confirmationUrl', state.confirmationUrl, problem);
  else if (state.needsConfirmation) problem('confirmationUrl', 'is required when needsConfirmation is true (it may be the same as url)');
  if (state.shippingUrl !== null) checkUrl('shippingUrl', state.shippingUrl, problem);

  if (state.needsAuthentication) {
    if (state.authMode === null) problem('authMode', `is required when needsAuthentication is true (${AUTH_MODES.join(' or ')})`);
    if (state.authMode === 'user_password') {
      if (state.username === null) problem('username', 'is required for user_password authentication');
      else if (state.username.includes(':')) problem('username', 'must not contain ":" (HTTP Basic cannot carry it)');
      if (!state.hasPassword) problem('password', 'is required for user_password authentication');
    }
    if (state.authMode === 'api_key' && !state.hasApiKey) problem('apiKey', 'is required for api_key authentication');
  }

  if (!Number.isInteger(state.timeoutMs) || state.timeoutMs < TIMEOUT_MIN_MS || state.timeoutMs > TIMEOUT_MAX_MS) {
    problem('timeoutMs', `must be a whole number of milliseconds in ${TIMEOUT_MIN_MS}..${TIMEOUT_MAX_MS}`);
  }
  if (state.rateLimit !== null) {
    const { requests, perSeconds } = state.rateLimit;
    if (!isWhole(requests, 1, RATE_LIMIT_MAX_REQUESTS))
      problem('rateLimit.requests', `must be a whole number in 1..${RATE_LIMIT_MAX_REQUESTS}`);
    if (!isWhole(perSeconds, 1, RATE_LIMIT_MAX_SECONDS))
      problem('rateLimit.perSeconds', `must be a whole number of seconds in 1..${RATE_LIMIT_MAX_SECONDS}`);
  }
  if (state.maxConcurrency !== null && !isWhole(state.maxConcurrency, 1, MAX_CONCURRENCY_LIMIT)) {
    problem('maxConcurrency', `must be a whole number in 1..${MAX_CONCURRENCY_LIMIT}`);
  }
  return problems;
}

function isWhole(value: unknown, min: number, max: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** The problem with a URL of a web service, or null when it is usable. */
export function httpUrlProblem(value: string): string | null {
  if (value.length > URL_MAX_LENGTH) return `must be at most ${URL_MAX_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute http:// or https:// URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `must use http or https, not ${url.protocol.replace(/:$/, '')}`;
  // Credentials in a URL end up in logs and proxies; they belong in the authentication fields.
  if (url.username || url.password) return 'must not contain credentials; use needsAuthentication with authMode instead';
  return null;
}

function checkUrl(field: string, value: string, problem: (field: string, text: string) => void): void {
  const text = httpUrlProblem(value);
  if (text) problem(field, text);
}

/** The scheme://host:port of a URL, or null when it does not parse (the rules report that). */
function originOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Origins the merged state sends to that the current state did not: stored secrets must not
 * follow a web service there unless they are given again (empty for a new service).
 */
export function newOrigins(current: WebServiceState | undefined, merged: WebServiceState): string[] {
  if (!current) return [];
  const known = new Set([current.url, current.confirmationUrl, current.shippingUrl].map(originOf));
  const next = [merged.url, merged.confirmationUrl, merged.shippingUrl].map(originOf).filter((o): o is string => o !== null);
  return [...new Set(next.filter((origin) => !known.has(origin)))];
}
