/** CSV writing (RFC 4180) for the change-log export. Pure. */

/**
 * One field: quoted when it holds a comma, quote, CR or LF (quotes doubled);
 * null/undefined are empty; objects become JSON text.
 */
export function csvField(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text =
    typeof value === 'object' && !(value instanceof Date)
      ? JSON.stringify(value)
      : value instanceof Date
        ? value.toISOString()
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 says. */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * Free text from a remote system opened in a spreadsheet must not run as a
 * formula ("=HYPERLINK(...)", "+cmd|..."), so such text gets a leading
 * apostrophe (OWASP "CSV injection"). Plain negative numbers are left alone.
 */
export function neutralizeFormula(text: string | null): string | null {
  if (text === null) return null;
  if (/^[\t\r\n]/.test(text)) return `'${text}`;
  // Spreadsheets skip leading blanks and read full-width and small forms (＝, ﹦, ＋, ＠, －) as their ASCII twins.
  const head = text.normalize('NFKC').replace(/^[\s\u200b\ufeff]+/, '');
  return /^[=+@]/.test(head) || /^-(?!\d+(\.\d+)?$)/.test(head) ? `'${text}` : text;
}
