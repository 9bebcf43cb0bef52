/**
 * The outbound client's view of an answer, pure: what counts as success, how
 * failures are classified, which auth headers a web service needs.
 */
export type OutboundErrorKind = 'network' | 'timeout' | 'http' | 'malformed_json' | 'redirect' | 'config';

export interface OutboundResult {
  /** A 2xx answer whose body is JSON (or empty). */
  ok: boolean;
  httpStatus?: number;
  /** The parsed body, when it was JSON. */
  json?: unknown;
  /** The body (truncated) when it was not JSON. */
  text?: string;
  latencyMs: number;
  error?: string;
  errorKind?: OutboundErrorKind;
  /** A 429 or 503 answer's `Retry-After`, in ms (throttle.ts reads seconds and HTTP dates). */
  retryAfterMs?: number;
}

export const TEXT_KEPT_CHARS = 2_000;

export interface AuthSettings {
  needsAuthentication: boolean;
  authMode: 'user_password' | 'api_key' | null;
  username: string | null;
  password: string | null;
  apiKey: string | null;
}

/**
 * HTTP Basic for user_password; the header `api_key` for api_key, exactly as the
 * seed's external system expects. Throws when a needed credential is missing.
 */
export function authHeaders(auth: AuthSettings): Record<string, string> {
  if (!auth.needsAuthentication) return {};
  if (auth.authMode === 'user_password') {
    if (auth.username === null || auth.password === null) throw new Error('user_password authentication needs a username and a password');
    return { Authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}` };
  }
  if (auth.authMode === 'api_key') {
    if (auth.apiKey === null) throw new Error('api_key authentication needs an API key');
    return { api_key: auth.apiKey };
  }
  throw new Error('needsAuthentication is set without an authMode');
}

/** Classifies a complete answer. Redirects are never followed: they are failures. */
export function interpretAnswer(status: number, text: string, location?: string | null): Omit<OutboundResult, 'latencyMs'> {
  if (status >= 300 && status < 400) {
    return {
      ok: false,
      httpStatus: status,
      errorKind: 'redirect',
      error: `HTTP ${status} redirect to ${location || '(no location)'} not followed`,
    };
  }
  const parsed = parseJson(text);
  if (status >= 200 && status < 300) {
    if (parsed.ok) return { ok: true, httpStatus: status, json: parsed.value };
    return {
      ok: false,
      httpStatus: status,
      text: truncate(text),
      errorKind: 'malformed_json',
      error: `the answer is not valid JSON (${parsed.error})`,
    };
  }
  const body = parsed.ok ? { json: parsed.value } : { text: truncate(text) };
  const detail = parsed.ok ? errorMessageOf(parsed.value) : undefined;
  return { ok: false, httpStatus: status, ...body, errorKind: 'http', error: `HTTP ${status}${detail ? `: ${detail}` : ''}` };
}

/** A failure before an answer arrived (connection refused, DNS, reset, abort). */
export function describeNetworkError(error: unknown): string {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  const cause = err?.cause;
  if (cause?.message) return cause.code && !cause.message.includes(cause.code) ? `${cause.code}: ${cause.message}` : cause.message;
  return err?.message ?? String(error);
}

export function truncate(text: string, max = TEXT_KEPT_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** The seed's envelope carries `error_message`; show it with an HTTP failure. */
function errorMessageOf(json: unknown): string | undefined {
  if (json === null || typeof json !== 'object') return undefined;
  const message = (json as Record<string, unknown>).error_message;
  return typeof message === 'string' && message ? truncate(message, 300) : undefined;
}
