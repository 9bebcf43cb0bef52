/**
 * The one way a sync path writes down a change-log entry, pure: every path (inbound
 * real time and cron, malformed cron items, confirmations, outbound deliveries) gives
 * the sync object it ran for and the facts of the change, and gets the entry with
 * its name ("Create Contact"), title, status and dates derived the same way.
 */
import { textOf } from '../common/text-of';
import { ACTION_LABELS, ChangeAction, ChangeDirection, ChangeTrigger, NewChangeLogEntry } from './change-log.types';

/** The sync object an entry is about (a ResolvedSyncObject fits). */
export interface LogTarget {
  object: { id: number; fields: readonly { odooField: string; externalField: string }[] };
  model: { name: string; description: string; recName: string };
}

export interface LogFacts {
  direction: ChangeDirection;
  action: ChangeAction;
  trigger: ChangeTrigger;
  externalId: string | number | null;
  odooId?: number | null;
  /** The Odoo record as written or sent: its name is the title, its write_date the modification time. */
  record?: Record<string, unknown>;
  /** External values (a payload): without a record, their name field is the title. */
  externalValues?: Record<string, unknown>;
  /** An explicit title (a confirmation repeats the received item's). */
  title?: string;
  originValues: unknown;
  destinationValues: unknown;
  /** Set for a failure (status `failed`); absent or null for a success. */
  errorMessage?: string | null;
  /** A change held, not applied (status `held`; errorMessage says why). */
  held?: boolean;
  /** Confirmations are named "Confirm Create Contact". */
  namePrefix?: string;
  /** When the change was made at its origin, if the record has no write_date (default: when it was logged). */
  modifiedAt?: Date;
  syncedAt?: Date;
  durationMs?: number;
}

export function buildChangeLogEntry(target: LogTarget, facts: LogFacts): NewChangeLogEntry {
  const { model, object } = target;
  const { record } = facts;
  const failed = facts.errorMessage !== undefined && facts.errorMessage !== null;
  const entry: NewChangeLogEntry = {
    direction: facts.direction,
    action: facts.action,
    status: facts.held ? 'held' : failed ? 'failed' : 'success',
    trigger: facts.trigger,
    model: model.name,
    syncObjectId: object.id,
    externalId: facts.externalId,
    odooId: facts.odooId ?? null,
    name: `${facts.namePrefix ? `${facts.namePrefix} ` : ''}${ACTION_LABELS[facts.action]} ${model.description}`,
    title: facts.title ?? recordTitle(target, { record, externalValues: facts.externalValues, externalId: facts.externalId }),
    originValues: facts.originValues,
    destinationValues: facts.destinationValues,
    errorMessage: failed ? facts.errorMessage : null,
  };
  const modifiedAt = record?.write_date ? new Date(String(record.write_date)) : facts.modifiedAt;
  if (modifiedAt) entry.modifiedAt = modifiedAt;
  if (facts.syncedAt) entry.syncedAt = facts.syncedAt;
  if (facts.durationMs !== undefined) entry.durationMs = facts.durationMs;
  return entry;
}

/**
 * A record's title in the log: the Odoo record's name when there is a record, else the
 * name the external values carry, else the external id.
 */
export function recordTitle(
  target: LogTarget,
  of: { record?: Record<string, unknown>; externalValues?: Record<string, unknown>; externalId: string | number | null },
): string {
  if (of.record) return textOf(of.record[target.model.recName]);
  const name = of.externalValues?.[externalNameField(target)];
  return name !== undefined && name !== null && name !== '' && name !== false ? textOf(name) : textOf(of.externalId);
}

/** The external field that carries the record's name (mapped to the model's rec_name), `name` if none is. */
export function externalNameField(target: LogTarget): string {
  return target.object.fields.find((f) => f.odooField === target.model.recName)?.externalField ?? 'name';
}

/** The note of an inbound delete for a record that is not there (a success: the record is gone either way). */
export function nothingToDeleteNote(model: string, refField: string, externalId: string): string {
  return `no ${model} with ${refField} ${externalId}; nothing to delete`;
}

/** Values written to a record, as JSON shows them (dates as ISO text). */
export function writtenValues(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]));
}
