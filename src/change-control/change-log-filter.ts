/** Query values → ChangeLogFilter, and the LIKE pattern for `q`. Pure. */
import { ValidationError } from '../common/errors';
import { ChangeLogFilter } from './change-log.types';

/** `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an optional `Z` / `±HH:MM` (UTC when absent, as everywhere in Synchro). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

export interface ChangeLogFilterInput extends Omit<ChangeLogFilter, 'from' | 'to'> {
  from?: string;
  to?: string;
}

export function toChangeLogFilter(input: ChangeLogFilterInput): ChangeLogFilter {
  const { from, to, q, ...exact } = input;
  const filter: ChangeLogFilter = Object.fromEntries(Object.entries(exact).filter(([, value]) => value !== undefined && value !== ''));
  if (from !== undefined) filter.from = parseInstant(from, 'from');
  if (to !== undefined) filter.to = parseInstant(to, 'to');
  if (filter.from && filter.to && filter.from > filter.to) {
    throw ValidationError.field('CHANGE_LOG.BAD_RANGE', 'to', 'must not be before from');
  }
  if (q !== undefined && q.trim() !== '') filter.q = q.trim();
  return filter;
}

/** An ISO 8601 date or datetime; without a zone it is UTC. */
export function parseInstant(text: string, field: string): Date {
  const trimmed = text.trim();
  const zoned = /T/i.test(trimmed) && !/(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? `${trimmed}Z` : trimmed;
  const date = ISO_INSTANT.test(trimmed) ? new Date(zoned) : new Date(NaN);
  if (Number.isNaN(date.getTime())) {
    throw ValidationError.field('REQUEST.INVALID', field, 'must be an ISO 8601 date or datetime, e.g. 2026-01-31T09:30:00Z');
  }
  return date;
}

/** The escape character of LIKE patterns: `!` works as is on SQLite and MySQL (a backslash needs different quoting on each). */
export const LIKE_ESCAPE = '!';

/** `%text%` with the pattern characters of `text` escaped, so `q` is matched literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (char) => LIKE_ESCAPE + char)}%`;
}
