/**
 * Flapping records, pure: a record whose values go back and forth between the two sides (inbound sets X,
 * outbound sends Y, inbound sets X again...) `changes` times within `windowSeconds` is flagged. Each side's
 * change is an event holding the fields it changed (values as short text, compared as such); an event that
 * changes nothing is no event; a change counts when its side differs from the previous event's.
 */
import { exampleOf } from '../drift/drift-detector';
import { FlappingPolicy } from '../sync-objects/sync-object.types';

export type FlapSide = 'odoo' | 'external';

export interface FlapEvent {
  side: FlapSide;
  /** Epoch milliseconds. */
  at: number;
  /** The fields this event changed, each as short text (see valueText). */
  values: Record<string, string | null>;
}

export interface FlipField {
  field: string;
  /** The latest changes of the field, oldest first. */
  recent: { side: FlapSide; at: string; value: string | null }[];
}

/** Events one record keeps at most (a bounded row whatever the thresholds). */
export const MAX_EVENTS = 101;
/** Changes of one field shown. */
export const RECENT_VALUES = 6;

/** A value as the history keeps and compares it: short JSON text, never a secret. */
export function valueText(field: string, value: unknown): string | null {
  return exampleOf(field, value === undefined ? null : value);
}

/** The fields of `values` that differ from the latest value the history has for them (every field, for an empty history). */
export function changedValues(events: readonly FlapEvent[], values: Record<string, unknown>): Record<string, string | null> {
  const latest = new Map<string, string | null>();
  for (const event of events) for (const [field, value] of Object.entries(event.values)) latest.set(field, value);
  const changed: Record<string, string | null> = {};
  for (const [field, value] of Object.entries(values)) {
    const text = valueText(field, value);
    if (!latest.has(field) || latest.get(field) !== text) changed[field] = text;
  }
  return changed;
}

export interface FlapVerdict {
  events: FlapEvent[];
  /** Changes of side within the window. */
  switches: number;
  flagged: boolean;
}

/**
 * The history after one side's change: events older than the window dropped, the change added if it
 * changed anything, and whether the record now flaps (switches of side ≥ `changes`).
 */
export function recordChange(
  history: readonly FlapEvent[],
  change: { side: FlapSide; values: Record<string, unknown> },
  policy: FlappingPolicy,
  now: number,
): FlapVerdict {
  const since = now - policy.windowSeconds * 1000;
  const changed = changedValues(history, change.values);
  // The values before the window still tell what changed; only events inside it count as changes.
  const kept = history.filter((e) => e.at >= since);
  const events = Object.keys(changed).length ? [...kept, { side: change.side, at: now, values: changed }] : [...kept];
  const bounded = events.slice(-Math.min(MAX_EVENTS, policy.changes + 1));
  const switches = countSwitches(bounded);
  return { events: bounded, switches, flagged: switches >= policy.changes };
}

export function countSwitches(events: readonly FlapEvent[]): number {
  let switches = 0;
  for (let i = 1; i < events.length; i++) if (events[i].side !== events[i - 1].side) switches++;
  return switches;
}

/** The fields both sides changed in the history, with their latest values: what flips. */
export function flippingFields(events: readonly FlapEvent[]): FlipField[] {
  const byField = new Map<string, FlipField['recent']>();
  for (const event of events) {
    for (const [field, value] of Object.entries(event.values)) {
      const recent = byField.get(field) ?? [];
      recent.push({ side: event.side, at: new Date(event.at).toISOString(), value });
      byField.set(field, recent);
    }
  }
  return [...byField.entries()]
    .filter(([, recent]) => new Set(recent.map((r) => r.side)).size === 2)
    .map(([field, recent]) => ({ field, recent: recent.slice(-RECENT_VALUES) }));
}
