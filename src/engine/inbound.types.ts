import { RecordAction } from '../odoo/records/record-change';

export type InboundTrigger = 'realtime' | 'cron' | 'manual';

/** One change coming from the external system (a real-time call or one item of a cron batch). */
export interface InboundItem {
  action: RecordAction;
  /** The URL id (write, unlink); for create it is read from the payload's external ref field. */
  externalId?: string;
  payload: Record<string, unknown>;
}

export type FailureKind = 'validation' | 'unprocessable' | 'not_found' | 'conflict' | 'internal';

export interface InboundOutcome {
  status: 'success' | 'failed';
  /** What was done: a create of a known external id becomes a write, and so on. */
  action: RecordAction;
  externalId: string | null;
  odooId: number | null;
  errorMessage: string;
  failureKind?: FailureKind;
  /** A note for a success that did nothing (delete of an absent record). */
  note?: string;
}

/** What a plan says one item would do: skip (nothing to do, e.g. a delete of an absent record) and fail carry a reason. */
export const PLANNED_ACTIONS = ['create', 'write', 'unlink', 'skip', 'fail'] as const;
export type PlannedAction = (typeof PLANNED_ACTIONS)[number];

/**
 * The plan of one inbound item, as the real apply computes it before writing (reads only):
 * what it would do, to which record, with which mapped, coerced values (references resolved,
 * the Odoo ref field included), and for bidirectional objects the merge's decisions.
 */
export interface ItemPlan {
  action: PlannedAction;
  externalId: string | null;
  /** The existing record (write, unlink), null for a create. */
  recordId: number | null;
  /** create / write: what would be written. */
  values: Record<string, unknown>;
  /** skip / fail: why. */
  reason?: string;
  failureKind?: FailureKind;
  /** Bidirectional objects: the merge report (conflicts, decisions), when the item met an unsent local change. */
  merge?: unknown;
}
