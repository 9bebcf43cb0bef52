/**
 * Answers the OpenAPI description does not type yet (operations without a response schema).
 * Shapes as README documents them; replace with Schemas[...] as the description completes.
 */
import type { Schemas } from './client';

export type Direction = 'odoo_to_external' | 'external_to_odoo' | 'bidirectional';
export type Mode = 'cron' | 'realtime';
export type ScheduleUnit = 'minutes' | 'hours' | 'days' | 'weeks';

export interface Endpoint {
  action: 'create' | 'write' | 'unlink';
  method: 'POST' | 'PUT' | 'DELETE';
  url: string;
  description: string;
  active: boolean;
}

export interface FieldMapping {
  odooField: string;
  externalField: string;
  referenceField?: string | null;
}

export interface SyncObject {
  id: number;
  name: string;
  direction: Direction;
  webServiceId: number;
  mode: Mode;
  priority: 'odoo' | 'external';
  odooModel: string;
  odooRefField: string;
  propagateDeletes: boolean;
  syncModelId: number;
  syncModelCode: string | null;
  externalRefField: string;
  domain: string;
  limit: number;
  drain: boolean;
  active: boolean;
  fields: FieldMapping[];
  schedule: { interval: number; unit: ScheduleUnit };
  nextRunAt: string | null;
  endpoints: Endpoint[];
}

export type SyncModelField = Schemas['SyncModelFieldDto'];
export type FieldType = SyncModelField['type'];

export interface SyncModel {
  id: number;
  name: string;
  code: string;
  fields: SyncModelField[];
}

export interface OdooField {
  name: string;
  type: string;
  label: string;
  required: boolean;
  readonly: boolean;
  relation?: string;
}

export interface OdooModel {
  name: string;
  description: string;
  fields: OdooField[];
}

export type RunStatus = 'running' | 'success' | 'partial' | 'failed';

export interface SyncRun {
  id: number;
  syncObjectId: number;
  trigger: 'cron' | 'manual';
  status: RunStatus;
  plannedAt: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: { received: number; applied: number; failed: number; confirmed: number; sent: number };
  error: string | null;
  progress: { phase: string; batches: number; message?: string } | null;
}

export type OutboxStatus = 'pending' | 'inflight' | 'done' | 'dead' | 'skipped';

export interface OutboxRow {
  id: number;
  syncObjectId: number;
  webServiceId: number;
  model: string;
  recordId: number;
  kind: 'upsert' | 'delete';
  status: OutboxStatus;
  externalId: string | null;
  changedFields: string[];
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastHttpStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
}

export interface WebServiceHealth {
  status: 'ok' | 'degraded' | 'paused';
  consecutiveFailures: number;
  pausedUntil: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  lastSuccessAt: string | null;
  pendingCount: number;
  oldestPendingAgeSeconds: number | null;
}

export type WebService = Schemas['WebServiceView'];
export type WebServiceWithHealth = WebService & { health?: WebServiceHealth };
export type ChangeLogEntry = Schemas['ChangeLogEntryView'];
export type ApiKey = Schemas['ApiKeyView'];

export interface Page<T> {
  items: T[];
  total: number;
}
