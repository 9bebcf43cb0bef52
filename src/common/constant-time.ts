import { createHash, timingSafeEqual } from 'node:crypto';

/** Compare two secrets without leaking their length or common prefix through timing. */
export function constantTimeEquals(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * Compare two hex digests of the same algorithm in constant time. Their length is
 * public (it is the algorithm's), so unlike `constantTimeEquals` nothing is hashed again.
 */
export function digestsEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}
