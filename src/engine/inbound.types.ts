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
