/**
 * Turns a NewChangeLogEntry into the values of one change_log row. Pure.
 * Every value is made to fit its column (lengths, integer range, JSON size):
 * a log row must never fail to insert, or a failure could not be logged and the
 * change it describes would roll back with it.
 */
import { textOf } from '../common/text-of';
import { serializeCapped } from './safe-json';
import { ACTION_LABELS, ChangeAction, ChangeDirection, ChangeStatus, ChangeTrigger, NewChangeLogEntry } from './change-log.types';

/** Column sizes (see the migration). error_message is TEXT: 16k characters stay under its 64 KB even at 4 bytes each. */
export const COLUMN_LIMITS = { externalId: 128, name: 255, title: 255, model: 64, errorMessage: 16_000 } as const;

const MAX_INT32 = 2_147_483_647;
const ELLIPSIS = '…';

/** The stored form of an entry (property names of the ChangeLog entity). */
export interface ChangeLogRowValues {
  direction: ChangeDirection;
  action: ChangeAction;
  status: ChangeStatus;
  trigger: ChangeTrigger;
  model: string | null;
  syncObjectId: number | null;
  externalId: string | null;
  odooId: number | null;
  name: string;
  title: string | null;
  originValues: string | null;
  destinationValues: string | null;
  modifiedAt: Date | null;
  syncedAt: Date;
  errorMessage: string | null;
  durationMs: number | null;
}

/** `describeModel` gives a model's human description ("Contact") for the default name. */
export function toChangeLogRow(
  entry: NewChangeLogEntry,
  now: Date,
  describeModel: (model: string) => string | undefined,
): ChangeLogRowValues {
  const syncedAt = validDate(entry.syncedAt) ?? now;
  const model = clip(entry.model, COLUMN_LIMITS.model);
  return {
    direction: entry.direction,
    action: entry.action,
    status: entry.status,
    trigger: entry.trigger,
    model,
    syncObjectId: int(entry.syncObjectId),
    externalId: clip(
      entry.externalId === undefined || entry.externalId === null ? null : textOf(entry.externalId),
      COLUMN_LIMITS.externalId,
    ),
    odooId: int(entry.odooId),
    name: clip(entry.name?.trim() || defaultName(entry.action, model, describeModel), COLUMN_LIMITS.name)!,
    title: clip(entry.title, COLUMN_LIMITS.title),
    originValues: serializeCapped(entry.originValues),
    destinationValues: serializeCapped(entry.destinationValues),
    modifiedAt: entry.modifiedAt === undefined ? syncedAt : validDate(entry.modifiedAt),
    syncedAt,
    errorMessage: clip(entry.errorMessage, COLUMN_LIMITS.errorMessage),
    durationMs: entry.durationMs === undefined || entry.durationMs === null ? null : int(Math.round(Math.max(0, entry.durationMs))),
  };
}

/** "Create Contact", "Modify Product", "Delete res.foo" (unknown model), "Create record" (no model). */
export function defaultName(action: ChangeAction, model: string | null, describeModel: (model: string) => string | undefined): string {
  const subject = model ? (describeModel(model) ?? model) : 'record';
  return `${ACTION_LABELS[action] ?? action} ${subject}`;
}

/** Text cut to `max` characters (ending with an ellipsis when cut). */
export function clip(value: string | null | undefined, max: number): string | null {
  if (value === undefined || value === null) return null;
  const text = String(value);
  if (text.length <= max) return text;
  let cut = text.slice(0, max - ELLIPSIS.length);
  // Never leave half of a surrogate pair (it would become U+FFFD in the database).
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ELLIPSIS;
}

function int(value: number | null | undefined): number | null {
  if (value === undefined || value === null || !Number.isFinite(value)) return null;
  const rounded = Math.trunc(value);
  return Math.abs(rounded) > MAX_INT32 ? null : rounded;
}

function validDate(value: Date | null | undefined): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null;
}

/**
 * Split rows into multi-row INSERT batches: at most `maxRows` rows (bound
 * parameters per statement) and about `maxBytes` of JSON/text payload (MariaDB's
 * default max_allowed_packet is 16 MB), whichever comes first.
 */
export function insertBatches<T extends ChangeLogRowValues>(rows: readonly T[], maxRows = 500, maxBytes = 4 * 1024 * 1024): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = payloadBytes(row);
    if (batch.length && (batch.length >= maxRows || bytes + size > maxBytes)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(row);
    bytes += size;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

function payloadBytes(row: ChangeLogRowValues): number {
  // An upper bound without encoding: at most 3 UTF-8 bytes per UTF-16 unit.
  const texts = [row.originValues, row.destinationValues, row.errorMessage, row.title, row.name, row.externalId];
  return 256 + texts.reduce((sum, text) => sum + (text ? text.length * 3 : 0), 0);
}
