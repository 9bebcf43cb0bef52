/** A stored change-log row → the API's JSON and the CSV export's columns. Pure. */
import { neutralizeFormula } from './csv';
import type { ChangeLog } from './change-log.entity';
import { parseStored } from './safe-json';
import { ChangeLogView } from './change-log.types';

export function toChangeLogView(row: ChangeLog): ChangeLogView {
  return {
    id: Number(row.id),
    direction: row.direction,
    action: row.action,
    externalId: row.externalId,
    odooId: row.odooId,
    name: row.name,
    title: row.title,
    originValues: parseStored(row.originValues),
    destinationValues: parseStored(row.destinationValues),
    modifiedAt: row.modifiedAt ? row.modifiedAt.toISOString() : null,
    syncedAt: row.syncedAt.toISOString(),
    status: row.status,
    errorMessage: row.errorMessage,
    syncObjectId: row.syncObjectId,
    model: row.model,
    trigger: row.trigger,
    durationMs: row.durationMs,
  };
}

/** CSV columns: the API's names, in the seed's column order, then the extras. */
export const CSV_COLUMNS = [
  'id',
  'direction',
  'action',
  'externalId',
  'odooId',
  'name',
  'title',
  'originValues',
  'destinationValues',
  'modifiedAt',
  'syncedAt',
  'status',
  'errorMessage',
  'syncObjectId',
  'model',
  'trigger',
  'durationMs',
] as const satisfies readonly (keyof ChangeLogView)[];

/** One CSV record: JSON columns as their stored JSON text, free text guarded against spreadsheet formulas. */
export function toCsvValues(row: ChangeLog): unknown[] {
  const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
    ...toChangeLogView(row),
    originValues: row.originValues,
    destinationValues: row.destinationValues,
    externalId: neutralizeFormula(row.externalId),
    name: neutralizeFormula(row.name),
    title: neutralizeFormula(row.title),
    errorMessage: neutralizeFormula(row.errorMessage),
  };
  return CSV_COLUMNS.map((column) => values[column]);
}
