/**
 * The multi-instance tests' count of who did the work, taken at the receiver: each request the fake
 * external system saw, by the instance its User-Agent names (INSTANCE_NAME; `(none)` when it names
 * none). A test asserting that every instance did part of the work fails when one instance alone did it.
 */
import { INestApplication } from '@nestjs/common';
import { createApp } from '../../src/bootstrap';
import { instanceOfUserAgent } from '../../src/config/instance-name';
import type { RecordedRequest } from '../fake-external/fake-types';

export const instanceOf = (request: RecordedRequest): string =>
  instanceOfUserAgent(String(request.headers['user-agent'] ?? '')) ?? '(none)';

/** Requests per instance, every name in `names` present (0 when it did nothing). */
export function countPerInstance(requests: RecordedRequest[], names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const request of requests) counts[instanceOf(request)] = (counts[instanceOf(request)] ?? 0) + 1;
  return counts;
}

/** The names in `names` that did none of `requests` (expect it to be []). */
export const idleInstances = (requests: RecordedRequest[], names: readonly string[]): string[] =>
  Object.entries(countPerInstance(requests, names))
    .filter(([name, count]) => names.includes(name) && count === 0)
    .map(([name]) => name);

/**
 * Another application in this process on the test app's database, named `name` (INSTANCE_NAME is
 * read when the app is created; the test app's own name is put back afterwards). Not yet initialised.
 */
export async function createNamedApp(name: string): Promise<INestApplication> {
  const previous = process.env.INSTANCE_NAME;
  process.env.INSTANCE_NAME = name;
  try {
    return await createApp({ logger: ['error'] });
  } finally {
    if (previous === undefined) delete process.env.INSTANCE_NAME;
    else process.env.INSTANCE_NAME = previous;
  }
}
