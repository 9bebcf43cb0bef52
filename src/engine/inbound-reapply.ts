/**
 * Which failed inbound changes a re-apply (POST /api/change-log/reapply) sends through the inbound
 * path again, and why the others are left alone — pure: the rows, the newest applied change per
 * record and the sync objects in, one decision per row out. The preview and the real call use
 * this same plan, so a preview says exactly what the call will do.
 */
import type { InboundItem } from './inbound.types';

/** A change-log row as the plan sees it (originValues already parsed). */
export interface ReapplyRow {
  id: number;
  direction: string;
  status: string;
  action: 'create' | 'write' | 'unlink';
  syncObjectId: number | null;
  externalId: string | null;
  originValues: unknown;
}

export interface ReapplyContext {
  /** The sync objects that exist, and whether each is active. */
  objects: Map<number, { active: boolean }>;
  /** The newest successful inbound change-log id per `${syncObjectId}:${externalId}`. */
  newestApplied: Map<string, number>;
}

export type ReapplyDecision<R extends ReapplyRow = ReapplyRow> =
  { row: R; reapply: true; item: InboundItem } | { row: R; reapply: false; reason: string };

export const recordKey = (syncObjectId: number, externalId: string): string => `${syncObjectId}:${externalId}`;

/** One decision per row, in the rows' order (oldest first). */
export function planReapply<R extends ReapplyRow>(rows: R[], context: ReapplyContext): ReapplyDecision<R>[] {
  // The newest failed change of each record in the set: older ones of the same record are superseded by it.
  const newestInSet = new Map<string, number>();
  for (const row of rows) {
    if (!isFailedInbound(row) || row.syncObjectId === null || row.externalId === null) continue;
    const key = recordKey(row.syncObjectId, row.externalId);
    newestInSet.set(key, Math.max(newestInSet.get(key) ?? 0, row.id));
  }
  return rows.map((row): ReapplyDecision<R> => {
    const skip = (reason: string): ReapplyDecision<R> => ({ row, reapply: false, reason });
    if (!isFailedInbound(row)) return skip('not a failed inbound change');
    if (row.syncObjectId === null) return skip('the change names no sync object');
    const object = context.objects.get(row.syncObjectId);
    if (!object) return skip(`sync object ${row.syncObjectId} no longer exists`);
    if (!object.active) return skip(`sync object ${row.syncObjectId} is inactive`);
    const values = row.originValues;
    if (!isPlainObject(values)) return skip('the change kept no received values to re-apply');
    if (values._truncated === true) return skip('the received values were too large to keep (64 KB) and cannot be re-applied');
    if (row.externalId !== null) {
      const key = recordKey(row.syncObjectId, row.externalId);
      const applied = context.newestApplied.get(key);
      if (applied !== undefined && applied > row.id) return skip(`a newer change of this record was applied (change-log ${applied})`);
      const newer = newestInSet.get(key);
      if (newer !== undefined && newer > row.id) return skip(`superseded by change-log ${newer}, the newer change of this record`);
    }
    const item: InboundItem = { action: row.action, payload: values };
    // A create reads its external id from the payload (as it did); write and unlink name it in the URL.
    if (row.action !== 'create' && row.externalId !== null) item.externalId = row.externalId;
    return { row, reapply: true, item };
  });
}

function isFailedInbound(row: ReapplyRow): boolean {
  return row.direction === 'external_to_odoo' && row.status === 'failed';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
