export type RecordAction = 'create' | 'write' | 'unlink';

/** Where a change came from; changes applied from an external system carry its web service. */
export interface WriteOrigin {
  /**
   * `local` = a local user (records API, other code); `realtime`/`cron`/`manual` = a sync
   * trigger; `system` = Synchro's own bookkeeping (storing an external id the external
   * system returned), which is never pushed anywhere.
   */
  source: 'local' | 'realtime' | 'cron' | 'manual' | 'system';
  webServiceId?: number;
  syncObjectId?: number;
}

export const LOCAL_ORIGIN: WriteOrigin = { source: 'local' };

/** One committed-together change of one record, as the hooks see it. */
export interface RecordChange {
  model: string;
  id: number;
  action: RecordAction;
  /** Serialized values before the change (undefined on create). */
  before?: Record<string, unknown>;
  /** Serialized values after the change (undefined on unlink). */
  after?: Record<string, unknown>;
  changedFields: string[];
  origin: WriteOrigin;
}

/**
 * Code that must commit together with every record change, whoever makes it,
 * registers a hook (today only the outbox capture); it runs inside the change's
 * transaction, so a failure there rolls the change back.
 */
export interface RecordChangeHook {
  afterChange(change: RecordChange): Promise<void>;
}
