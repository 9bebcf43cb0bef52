/** Test-only HTTP helpers for the fake external system's specs (real HTTP via Node's fetch). */
import { FakeExternalSystem } from './fake-external';
import type { FakeExternalOptions } from './fake-types';

export interface Reply {
  status: number;
  text: string;
  /** Parsed body; undefined when the body is not JSON. */
  json: unknown;
}

export async function call(
  url: string,
  init: { method?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const res = await fetch(url, {
    method: init.method ?? 'POST',
    headers: { 'Content-Type': 'application/json', ...init.headers },
    body: init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, text, json };
}

export function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(url, { body, headers });
}

/**
 * A fake per test, without jest globals (this file is also compiled by the build, which
 * has no jest types): `const f = fakeFixture(); beforeEach(f.setup); afterEach(f.teardown);`
 */
export function fakeFixture(options: FakeExternalOptions = {}): {
  setup: () => Promise<void>;
  teardown: () => Promise<void>;
  fake: () => FakeExternalSystem;
} {
  let current: FakeExternalSystem | undefined;
  return {
    setup: async () => {
      current = new FakeExternalSystem(options);
      await current.start(0, '127.0.0.1');
    },
    teardown: async () => {
      await current?.stop();
      current = undefined;
    },
    fake: () => {
      if (!current) throw new Error('fake not started');
      return current;
    },
  };
}

export const OK = { status: 'success', error_message: false };
