/**
 * Field-by-field merge for bidirectional sync objects. Pure.
 *
 * When the external system sends a change for a record that also changed locally
 * since the last synchronization, each field is compared with the base (the values
 * both sides last agreed on, `sync_record_state.syncedValues`):
 *
 * - changed on one side only → that side's value;
 * - changed on both sides to the same value → nothing to decide;
 * - changed on both sides to different values → the priority side's value.
 *
 * Everything is in the external representation (keyed by external field, values as
 * the send request carries them), so both sides compare like with like.
 */
import type { Priority } from '../sync-objects/sync-object.types';

export type MergeReason = 'unchanged' | 'external' | 'odoo' | 'same' | 'conflict';

export interface MergeInput {
  /** External fields the merge decides (the mapped ones, without the external id field). */
  fields: readonly string[];
  /** Values last synchronized; null when there is no base (never synchronized). */
  base: Readonly<Record<string, unknown>> | null;
  /** The local record now, in the external representation. */
  local: Readonly<Record<string, unknown>>;
  /** What the external system sent (may carry only some fields). */
  incoming: Readonly<Record<string, unknown>>;
  priority: Priority;
}

export interface FieldDecision {
  field: string;
  base: unknown;
  local: unknown;
  incoming: unknown;
  reason: MergeReason;
  /** Whose value the record keeps. */
  winner: 'odoo' | 'external';
}

export interface MergeResult {
  /** External fields whose incoming value is applied locally. */
  take: string[];
  /** One decision per merged field the external system sent. */
  decisions: FieldDecision[];
  conflicts: string[];
  /**
   * The merged record equals what the external system has now (its base overlaid
   * with what it sent): sending the local state would change nothing there.
   */
  externalHasResult: boolean;
  /** Human summary for the change log, e.g. "conflict on email: odoo priority; name: external change taken". */
  note: string;
}

export function mergeFields(input: MergeInput): MergeResult {
  const { base, local, incoming, priority } = input;
  const take: string[] = [];
  const decisions: FieldDecision[] = [];
  const conflicts: string[] = [];
  let externalHasResult = true;
  for (const field of input.fields) {
    const sent = has(incoming, field);
    if (!sent) {
      // The external side did not touch the field: its value is the base; ours stays.
      if (!base || !sameValue(local[field], base[field])) externalHasResult = false;
      continue;
    }
    const decision = decide(field, base, local[field], incoming[field], priority);
    decisions.push(decision);
    if (decision.reason === 'conflict') conflicts.push(field);
    if (decision.winner === 'external' && decision.reason !== 'unchanged' && decision.reason !== 'same') take.push(field);
    const merged = decision.winner === 'external' ? incoming[field] : local[field];
    if (!sameValue(merged, incoming[field])) externalHasResult = false;
  }
  return { take, decisions, conflicts, externalHasResult, note: describe(decisions, priority) };
}

function decide(field: string, base: MergeInput['base'], local: unknown, incoming: unknown, priority: Priority): FieldDecision {
  // Without a base nothing says which side changed: a difference counts as a conflict.
  // A base without the field means neither side ever gave it a value: empty.
  const known = base !== null;
  const baseValue = known ? (base[field] ?? null) : null;
  const localChanged = !known || !sameValue(local, baseValue);
  const externalChanged = !known || !sameValue(incoming, baseValue);
  const common = { field, base: baseValue, local: local ?? null, incoming: incoming ?? null };
  if (sameValue(local, incoming)) return { ...common, reason: localChanged || externalChanged ? 'same' : 'unchanged', winner: 'odoo' };
  if (externalChanged && !localChanged) return { ...common, reason: 'external', winner: 'external' };
  if (localChanged && !externalChanged) return { ...common, reason: 'odoo', winner: 'odoo' };
  return { ...common, reason: 'conflict', winner: priority };
}

function describe(decisions: FieldDecision[], priority: Priority): string {
  const parts: string[] = [];
  for (const d of decisions) {
    if (d.reason === 'conflict') parts.push(`conflict on ${d.field}: ${priority} priority`);
    else if (d.reason === 'external') parts.push(`${d.field}: external change taken`);
    else if (d.reason === 'odoo') parts.push(`${d.field}: odoo change kept`);
  }
  return parts.length ? parts.join('; ') : 'no field changed on both sides';
}

function has(values: Readonly<Record<string, unknown>>, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(values, field);
}

/**
 * Equality as the external system means it: empty is empty (null, undefined, '' and
 * Odoo's `false`, an empty list), 1 equals "1", lists compare as sets of such values.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === null || value === undefined || value === '' || value === false) return 'null';
  if (Array.isArray(value) && value.length === 0) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint') return JSON.stringify(String(value));
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).sort().join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
