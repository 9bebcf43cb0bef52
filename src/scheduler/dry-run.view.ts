/** The answer of a dry run (POST /api/sync-objects/:id/dry-run): the plan of the object's next run. Pure types. */
import type { PlannedAction } from '../engine/inbound.types';

export const SEND_PLAN_ACTIONS = ['create', 'update', 'delete', 'skip'] as const;
export type SendPlanAction = (typeof SEND_PLAN_ACTIONS)[number];

/** One field a received item would change: its value now and the value it would get. */
export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

export interface DryRunItem {
  /** `receive`: an item the external system handed out; `send`: a waiting local change. */
  direction: 'receive' | 'send';
  /** Position within its direction (receive: in the received batch; send: in the outbox order). */
  index: number;
  action: PlannedAction | SendPlanAction;
  externalId: string | null;
  /** The local record (write, unlink, sends); null for a create or an item that fails. */
  recordId: number | null;
  /** skip / fail: why. */
  reason: string | null;
  /** receive: the fields it would change, old → new (create: every value it sets). */
  changes: FieldChange[];
  /** receive, bidirectional objects: the merge report when the item meets an unsent local change. */
  merge: unknown;
  /** send: the seed's send request that would go out. */
  body: { action: string; values: Record<string, unknown>; external_id: string | null } | null;
  /** send: the outbox row. */
  outboxId: number | null;
}

export interface DryRunReceive {
  /** Whether a batch was received (only where the web service needs confirmation). */
  performed: boolean;
  /** Why nothing was received, or what receiving did not do (no confirmation sent). */
  note: string;
  /** The receive call failed: why (nothing planned). */
  error: string | null;
  counts: Record<PlannedAction, number>;
  /** Whether the run would be held (schemaDrift `hold`, then the mass-change guard) and why; null when neither applies to the object. */
  guard: { held: boolean; reason: string | null } | null;
}

export interface DryRunSend {
  performed: boolean;
  counts: Record<SendPlanAction, number>;
}

export interface DryRunView {
  syncObjectId: number;
  receive: DryRunReceive;
  send: DryRunSend;
  /** This page of the items (receive first, then send); `total` counts them all. */
  items: DryRunItem[];
  total: number;
}
