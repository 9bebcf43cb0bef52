/**
 * JSON serialisation that never throws and never grows past a byte cap, for the
 * change log's origin/destination values: they hold whatever a remote system
 * sent, and a log row must always be writable (a failure is logged with the
 * very payload that caused it). Pure.
 */

/** 64 KB per JSON column: plenty for a record's values, small enough for any insert batch. */
export const JSON_CAP_BYTES = 64 * 1024;

/** Marker stored instead of a payload that was too large: still valid JSON, and says what happened. */
export interface TruncatedJson {
  _truncated: true;
  originalBytes: number;
  /** The beginning of the original JSON text. */
  preview: string;
}

/** JSON text of `value` (null for undefined/null), at most `capBytes` UTF-8 bytes. */
export function serializeCapped(value: unknown, capBytes = JSON_CAP_BYTES): string | null {
  if (value === undefined || value === null) return null;
  const text = stringifyLeniently(value);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= capBytes) return text;
  return truncatedMarker(text, bytes, capBytes);
}

/** Parse what serializeCapped stored; text that is not JSON comes back as the text itself. */
export function parseStored(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** JSON.stringify that copes with bigint, cycles, and toJSON/getters that throw. */
function stringifyLeniently(value: unknown): string {
  // Plain JSON.stringify first: it is several times faster than with a replacer, and it throws on
  // exactly what the lenient path exists for (bigint, cycles, throwing toJSON/getters).
  try {
    const text = JSON.stringify(value);
    if (text !== undefined) return text;
  } catch {
    // fall through to the lenient path
  }
  return stringifyWithReplacer(value);
}

function stringifyWithReplacer(value: unknown): string {
  // The objects on the path from the root to the value being serialized: only
  // a reference back into that path is a cycle (a shared object is not).
  const ancestors: object[] = [];
  try {
    const text = JSON.stringify(value, function (this: unknown, _key: string, item: unknown) {
      if (typeof item === 'bigint') return item.toString();
      if (item === null || typeof item !== 'object') return item;
      while (ancestors.length && ancestors[ancestors.length - 1] !== this) ancestors.pop();
      if (ancestors.includes(item)) return '[Circular]';
      ancestors.push(item);
      return item;
    });
    // JSON.stringify answers undefined for a bare function or symbol.
    return text ?? JSON.stringify(String(value));
  } catch (error) {
    return JSON.stringify({ _unserializable: true, reason: (error as Error).message ?? String(error) });
  }
}

function truncatedMarker(text: string, originalBytes: number, capBytes: number): string {
  const empty = JSON.stringify({ _truncated: true, originalBytes, preview: '' } satisfies TruncatedJson);
  // The preview is escaped again inside the marker (quotes, backslashes, control
  // characters grow), so shrink it until the whole marker fits.
  let budget = Math.max(0, capBytes - Buffer.byteLength(empty, 'utf8'));
  for (;;) {
    const preview = utf8Prefix(text, budget);
    const marker = JSON.stringify({ _truncated: true, originalBytes, preview } satisfies TruncatedJson);
    const size = Buffer.byteLength(marker, 'utf8');
    if (size <= capBytes || budget === 0) return marker;
    budget = Math.max(0, budget - (size - capBytes) - 16);
  }
}

/** The longest prefix of `text` of at most `maxBytes` UTF-8 bytes, never splitting a character. */
export function utf8Prefix(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}
