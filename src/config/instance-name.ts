/**
 * Which instance did it: INSTANCE_NAME, or `<host>-<pid>` when unset. Every outbound call says it in
 * its User-Agent (`Synchro/<version> (<instance>)`), so a receiver — or a test counting the work
 * of several instances — can tell the instances apart. Pure: no Nest, unit-tested with tables.
 */

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit; at most 64 characters (safe in a header). */
export const INSTANCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `<host>-<pid>`, the host's characters outside the pattern replaced by `-`, cut so the whole fits. */
export function defaultInstanceName(host: string, pid: number): string {
  const suffix = `-${pid}`;
  const cleaned = host.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[^A-Za-z0-9]+/, '');
  return `${(cleaned || 'synchro').slice(0, 64 - suffix.length)}${suffix}`;
}

/** The User-Agent of every outbound call. */
export function userAgent(version: string, instanceName: string): string {
  return `Synchro/${version} (${instanceName})`;
}

/** The instance named by a User-Agent of userAgent's form, or null. */
export function instanceOfUserAgent(header: string | undefined): string | null {
  const match = /^Synchro\/\S+ \(([^)]+)\)$/.exec(header ?? '');
  return match ? match[1] : null;
}
