/**
 * The seed's answer to every real-time call, JSON-RPC style:
 * {"jsonrpc": "2.0", "id": null, "result": {"status": "success"|"failed", "error_message": "..."}}.
 * Pure.
 */
export interface SyncResult {
  status: 'success' | 'failed';
  error_message: string;
  odoo_id?: number | null;
  external_id?: string | null;
  /** Extra information on a success that changed nothing (delete of an absent record). */
  message?: string;
}

export interface SyncEnvelope {
  jsonrpc: '2.0';
  id: null;
  result: SyncResult;
}

export function successEnvelope(odooId: number | null, externalId: string | null, message?: string): SyncEnvelope {
  const result: SyncResult = { status: 'success', error_message: '', odoo_id: odooId, external_id: externalId };
  if (message) result.message = message;
  return { jsonrpc: '2.0', id: null, result };
}

export function failedEnvelope(errorMessage: string): SyncEnvelope {
  return { jsonrpc: '2.0', id: null, result: { status: 'failed', error_message: errorMessage } };
}

/**
 * The values of a real-time call: the body itself, or its `params` when the
 * external system speaks Odoo JSON-RPC (`{"jsonrpc": "2.0", "params": {...}}`).
 */
export function unwrapPayload(body: unknown): Record<string, unknown> | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const object = body as Record<string, unknown>;
  if (object.jsonrpc !== undefined && 'params' in object) {
    const params = object.params;
    if (params === null || typeof params !== 'object' || Array.isArray(params)) return undefined;
    return params as Record<string, unknown>;
  }
  return object;
}
