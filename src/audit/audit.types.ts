/** What the audit trail records: every admin write, by whom, on what, and what changed (secrets removed). */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'import',
  'generate',
  'revoke',
  'retry',
  'release',
  'run',
  'resync',
  'purge',
  'reapply',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_RESOURCES = [
  'web-service',
  'sync-model',
  'sync-object',
  'api-key',
  'settings',
  'config',
  'outbox-row',
  'change-log',
  'record',
  'sync-run',
  'flapping-record',
] as const;
export type AuditResource = (typeof AUDIT_RESOURCES)[number];

/**
 * Who: `admin-token` (a call to /api with the admin token, `client` its address) or `cli` (a service called
 * in-process without an HTTP request: the `synchro` command line or a script on the database).
 */
export const AUDIT_ACTORS = ['admin-token', 'cli'] as const;
export type AuditActor = (typeof AUDIT_ACTORS)[number];

/** One changed field: its value before and after (`undefined` = absent), secrets as SECRET_MARK. */
export interface FieldChange {
  from?: unknown;
  to?: unknown;
}
export type AuditDiff = Record<string, FieldChange>;
