/** The admin API's views of flagged (flapping) records and of a release. */
import type { FlapSide, FlipField } from '../flapping/flapping-detector';
import type { HeldInbound } from '../flapping/flapping-record.entity';

export interface FlappingRecordView {
  recordId: number;
  externalId: string | null;
  flaggedAt: Date;
  /** Changes of side in the window when it was flagged. */
  changes: number;
  /** The fields both sides kept changing, with their latest values. */
  fields: FlipField[];
  /** The inbound change held since (latest values merged), without its values. */
  heldInbound: { action: HeldInbound['action']; count: number; at: string; fields: string[] } | null;
  /** Outbox rows waiting for the release. */
  heldOutbox: number;
}

export interface FlappingPageView {
  items: FlappingRecordView[];
  total: number;
}

export interface ReleaseView {
  recordId: number;
  pin: FlapSide | null;
  /** The held (or, pinning external, last received) inbound change was applied. */
  inboundApplied: boolean;
  /** Why applying it failed (it is in the change log too). */
  inboundError?: string;
  /** Held outbox rows retired (pin external). */
  outboxRetired: number;
  /** Rows queued to send Odoo's state (pin odoo, when none was waiting). */
  outboxQueued: number;
}
