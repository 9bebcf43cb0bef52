/**
 * The typed admin-API client: paths and bodies come from the generated OpenAPI types
 * (schema.d.ts, `npm run console:types`), so a drifting API breaks the type-check.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';
import { session } from './session';

export type Schemas = components['schemas'];

export interface FieldProblem {
  field: string;
  problem: string;
}

/** An API error answer: `{statusCode, code, message, details: [{field, problem}]}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
  }

  /** Problems keyed by field path (`fields.1.odooField`); the first problem per field wins. */
  byField(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const { field, problem } of this.details) out[field] ??= problem;
    return out;
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = session.token();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ response }) {
    // An expired or wrong token: back to sign-in.
    if (response.status === 401) session.signOut();
    return response;
  },
};

export const client = createClient<paths>({ baseUrl: window.location.origin });
client.use(auth);

type Answer = { data?: unknown; error?: unknown; response: Response };

function toError(answer: Answer): ApiError {
  const body = (answer.error ?? {}) as Partial<{ code: string; message: string; details: FieldProblem[] }>;
  return new ApiError(answer.response.status, body.code ?? 'HTTP', body.message ?? answer.response.statusText, body.details ?? []);
}

/** The answer's data (typed from the schema), or an ApiError. */
export async function ok<A extends Answer>(call: Promise<A>): Promise<NonNullable<A['data']>> {
  const answer = await call;
  if (!answer.response.ok) throw toError(answer);
  return answer.data as NonNullable<A['data']>;
}

/** A raw authenticated GET (CSV export: a file, not JSON). */
export async function download(path: string, query: Record<string, string>, filename: string): Promise<void> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(query)) if (value !== '') url.searchParams.set(key, value);
  const response = await fetch(url, { headers: { Authorization: `Bearer ${session.token() ?? ''}` } });
  if (response.status === 401) session.signOut();
  if (!response.ok) throw new ApiError(response.status, 'HTTP', response.statusText, []);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filename;
  link.click();
  URL.revokeObjectURL(link.href);
}
