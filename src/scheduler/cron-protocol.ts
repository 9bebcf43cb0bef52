/**
 * The seed's Via Cron wire format (section "Structure"), pure: reading the receive
 * answer, turning its items into inbound changes, building the confirmation request
 * and reading the answers. Wire keys are snake_case exactly as the seed.
 *
 *   receive   →  {"limit": 15}
 *             ←  {"status": "success", "error_message": ..., "content": [{"action": "insert|update|delete", "values": {...}}]}
 *   confirm   →  {"status", "error_message", "content": [{"status": "success|failed", "error_message": false|"...", "external_id": X}]}
 *             ←  {"status": "success|failed", "error_message": ...}
 */
import type { InboundItem } from '../engine/inbound.types';
import type { RecordAction } from '../odoo/records/record-change';
import { isExactNumber } from '../odoo/values/field-value';
import type { OutboundResult } from '../web-services/outbound/outbound-result';

export const RECEIVE_ACTIONS: Record<string, RecordAction> = { insert: 'create', update: 'write', delete: 'unlink' };

/** One item of a receive answer, read: a change to apply, or why it cannot be. */
export interface ReceivedItem {
  /** Position in the batch (for messages). */
  index: number;
  /** The change for InboundApplier; absent when the item is malformed. */
  change?: InboundItem;
  /** The external id as the external system wrote it (echoed in the confirmation). */
  rawExternalId: string | number | null;
  /** Why the item cannot be applied (it fails alone). */
  problem?: string;
  values: Record<string, unknown>;
}

export type ReceiveAnswer = { ok: true; items: ReceivedItem[] } | { ok: false; error: string };

/** A whole-answer problem applies nothing: the run fails with the reason and the items come again next run. */
export function readReceiveAnswer(result: OutboundResult, externalRefField: string): ReceiveAnswer {
  const envelope = readEnvelope(result);
  if ('error' in envelope) return { ok: false, error: envelope.error };
  const content = envelope.body.content;
  if (!Array.isArray(content)) return { ok: false, error: 'the answer has no "content" list' };
  return { ok: true, items: content.map((item, index) => readItem(item, index, externalRefField)) };
}

function readItem(item: unknown, index: number, externalRefField: string): ReceivedItem {
  if (!isObject(item)) return { index, rawExternalId: null, values: {}, problem: `content[${index}] is not an object` };
  const values = isObject(item.values) ? item.values : {};
  const rawExternalId = idOf(values[externalRefField]) ?? idOf(item.external_id) ?? idOf(item[externalRefField]);
  const action = typeof item.action === 'string' && Object.hasOwn(RECEIVE_ACTIONS, item.action) ? RECEIVE_ACTIONS[item.action] : undefined;
  if (!action)
    return {
      index,
      rawExternalId,
      values,
      problem: `content[${index}].action ${JSON.stringify(item.action ?? null)} is not insert, update or delete`,
    };
  // Seed: "values not necessary if action is delete".
  if (action !== 'unlink' && !isObject(item.values))
    return { index, rawExternalId, values, problem: `content[${index}].values must be an object` };
  if (typeof rawExternalId === 'number' && !isExactNumber(rawExternalId))
    return { index, rawExternalId, values, problem: `${externalRefField}: is a number too large to be exact; send it as a string` };
  const change: InboundItem = { action, payload: values };
  if (rawExternalId !== null) change.externalId = String(rawExternalId);
  return { index, rawExternalId, values, change };
}

export interface ItemConfirmation {
  status: 'success' | 'failed';
  errorMessage: string | null;
  externalId: string | number;
}

/** The confirmation body; per seed, `error_message` is false for successes. */
export function confirmationBody(items: readonly ItemConfirmation[]): Record<string, unknown> {
  const failed = items.filter((i) => i.status === 'failed').length;
  return {
    status: failed ? 'failed' : 'success',
    error_message: failed ? `${failed} of ${items.length} records failed` : false,
    content: items.map((i) => ({
      status: i.status,
      error_message: i.status === 'success' ? false : (i.errorMessage ?? 'failed'),
      external_id: i.externalId,
    })),
  };
}

/** The confirmation was accepted only on a 2xx JSON answer with status success. */
export function readConfirmationAnswer(result: OutboundResult): { ok: true } | { ok: false; error: string } {
  const envelope = readEnvelope(result);
  return 'error' in envelope ? { ok: false, error: envelope.error } : { ok: true };
}

function readEnvelope(result: OutboundResult): { body: Record<string, unknown> } | { error: string } {
  if (!result.ok) return { error: result.error ?? `HTTP ${result.httpStatus ?? '?'}` };
  if (!isObject(result.json)) return { error: 'the answer is not a JSON object' };
  const body = result.json;
  if (body.status !== 'success') {
    const message = typeof body.error_message === 'string' && body.error_message ? body.error_message : 'no error message';
    return { error: `the external system answered status ${JSON.stringify(body.status ?? null)}: ${message}` };
  }
  return { body };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idOf(value: unknown): string | number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') return value;
  return null;
}
