/**
 * What the `synchro` commands need, from either of two places: the configured database
 * (LocalBackend, a Nest application context without HTTP) or a running instance's admin API
 * (RemoteBackend, `--url` and `--token`). Both answer the API's JSON shapes.
 */

export interface ObjectRef {
  id: number;
  name: string;
  active: boolean;
  /** `realtime` objects' changes are delivered by the outbox dispatcher, `cron` ones by their runs. */
  mode: 'realtime' | 'cron';
}

export interface RunCountsJson {
  received: number;
  applied: number;
  failed: number;
  confirmed: number;
  sent: number;
}

export interface RunJson {
  id: number;
  syncObjectId: number;
  status: 'running' | 'success' | 'partial' | 'failed';
  startedAt: string | Date;
  finishedAt: string | Date | null;
  counts: RunCountsJson;
  error: string | null;
  progress: { phase: string; batches: number; message: string } | null;
}

/** The answer of a dry run (src/scheduler/dry-run.view.ts), as much as the command shows. */
export interface DryRunJson {
  receive: {
    performed: boolean;
    note: string;
    error: string | null;
    counts: Record<string, number>;
    guard: { held: boolean; reason: string | null } | null;
  };
  send: { performed: boolean; counts: Record<string, number> };
  items: {
    direction: string;
    action: string;
    externalId: string | null;
    recordId: number | null;
    reason: string | null;
    changes: { field: string; old: unknown; new: unknown }[];
  }[];
  total: number;
}

export interface ApiKeyJson {
  id: number;
  name: string;
  last4: string;
  createdAt: string | Date;
  lastUsedAt: string | Date | null;
  syncModelCodes?: string[] | null;
  key?: string;
}

export interface ChangeLogJson {
  id: number;
  syncedAt: string;
  syncObjectId: number | null;
  direction: string;
  action: string;
  status: string;
  externalId: string | null;
  odooId: number | null;
  title: string | null;
  name: string | null;
  errorMessage: string | null;
}

export interface OutboxJson {
  id: number;
  syncObjectId: number;
  model: string;
  recordId: number;
  kind: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string | Date;
}

export interface ChangeLogFilter {
  syncObjectId?: number;
  status?: 'failed';
  limit: number;
}

export interface OutboxFilter {
  status?: string;
  syncObjectId?: number;
  limit: number;
}

export interface Backend {
  /** Where the commands work, for messages: `database sqlite:...` or `http://host:8071`. */
  readonly target: string;
  objects(): Promise<ObjectRef[]>;
  /** Runs the object now and answers the finished run. */
  run(objectId: number): Promise<RunJson>;
  /** The object's run in progress, if any. */
  runningRun(objectId: number): Promise<RunJson | null>;
  resync(objectId: number): Promise<{ queued: number }>;
  /** The plan of the object's next run, writing nothing; `offset`, `limit` page its items (limit at most 500). */
  dryRun(objectId: number, options: { receive: boolean; offset: number; limit: number }): Promise<DryRunJson>;
  /** How many of the object's outbox rows are in `status`. */
  outboxCount(objectId: number, status: string): Promise<number>;
  createApiKey(body: { name: string; key?: string; syncModelCodes?: string[] }): Promise<ApiKeyJson>;
  listApiKeys(): Promise<ApiKeyJson[]>;
  revokeApiKey(id: number): Promise<void>;
  exportConfig(): Promise<unknown>;
  importConfig(document: unknown): Promise<{ created: Record<string, number>; updated: Record<string, number>; warnings: string[] }>;
  changeLog(filter: ChangeLogFilter): Promise<ChangeLogJson[]>;
  outbox(filter: OutboxFilter): Promise<{ items: OutboxJson[]; total: number }>;
  retryOutbox(id: number): Promise<OutboxJson>;
  retryAllOutbox(syncObjectId?: number): Promise<{ retried: number }>;
  close(): Promise<void>;
}

/** Bad usage (unknown option, malformed argument): exit code 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
}

/** The operation failed (not found, refused, the run failed): exit code 1. */
export class OperationError extends Error {
  readonly exitCode = 1;
}
