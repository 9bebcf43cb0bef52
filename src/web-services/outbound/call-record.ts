/**
 * The API inspector's record of one outbound call, made safe to show: auth headers
 * and anything named like a secret dropped, the web service's secrets (and the Basic
 * credentials they make) replaced wherever they appear, bodies cut to 8 KB. Pure.
 */

export const CALL_KINDS = ['receive', 'confirm', 'send', 'test'] as const;
export type CallKind = (typeof CALL_KINDS)[number];

/** Bodies are kept up to this many bytes (UTF-8). */
export const CALL_BODY_LIMIT_BYTES = 8 * 1024;
const ERROR_LIMIT = 512;
export const REDACTED = '[redacted]';

/** Header names never kept, whatever the web service's auth mode. */
const SENSITIVE_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie)$|secret|token|passw|api[-_]?key|signature/i;

/** A call as the client saw it, secrets included: sanitized only for the calls that are kept. */
export interface RawCall {
  webServiceId: number;
  kind: CallKind;
  at: Date;
  url: string;
  status: number | null;
  /** `ok` or the failure kind (timeout, network, http, ...). */
  outcome: string;
  error: string | null;
  durationMs: number;
  headers: Record<string, string>;
  /** The auth headers this call carried (their names are dropped). */
  authHeaderNames: string[];
  /** Values that must never be shown (password, API key, Basic credentials, signing secret); asked only for kept calls. */
  secrets: () => (string | null)[];
  requestBody: string;
  responseBody: string | null;
}

export interface SafeCall {
  webServiceId: number;
  kind: CallKind;
  at: Date;
  url: string;
  status: number | null;
  outcome: string;
  error: string | null;
  durationMs: number;
  requestHeaders: Record<string, string>;
  requestBody: string;
  requestTruncated: boolean;
  responseBody: string | null;
  responseTruncated: boolean;
}

export function sanitizeCall(call: RawCall): SafeCall {
  const secrets = call
    .secrets()
    .filter((secret): secret is string => !!secret)
    .sort((a, b) => b.length - a.length);
  const redact = (text: string): string =>
    secrets.reduce((out, secret) => (out.includes(secret) ? out.split(secret).join(REDACTED) : out), text);
  const dropped = new Set(call.authHeaderNames.map((name) => name.toLowerCase()));
  const requestHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.headers)) {
    if (!dropped.has(name.toLowerCase()) && !SENSITIVE_HEADER.test(name)) requestHeaders[name] = redact(value);
  }
  const request = truncateUtf8(redact(call.requestBody), CALL_BODY_LIMIT_BYTES);
  const response = call.responseBody === null ? null : truncateUtf8(redact(call.responseBody), CALL_BODY_LIMIT_BYTES);
  return {
    webServiceId: call.webServiceId,
    kind: call.kind,
    at: call.at,
    url: truncateUtf8(withoutUserInfo(redact(call.url)), 2048).text,
    status: call.status,
    outcome: call.outcome,
    error: call.error === null ? null : truncateUtf8(redact(call.error), ERROR_LIMIT).text,
    durationMs: call.durationMs,
    requestHeaders,
    requestBody: request.text,
    requestTruncated: request.truncated,
    responseBody: response?.text ?? null,
    responseTruncated: response?.truncated ?? false,
  };
}

/** The first `limit` bytes of the text's UTF-8, never cutting a character in two. */
export function truncateUtf8(text: string, limit: number): { text: string; truncated: boolean } {
  // Fast path: no string of at most limit/4 characters can exceed the limit.
  if (text.length <= limit / 4 || Buffer.byteLength(text, 'utf8') <= limit) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  let end = limit;
  // Back up to the start of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return { text: bytes.subarray(0, end).toString('utf8'), truncated: true };
}

function withoutUserInfo(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
