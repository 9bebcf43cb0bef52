/**
 * The vocabulary of change control (the seed's 12 columns plus extras). Pure
 * TypeScript: shared by the entity, the DTOs and the pure helpers.
 */
import type { RecordAction, WriteOrigin } from '../odoo/records/record-change';

/** The seed's "Traceability". */
export const CHANGE_DIRECTIONS = ['odoo_to_external', 'external_to_odoo'] as const;
export type ChangeDirection = (typeof CHANGE_DIRECTIONS)[number];

/** The seed's "Type of action" (Create, Modify, Delete), in Odoo's method names. */
export const CHANGE_ACTIONS = ['create', 'write', 'unlink'] as const satisfies readonly RecordAction[];
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];

/** `held`: an inbound change of a record flagged as flapping, kept (not applied) until an admin releases the record. */
export const CHANGE_STATUSES = ['success', 'failed', 'held'] as const;
export type ChangeStatus = (typeof CHANGE_STATUSES)[number];

/** What started the synchronization (the sync sources of WriteOrigin). */
export const CHANGE_TRIGGERS = ['realtime', 'cron', 'manual'] as const satisfies readonly WriteOrigin['source'][];
export type ChangeTrigger = (typeof CHANGE_TRIGGERS)[number];

/** Labels for the generated `name`, in the seed's words ("Create Contact"). */
export const ACTION_LABELS: Record<ChangeAction, string> = { create: 'Create', write: 'Modify', unlink: 'Delete' };

/** What a caller hands to ChangeLogService.record(). */
export interface NewChangeLogEntry {
  direction: ChangeDirection;
  action: ChangeAction;
  status: ChangeStatus;
  trigger: ChangeTrigger;
  /** Odoo model name, e.g. `res.partner`. */
  model?: string | null;
  syncObjectId?: number | null;
  /** The record's id in the external system (numbers are stored as text). */
  externalId?: string | number | null;
  odooId?: number | null;
  /** Name of the action; defaults to "<Create|Modify|Delete> <model description>", e.g. "Create Contact". */
  name?: string;
  /** The record's display name. */
  title?: string | null;
  /** What the origin sent (any JSON; capped in size). */
  originValues?: unknown;
  /** What was sent to / written at the destination (any JSON; capped in size). */
  destinationValues?: unknown;
  /** When the record was modified at its origin; defaults to syncedAt. */
  modifiedAt?: Date | null;
  /** When the synchronization happened; defaults to now. */
  syncedAt?: Date;
  errorMessage?: string | null;
  durationMs?: number | null;
}

/** One change-log row as the API shows it. */
export interface ChangeLogView {
  id: number;
  direction: ChangeDirection;
  action: ChangeAction;
  externalId: string | null;
  odooId: number | null;
  name: string;
  title: string | null;
  originValues: unknown;
  destinationValues: unknown;
  modifiedAt: string | null;
  syncedAt: string;
  status: ChangeStatus;
  errorMessage: string | null;
  syncObjectId: number | null;
  model: string | null;
  trigger: ChangeTrigger;
  durationMs: number | null;
}

/** Filters shared by the listing and the CSV export (already parsed). */
export interface ChangeLogFilter {
  status?: ChangeStatus;
  syncObjectId?: number;
  direction?: ChangeDirection;
  action?: ChangeAction;
  externalId?: string;
  odooId?: number;
  model?: string;
  trigger?: ChangeTrigger;
  /** syncedAt >= from */
  from?: Date;
  /** syncedAt <= to */
  to?: Date;
  /** Case-insensitive text contained in the title. */
  q?: string;
}

/**
 * A position in the listing order (syncedAt desc, id desc): rows strictly after it.
 * Without syncedAt (the row it came from is gone) only `id < id` applies.
 */
export interface ChangeLogCursor {
  id: number;
  syncedAt?: Date;
}
