/**
 * The diff an audit entry stores: the fields whose value changed between `before` and `after`
 * (a create has no before, a delete no after). Secrets never enter it: a secret field shows only
 * whether it was set (SECRET_MARK) or not (null). Pure, so it is unit-tested with tables.
 */
import { AuditDiff } from './audit.types';

export const SECRET_MARK = '[secret]';
/** Field names that hold a secret or its stored form (the whole name, case-insensitive). */
const SECRET_NAME = /^(password|apikey|key|keyhash|signingsecret|secret|token|admintoken|secretskey)$|encrypted$/i;
/** MySQL/MariaDB TEXT holds 65,535 bytes: a larger diff keeps the changed names, not their values. */
export const MAX_DIFF_CHARS = 60_000;
/** Bookkeeping columns that change on every write and say nothing. */
const IGNORED = new Set(['updatedAt', 'createdAt', 'nextRunAt', 'scheduleAnchorAt', 'lastUsedAt']);

export function isSecretField(name: string): boolean {
  return SECRET_NAME.test(name);
}

type Values = Record<string, unknown> | null | undefined;

/** The changed fields of `before` → `after`, secrets marked, within MAX_DIFF_CHARS. */
export function auditDiff(before: Values, after: Values): AuditDiff {
  const diff: AuditDiff = Object.create(null) as AuditDiff;
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of [...names].sort()) {
    if (IGNORED.has(name)) continue;
    const from = own(before, name);
    const to = own(after, name);
    if (same(from, to)) continue;
    const change: { from?: unknown; to?: unknown } = {};
    if (before && Object.hasOwn(before, name)) change.from = isSecretField(name) ? mark(from) : plain(from);
    if (after && Object.hasOwn(after, name)) change.to = isSecretField(name) ? mark(to) : plain(to);
    diff[name] = change;
  }
  if (JSON.stringify(diff).length <= MAX_DIFF_CHARS) return { ...diff };
  // Too large to store whole: which fields changed, without their values.
  return Object.fromEntries(Object.keys(diff).map((name) => [name, { from: '[too large]', to: '[too large]' }]));
}

/** Strips secrets from any value (nested objects and arrays too), for entries that describe more than one resource. */
export function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([name, v]) => [name, isSecretField(name) ? mark(v) : withoutSecrets(v)]),
    );
  }
  return value;
}

function own(values: Values, name: string): unknown {
  return values && Object.hasOwn(values, name) ? values[name] : undefined;
}

function mark(value: unknown): string | null {
  return value === null || value === undefined || value === '' ? null : SECRET_MARK;
}

function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return withoutSecrets(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}
