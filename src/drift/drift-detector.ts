/**
 * Schema drift of received payloads, pure: the keys a payload carries that the sync model does not
 * define, the mapped fields that stopped arriving (ones this object received before), and the values
 * whose type does not fit their field (the item fails as it always did; this only counts it). A batch's
 * (or a request's) findings are tallied in memory and written once.
 */
import { FieldProblem } from '../common/errors';
import { isSecretField } from '../audit/audit-diff';
import { textOf } from '../common/text-of';

export const DRIFT_KINDS = ['unknown_key', 'missing_field', 'type_mismatch'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Characters kept of an example value (and of a field name: payload keys are anyone's text). */
export const EXAMPLE_CHARS = 120;
export const FIELD_CHARS = 128;
/** Distinct (kind, field) pairs one batch records: a payload with thousands of odd keys writes a bounded number of rows. */
export const MAX_TALLY_ENTRIES = 50;

export interface DriftSchema {
  /** The sync model's field names. */
  known: ReadonlySet<string>;
  /** External fields of the mappings applied to received items. */
  received: readonly string[];
}

export interface DriftFinding {
  kind: DriftKind;
  field: string;
  /** The value as received, or null (a missing field has none). */
  example: unknown;
}

/**
 * The findings of one received item. `seen` are the mapped fields this object received before; `full`
 * says the item carries the whole record (cron items, creates), so a seen field it lacks has stopped
 * arriving — a real-time PUT may send only what changed, and is not checked for missing fields.
 */
export function itemDrift(
  payload: Record<string, unknown>,
  schema: DriftSchema,
  seen: ReadonlySet<string>,
  full: boolean,
): { findings: DriftFinding[]; present: string[] } {
  const findings: DriftFinding[] = [];
  for (const key of Object.keys(payload)) {
    if (!schema.known.has(key)) findings.push({ kind: 'unknown_key', field: key, example: payload[key] });
  }
  const present: string[] = [];
  for (const field of schema.received) {
    if (Object.prototype.hasOwnProperty.call(payload, field)) present.push(field);
    else if (full && seen.has(field)) findings.push({ kind: 'missing_field', field, example: null });
  }
  return { findings, present };
}

/** Type mismatches among the problems mapping found (each names the external field), with the value sent. */
export function typeMismatches(problems: readonly FieldProblem[], payload: Record<string, unknown>): DriftFinding[] {
  return problems.map((p) => ({
    kind: 'type_mismatch' as const,
    field: p.field,
    example: Object.prototype.hasOwnProperty.call(payload, p.field) ? payload[p.field] : null,
  }));
}

/** An example as shown: short text, never a secret (a field named like one shows only that it was set). */
export function exampleOf(field: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (isSecretField(field)) return '[secret]';
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : typeof value === 'object' ? JSON.stringify(value) : textOf(value);
  } catch {
    text = '[unprintable]';
  }
  return text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS - 1)}…` : text;
}

export interface TallyEntry {
  kind: DriftKind;
  field: string;
  count: number;
  example: string | null;
}

export type DriftCounts = Record<DriftKind, number>;
export const NO_DRIFT: DriftCounts = { unknown_key: 0, missing_field: 0, type_mismatch: 0 };

/** Findings of one batch, per (kind, field): counts, the latest example; at most MAX_TALLY_ENTRIES pairs. */
export class DriftTally {
  private readonly entries = new Map<string, TallyEntry>();
  readonly counts: DriftCounts = { ...NO_DRIFT };

  add(finding: DriftFinding): void {
    this.counts[finding.kind]++;
    const field = finding.field.slice(0, FIELD_CHARS);
    const key = `${finding.kind}\u0000${field}`;
    const entry = this.entries.get(key);
    if (entry) {
      entry.count++;
      if (finding.example !== null && finding.example !== undefined) entry.example = exampleOf(field, finding.example);
    } else if (this.entries.size < MAX_TALLY_ENTRIES) {
      this.entries.set(key, { kind: finding.kind, field, count: 1, example: exampleOf(field, finding.example) });
    }
  }

  get empty(): boolean {
    return this.entries.size === 0;
  }

  list(): TallyEntry[] {
    return [...this.entries.values()];
  }
}

/**
 * The mapped fields that stopped arriving in a batch of whole records (cron items): fields this object
 * received before that some item lacks, sorted. Deletes carry no record and are not looked at. What the
 * `hold` policy weighs before anything of a batch is applied.
 */
export function stoppedFields(
  items: readonly { action: string; payload: Record<string, unknown> }[],
  schema: DriftSchema,
  seen: ReadonlySet<string>,
): string[] {
  const stopped = new Set<string>();
  for (const item of items) {
    if (item.action === 'unlink') continue;
    for (const finding of itemDrift(item.payload, schema, seen, true).findings)
      if (finding.kind === 'missing_field') stopped.add(finding.field);
  }
  return [...stopped].sort();
}
