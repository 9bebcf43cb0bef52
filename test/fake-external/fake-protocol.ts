/**
 * Reading the seed's Via Cron request bodies: which call a body is, and whether it is
 * well-formed. Pure functions, so the HTTP layer only routes and answers.
 */
import { idKey, isJsonObject } from './fake-store';
import type { ConfirmationItem, JsonObject, RequestKind, SendAction, SendBody } from './fake-types';

export type ParsedRequest =
  { kind: 'receive'; limit: number } | { kind: 'confirm'; items: ConfirmationItem[] } | { kind: 'send'; send: SendBody };

export type ParseResult = ParsedRequest | { kind: RequestKind; error: string };

const SEND_ACTIONS: readonly string[] = ['create', 'update', 'delete'];
const RECORD_STATUSES: readonly string[] = ['success', 'failed', 'error'];

/**
 * Most installations use one URL for all three calls (seed: "in most cases the url is
 * the same"), so the body shape tells them apart: `action` → send, a `content` array →
 * confirmation, `limit` → receive.
 */
export function classify(body: JsonObject): RequestKind | null {
  if ('action' in body) return 'send';
  if (Array.isArray(body.content)) return 'confirm';
  if ('limit' in body) return 'receive';
  return null;
}

export function parseAs(kind: RequestKind, body: JsonObject): ParseResult {
  if (kind === 'receive') return parseReceive(body);
  if (kind === 'confirm') return parseConfirm(body);
  return parseSend(body);
}

function parseReceive(body: JsonObject): ParseResult {
  const limit = body.limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 0) {
    return { kind: 'receive', error: 'limit must be a non-negative integer' };
  }
  return { kind: 'receive', limit };
}

function parseConfirm(body: JsonObject): ParseResult {
  const content = body.content;
  if (!Array.isArray(content)) return { kind: 'confirm', error: 'content must be a list' };
  const items: ConfirmationItem[] = [];
  for (let i = 0; i < content.length; i++) {
    const item: unknown = content[i];
    if (!isJsonObject(item)) return { kind: 'confirm', error: `content[${i}] must be an object` };
    if (typeof item.status !== 'string' || !RECORD_STATUSES.includes(item.status)) {
      return { kind: 'confirm', error: `content[${i}].status must be success, failed or error` };
    }
    const id = item.external_id;
    if (idKey(id) === null) return { kind: 'confirm', error: `content[${i}].external_id is missing` };
    items.push({ status: item.status, error_message: item.error_message, external_id: id as string | number });
  }
  return { kind: 'confirm', items };
}

function parseSend(body: JsonObject): ParseResult {
  const action = body.action;
  if (typeof action !== 'string' || !SEND_ACTIONS.includes(action)) {
    return { kind: 'send', error: 'action must be create, update or delete' };
  }
  // Seed: "values not necessary if action is delete".
  const values = body.values ?? (action === 'delete' ? {} : undefined);
  if (!isJsonObject(values)) return { kind: 'send', error: 'values must be an object' };
  const rawId = body.external_id ?? null;
  if (rawId !== null && idKey(rawId) === null) {
    return { kind: 'send', error: 'external_id must be a non-empty string, a number or null' };
  }
  if (rawId === null && action !== 'create') {
    return { kind: 'send', error: `external_id is required for ${action}` };
  }
  const externalId = rawId as string | number | null;
  return { kind: 'send', send: { action: action as SendAction, values, external_id: externalId } };
}
