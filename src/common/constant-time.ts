import { createHash, timingSafeEqual } from 'node:crypto';

/** Compare two secrets without leaking their length or common prefix through timing. */
export function constantTimeEquals(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db);
}
